/**
 * The entry point (`npm start`): configuration → story → store and bot → long polling or webhook server →
 * signals. Each step lives in its own module; this file only orders them and decides when to give up.
 */
import { config as loadDotenv } from "dotenv";
import { buildApp } from "./app/build.js";
import {
  describeFatal,
  START_TIMEOUT_MS,
  StartTimeout,
  watchStartFailures,
  withTimeout,
} from "./app/errors.js";
import { createShutdown } from "./app/shutdown.js";
import { registerCommands } from "./bot/commands.js";
import { registerProfile } from "./bot/profile.js";
import { parseConfig, secretsOf } from "./config.js";
import { StoryLibrary } from "./content/library.js";
import { formatProblem, StoryError } from "./content/problem.js";
import { createLogger } from "./logger.js";
import { type PreviewRequest, previewRequest } from "./preview/request.js";
import type { Running } from "./server/running.js";

// `.env` never overrides variables set in the real environment; DOTENV_PATH picks another file.
loadDotenv({ quiet: true });
let preview: PreviewRequest | undefined;
try {
  preview = previewRequest(process.argv.slice(2), process.env);
} catch (error) {
  console.error(`khabar: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
const parsed = parseConfig(process.env, {
  stdoutIsTTY: process.stdout.isTTY === true,
  preview: preview !== undefined,
});
if (!parsed.ok) {
  for (const error of parsed.errors) console.error(`khabar: ${error}`);
  process.exit(1);
}
const { config } = parsed;
const logger = await createLogger({
  level: config.logLevel,
  format: config.logFormat,
  secrets: secretsOf(config),
});
// Node would print these raw to stderr, past the redacting logger.
process.on("uncaughtException", (error) => {
  logger.fatal({ err: error }, "uncaught exception");
  process.exit(1);
});
process.on("unhandledRejection", (reason) => {
  logger.fatal({ err: reason }, "unhandled promise rejection");
  process.exit(1);
});

// No token outside production, or `npm run preview`: the bot on the embedded Bot API, with a chat page.
// runPreview never returns; the process ends through its own shutdown.
if (preview !== undefined) {
  const { runPreview } = await import("./preview/run.js");
  await runPreview({ config, logger, request: preview });
}

let library: StoryLibrary;
try {
  library = StoryLibrary.open(config.contentDir, logger);
} catch (error) {
  if (!(error instanceof StoryError)) throw error;
  for (const problem of error.problems) console.error(`khabar: ${formatProblem(problem)}`);
  logger.fatal(
    { problems: error.problems.length, dir: config.contentDir },
    "no story is valid: not starting",
  );
  process.exit(1);
}

// Content edits are picked up without a restart: checked first, swapped in whole, the last good version kept
// (the watcher starts once updates flow, below; SIGHUP works from here on).
process.on("SIGHUP", () => library.reload("SIGHUP"));

let app: ReturnType<typeof buildApp>;
try {
  app = buildApp(config, library, logger);
} catch (error) {
  // A damaged or unopenable database: say which file and what to do, not a stack.
  logger.fatal({ err: error }, describeFatal(error));
  process.exit(1);
}
let running: Running | undefined;
const shutdown = createShutdown({
  logger,
  store: app.store,
  inFlight: app.inFlight,
  push: app.push,
  running: () => running,
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void shutdown(signal));

logger.info(
  { mode: config.mode, store: app.store.kind, api: config.apiRoot ?? "https://api.telegram.org" },
  "starting: asking the Bot API who we are",
);
const lastStartFailure = watchStartFailures(app.bot.api);
// Polling only: Telegram refuses getUpdates while a webhook is set, and deleting it needs nothing from getMe,
// so the polling code loads and deleteWebhook goes out while getMe is under way (one round trip less).
// Awaited only once getMe has succeeded, so a failed start still reports getMe's failure; if this early
// call failed (say, while getMe was still being retried), it is sent once more then, as it used to be.
const pollingCode = config.mode === "polling" ? import("./server/polling.js") : undefined;
const earlyDelete = pollingCode?.then((polling) => polling.deleteWebhook(app.bot.api));
pollingCode?.catch(() => undefined);
earlyDelete?.catch(() => undefined);
try {
  await withTimeout(
    app.bot.init(),
    START_TIMEOUT_MS,
    () => new StartTimeout(START_TIMEOUT_MS, lastStartFailure()),
  );
  if (String(app.bot.botInfo.id) !== config.botId) {
    logger.warn(
      { bot_id: app.bot.botInfo.id },
      "getMe reports a bot id that differs from the token's prefix",
    );
  }
  // The command menu: a Bot API server without setMyCommands must not keep the bot down.
  const menu = () =>
    registerCommands(app.bot.api, app.i18n, config.defaultLocale, library.current.stories).then(
      () => logger.info("command menu registered"),
      (err: unknown) => logger.warn({ err }, "could not register the command menu; going on without it"),
    );
  // Likewise the description ("What can this bot do?") and short description, which name the stories.
  const profile = () =>
    registerProfile(app.bot.api, app.i18n, config.defaultLocale, library.current.stories).then(
      () => logger.info("bot description registered"),
      (err: unknown) => logger.warn({ err }, "could not register the bot description; going on without it"),
    );
  // Registers the current catalog, and again after every swap.
  const registerAll = () => {
    void menu().then(profile);
    library.onSwap(() => void menu().then(profile));
  };
  // Each mode's code is imported only when chosen (a separate chunk in dist/, see scripts/build.mjs): a
  // polling process never loads the HTTP server, nor a webhook process the runner.
  if (config.mode === "polling") {
    const polling = await (pollingCode ?? import("./server/polling.js"));
    // deleteWebhook gets getMe's patience.
    const again = () => polling.deleteWebhook(app.bot.api);
    await withTimeout(
      earlyDelete?.catch(again) ?? again(),
      START_TIMEOUT_MS,
      () => new StartTimeout(START_TIMEOUT_MS, lastStartFailure()),
    );
    if (config.healthPort !== undefined) {
      const { startHealthServer } = await import("./server/health-server.js");
      const health = await startHealthServer({
        store: app.store,
        mode: "polling",
        host: config.host,
        port: config.healthPort,
        logger,
      });
      logger.info({ port: health.address.port }, "health check listening on /healthz");
    }
    running = await polling.startPolling({
      bot: app.bot,
      inbox: app.store.inbox,
      durable: app.durable,
      logger,
    });
    // After polling has begun: fired before deleteWebhook, its nine calls held back the first getUpdates
    // by ~25 ms, and a polling bot needs none of them to take updates.
    registerAll();
  } else {
    // As before, fired (not awaited) before the webhook is set: a webhook start waits on no poll.
    registerAll();
    const { startWebhook } = await import("./server/webhook.js");
    running = await startWebhook({
      bot: app.bot,
      store: app.store,
      logger,
      host: config.host,
      port: config.port,
      path: config.webhookPath,
      secretToken: config.webhookSecret,
      webhookUrl: config.webhookUrl,
    });
    // Updates a dead instance claimed and never finished are taken over once their lease runs out.
    app.durable.recoverPeriodically();
  }
  // Only now, with updates flowing: nothing needs it first, and chokidar's directory scan competed with the
  // calls before the first getUpdates.
  library.watch();
  // Pushes start once updates flow: the catalog's events now and after every swap (src/push/app-start.ts).
  const { startPushes } = await import("./push/app-start.js");
  startPushes(app.push, library, logger);
} catch (error) {
  logger.fatal({ err: error }, describeFatal(error));
  await shutdown("start-up failed", 1);
}
running?.fatal.then((error) => {
  logger.fatal({ err: error }, describeFatal(error));
  return shutdown("update source failed", 1);
});
