import { run } from "@grammyjs/runner";
import type { Api, Bot } from "grammy";
import type { Logger } from "pino";
import type { BotContext } from "../bot/context.js";
import { ALLOWED_UPDATES, type Running } from "./running.js";

/**
 * Logs failing `getUpdates` calls ourselves, through the redacting logger. The runner's own reporting
 * (`console.error` of the raw error) is switched off because it bypasses the logger, and network errors can
 * carry the request URL with the token. Repeated failures are logged at 1, 2, 4, 8, … so an outage costs a
 * handful of lines, not one per retry; recovery is logged once.
 */
function watchPolling(api: Api, logger: Logger): void {
  let failures = 0;
  const report = (err: unknown): void => {
    failures++;
    if ((failures & (failures - 1)) === 0) {
      logger.warn({ err, failures }, "getUpdates failed; the runner retries with a growing pause");
    }
  };
  api.config.use(async (prev, method, payload, signal) => {
    if (method !== "getUpdates") return prev(method, payload, signal);
    try {
      const result = await prev(method, payload, signal);
      if (result.ok) {
        if (failures > 0) logger.info({ failures }, "getUpdates works again");
        failures = 0;
      } else if (result.error_code !== 401 && result.error_code !== 409) {
        // 401 and 409 end polling; they are explained once by describeFatal().
        report({ error_code: result.error_code, description: result.description });
      }
      return result;
    } catch (error) {
      if (!signal?.aborted) report(error);
      throw error;
    }
  });
}

/**
 * Long polling with @grammyjs/runner: updates of different readers are handled concurrently (ordered per
 * chat and reader by the sequentialize guard). Deletes any webhook first, since Telegram refuses
 * getUpdates while one is set.
 *
 * How the runner ends: 401 and 409 are "unrecoverable" in its fetch loop (`throwIfUnrecoverable`), so it
 * rethrows them, the update source's generator throws, and `handle.task()` rejects with that GrammyError
 * (all other errors are retried, with 429 waiting `retry_after`). `fatal` turns this into a settled promise,
 * so the entry point can log it and exit non-zero instead of spinning.
 */
export async function startPolling(bot: Bot<BotContext>, logger: Logger): Promise<Running> {
  watchPolling(bot.api, logger);
  await bot.api.deleteWebhook({ drop_pending_updates: false });
  const handle = run(bot, {
    runner: {
      fetch: { allowed_updates: ALLOWED_UPDATES },
      silent: true,
      // +100 ms per failed attempt: a 10-minute outage costs ~110 polls and recovery within ~11 s, where
      // the default doubling could leave the bot asleep for minutes after the network is back.
      retryInterval: "quadratic",
    },
  });
  let stopping = false;
  const task = handle.task();
  const fatal = new Promise<Error>((resolve) => {
    task?.catch((error: unknown) => {
      if (!stopping) resolve(error instanceof Error ? error : new Error(String(error)));
    });
  });
  logger.info({ mode: "polling", bot: bot.botInfo.username }, "polling for updates");
  return {
    fatal,
    async stop() {
      stopping = true;
      // Aborts the pending long poll; the promise is the runner's task, which already failed if `fatal` fired.
      await Promise.resolve(handle.stop()).catch(() => undefined);
    },
  };
}
