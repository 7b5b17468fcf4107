import { performance } from "node:perf_hooks";
import { createConcurrentSink, createRunner, createSource, type UpdateSupplier } from "@grammyjs/runner";
import { type Api, type Bot, GrammyError } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "pino";
import type { BotContext } from "../bot/context.js";
import type { Claimed, Inbox } from "../storage/inbox.js";
import { type Durable, isEphemeral } from "./durable.js";
import { ALLOWED_UPDATES, type Running } from "./running.js";

/** The longest any wait of the poller lasts (a retry_after, a back-off) before it polls again. */
export const MAX_WAIT_MS = 60_000;

/** After this long of nothing but failures (monotonic time) polling gives up and the process exits 1. */
export const GIVE_UP_AFTER_MS = 15 * 60 * 60 * 1000;

/**
 * How many updates may be handled at once. Below the runner's default of 500 on purpose: a crash can repeat
 * at most the replies in flight, and 100 concurrent updates are still far above what Telegram lets a bot
 * send (about 30 messages a second).
 */
export const CONCURRENCY = 100;

/** The runner's abort signal (the abort-controller polyfill's type, which grammY's calls also accept). */
type RunnerSignal = Parameters<UpdateSupplier<Claimed>["supply"]>[1];

/** Injectable time, so tests can jump clocks and skip waits. */
export interface PollingClock {
  /** Monotonic milliseconds (default `performance.now`): a wall-clock jump never ends polling. */
  now(): number;
  /** Waits `ms`, or less when `signal` aborts (default: a timer). */
  sleep(ms: number, signal: RunnerSignal): Promise<void>;
}

const realClock: PollingClock = {
  now: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal.aborted) {
        resolve();
        return;
      }
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        resolve();
      }
      signal.addEventListener("abort", done);
    }),
};

/**
 * The longest wait between attempts while the store refuses to record updates (read-only, full, damaged):
 * the waits double from 100 ms to this, so a store that stays broken costs a few polls a minute, not ten a
 * second, and one that heals is noticed within this long.
 */
export const MAX_STORE_WAIT_MS = 10_000;

/** Options of {@link startPolling}. */
export interface PollingOptions {
  bot: Bot<BotContext>;
  inbox: Inbox;
  durable: Durable;
  logger: Logger;
  clock?: PollingClock;
}

/** The answer was `ok` but not a list of updates (`{"ok":true}`, `"result":{}`): a broken Bot API server. */
class MalformedAnswer extends Error {}

/** Why a getUpdates attempt failed, and how long to wait before the next. */
function retryAfterMs(error: unknown): number | undefined {
  if (error instanceof GrammyError && error.error_code === 429) {
    const seconds = error.parameters.retry_after;
    if (typeof seconds === "number" && seconds >= 0) return seconds * 1000;
  }
  return undefined;
}

function isUpdateList(value: unknown): value is Update[] {
  return (
    Array.isArray(value) &&
    value.every(
      (u: unknown) =>
        typeof u === "object" && u !== null && "update_id" in u && Number.isSafeInteger(u.update_id),
    )
  );
}

/**
 * Logs failing `getUpdates` calls ourselves, through the redacting logger, at 1, 2, 4, 8, … failures so an
 * outage costs a handful of lines, not one per retry; recovery is logged once.
 */
function failureReporter(logger: Logger): { failed(err: unknown, waitMs: number): void; worked(): void } {
  let failures = 0;
  return {
    failed(err, waitMs) {
      failures++;
      if ((failures & (failures - 1)) === 0) {
        const detail =
          err instanceof GrammyError
            ? { error_code: err.error_code, description: err.description }
            : err instanceof MalformedAnswer
              ? { answer: err.message }
              : { err };
        logger.warn(
          { ...detail, failures, wait_ms: Math.round(waitMs) },
          err instanceof MalformedAnswer
            ? "getUpdates answered ok without a list of updates; waiting, then polling again"
            : "getUpdates failed; waiting, then polling again",
        );
      }
    },
    worked() {
      if (failures > 0) logger.info({ failures }, "getUpdates works again");
      failures = 0;
    },
  };
}

/**
 * Logs a failing store at 1, 2, 4, 8, … failures in a row (with the count), so a store that stays broken
 * writes a handful of lines an hour instead of one per attempt, and says once when it works again.
 */
function storeFailureReporter(logger: Logger): {
  failed(err: unknown, message: string, fields: object): void;
  worked(): void;
} {
  let failures = 0;
  return {
    failed(err, message, fields) {
      failures++;
      if ((failures & (failures - 1)) === 0) logger.error({ err, failures, ...fields }, message);
    },
    worked() {
      if (failures > 0) logger.info({ failures }, "the store works again");
      failures = 0;
    },
  };
}

/**
 * The update supplier: our own fetch loop in place of the runner's `createUpdateFetcher`, because that one
 * confirms a batch as soon as it asks for the next, cannot cap a `retry_after` (it slept a day on
 * `retry_after: 86400`, deaf to SIGTERM), gives up on wall-clock time, and loops hot on an `ok` answer
 * without updates. Here:
 * 1. at start, the inbox's unfinished updates come first (taken over from whichever process held them);
 * 2. each batch is recorded in the inbox (durably) before it is handed on, so the next getUpdates, which
 *    confirms it to Telegram, only goes out once nothing of it can be lost;
 * 3. every wait is capped at {@link MAX_WAIT_MS} and ends at once when the runner aborts (SIGTERM);
 * 4. give-up after {@link GIVE_UP_AFTER_MS} of failures is measured on a monotonic clock.
 * The runner's source (pacing by the sink's capacity) and concurrent sink are kept: they are well tested.
 */
function durableSupplier(options: PollingOptions & { clock: PollingClock }): UpdateSupplier<Claimed> {
  const { bot, inbox, durable, logger, clock } = options;
  const report = failureReporter(logger);
  let offset = 0;
  let replaying = true;
  let replayed = 0;
  let retryIn = 0;
  let failingSince: number | undefined;

  const storeReport = storeFailureReporter(logger);
  let storeRetryIn = 0;
  // Its own back-off, apart from getUpdates': a poll that works does not make a broken store work.
  const storeBackOff = async (signal: RunnerSignal): Promise<void> => {
    storeRetryIn = storeRetryIn === 0 ? 100 : Math.min(MAX_STORE_WAIT_MS, storeRetryIn * 2);
    await clock.sleep(storeRetryIn, signal);
  };
  const storeWorked = (): void => {
    storeReport.worked();
    storeRetryIn = 0;
  };

  const backOff = async (error: unknown, signal: RunnerSignal): Promise<void> => {
    failingSince ??= clock.now();
    if (clock.now() - failingSince > GIVE_UP_AFTER_MS) throw error;
    retryIn = Math.min(MAX_WAIT_MS, retryIn + 100);
    const wait = Math.min(MAX_WAIT_MS, retryAfterMs(error) ?? retryIn);
    report.failed(error, wait);
    await clock.sleep(wait, signal);
  };

  return {
    async supply(batchSize, signal) {
      const limit = Math.max(1, Math.min(batchSize, 100));
      while (replaying && !signal.aborted) {
        try {
          const claimed = await inbox.claimUnfinished(durable.lease, { limit, takeOver: true });
          storeWorked();
          if (claimed.length > 0) {
            replayed += claimed.length;
            return claimed;
          }
          replaying = false;
          if (replayed > 0)
            logger.info({ updates: replayed }, "handled the updates left unfinished last time");
        } catch (error) {
          storeReport.failed(error, "cannot read unfinished updates from the store; retrying", {});
          await storeBackOff(signal);
        }
      }
      for (;;) {
        if (signal.aborted) throw new Error("polling stopped");
        let result: unknown;
        try {
          result = await bot.api.getUpdates(
            { offset, limit, timeout: 30, allowed_updates: [...ALLOWED_UPDATES] },
            signal,
          );
          if (!isUpdateList(result)) {
            throw new MalformedAnswer(
              result === undefined ? "no result" : JSON.stringify(result).slice(0, 80),
            );
          }
        } catch (error) {
          if (signal.aborted) throw error;
          // 401 (token revoked) and 409 (another poller or a webhook) end polling: the entry point exits 1.
          if (error instanceof GrammyError && (error.error_code === 401 || error.error_code === 409)) {
            throw error;
          }
          await backOff(error, signal);
          continue;
        }
        report.worked();
        failingSince = undefined;
        retryIn = 0;
        if (result.length === 0) return [];
        let claimed: Claimed[];
        try {
          // Inline queries skip the inbox (see isEphemeral): handled once, as they come, recording nothing.
          claimed = await inbox.admit(
            result.filter((update) => !isEphemeral(update)),
            durable.lease,
          );
        } catch (error) {
          // Not recorded, so not confirmed: the same updates come again with the next getUpdates.
          storeReport.failed(error, "cannot record updates in the store; not confirming them to Telegram", {
            updates: result.length,
          });
          await storeBackOff(signal);
          continue;
        }
        storeWorked();
        const last = result[result.length - 1];
        if (last !== undefined) offset = last.update_id + 1;
        const ephemeral = result.filter(isEphemeral).map((update) => ({ update, attempts: 1 }));
        return ephemeral.length === 0 ? claimed : [...claimed, ...ephemeral];
      }
    },
  };
}

/**
 * Long polling: updates of different readers are handled concurrently (ordered per chat and reader by the
 * sequentialize guard), each recorded in the inbox before Telegram is told it arrived, and marked done
 * only when handled. Deletes any webhook first (Telegram refuses getUpdates while one is set), with the
 * same patience as getMe at start.
 *
 * How it ends: 401 and 409 make the supplier throw, the runner's task rejects, and `fatal` settles with
 * that error (the entry point logs it and exits 1). `stop()` aborts the pending long poll or wait at once
 * and does not wait for capacity: updates not yet started stay in the inbox for the next start.
 */
export async function startPolling(options: PollingOptions): Promise<Running> {
  const { bot, durable, logger } = options;
  const clock = options.clock ?? realClock;
  const source = createSource(durableSupplier({ ...options, clock }));
  const sink = createConcurrentSink<Claimed, unknown>(
    { consume: (claimed) => durable.handleClaimed(claimed) },
    async () => undefined,
    { concurrency: CONCURRENCY },
  );
  const handle = createRunner(source, sink);
  handle.start();
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
      durable.stop();
      // Not awaited: the runner's task may be waiting for capacity behind slow handlers; shutdown waits
      // for what is in flight itself (InFlight), bounded by its budget.
      handle.stop()?.catch(() => undefined);
    },
  };
}

/** Removes any webhook, so getUpdates is allowed; kept apart for start-up's patience (see main.ts). */
export async function deleteWebhook(api: Api): Promise<void> {
  await api.deleteWebhook({ drop_pending_updates: false });
}
