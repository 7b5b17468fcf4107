/**
 * One start-up for every way the bot runs (`npm start` on Telegram, the preview on the embedded Bot API):
 * the app, signals and shutdown, getMe, the transport (long polling or the webhook server), the command
 * menu and description, the content watcher. Only the Bot API transport differs between them.
 */
import type { BotConfig } from "grammy";
import type { Logger } from "pino";
import type { BotContext } from "../bot/context.js";
import type { Config } from "../config.js";
import type { StoryLibrary } from "../content/library.js";
import type { Running } from "../updates/running.js";
import { type App, type AppOverrides, buildApp } from "./build.js";
import { describeFatal, START_TIMEOUT_MS, StartTimeout, watchStartFailures, withTimeout } from "./errors.js";
import { registerCatalog } from "./register.js";
import { createShutdown } from "./shutdown.js";

/** Options of {@link startBot}. */
export interface StartOptions {
  config: Config;
  logger: Logger;
  library: StoryLibrary;
  /** The Bot API transport (grammY's `client` and `botInfo`): Telegram by default, the model in the preview. */
  botConfig?: BotConfig<BotContext>;
  /** The store to use instead of the configured one (the preview keeps its own, in memory). */
  store?: AppOverrides["store"];
  /** Where that transport goes, for the start-up log line (default: the configured Bot API root). */
  apiName?: string;
  /** Closed on shutdown after the update source and before the store (the preview's page server). */
  closeAlso?: () => Promise<void>;
}

/**
 * Starts the bot and resolves once updates flow; a failure to start is logged and ends the process with
 * exit 1 through the shutdown, as does an update source that fails later (401, 409).
 */
export async function startBot(options: StartOptions): Promise<App> {
  const { config, logger, library } = options;
  let app: App;
  try {
    app = buildApp(config, library, logger, {
      ...(options.botConfig ? { botConfig: options.botConfig } : {}),
      ...(options.store ? { store: options.store } : {}),
    });
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
    ...(options.closeAlso ? { closeAlso: options.closeAlso } : {}),
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void shutdown(signal));

  try {
    const api = options.apiName ?? config.apiRoot ?? "https://api.telegram.org";
    running = await startTransport(app, config, logger, library, api);
    // Only now, with updates flowing: nothing needs it first, and chokidar's directory scan competed with
    // the calls before the first getUpdates.
    library.watch();
    // Pushes start once updates flow: the catalog's events now and after every swap.
    const { startPushes } = await import("./start-pushes.js");
    startPushes(app.push, app.views, library, logger);
  } catch (error) {
    logger.fatal({ err: error }, describeFatal(error));
    await shutdown("start-up failed", 1);
  }
  running?.fatal.then((error) => {
    logger.fatal({ err: error }, describeFatal(error));
    return shutdown("update source failed", 1);
  });
  return app;
}

/** getMe, then long polling or the webhook server, with the menu and description registered alongside. */
async function startTransport(
  app: App,
  config: Config,
  logger: Logger,
  library: StoryLibrary,
  api: string,
): Promise<Running> {
  logger.info({ mode: config.mode, store: app.store.kind, api }, "starting: asking the Bot API who we are");
  const lastStartFailure = watchStartFailures(app.bot.api);
  const patiently = <T>(promise: Promise<T>) =>
    withTimeout(promise, START_TIMEOUT_MS, () => new StartTimeout(START_TIMEOUT_MS, lastStartFailure()));
  // Polling only: Telegram refuses getUpdates while a webhook is set, and deleting it needs nothing from
  // getMe, so the polling code loads and deleteWebhook goes out while getMe is under way (one round trip
  // less). Awaited only once getMe has succeeded, so a failed start still reports getMe's failure; if this
  // early call failed (say, while getMe was still being retried), it is sent once more then.
  const pollingCode = config.mode === "polling" ? import("../updates/polling.js") : undefined;
  const earlyDelete = pollingCode?.then((polling) => polling.deleteWebhook(app.bot.api));
  pollingCode?.catch(() => undefined);
  earlyDelete?.catch(() => undefined);

  await patiently(app.bot.init());
  if (String(app.bot.botInfo.id) !== config.botId) {
    logger.warn(
      { bot_id: app.bot.botInfo.id },
      "getMe reports a bot id that differs from the token's prefix",
    );
  }
  const register = () => registerCatalog(app.bot.api, app.i18n, config.defaultLocale, library, logger);
  // Each mode's code is imported only when chosen (a separate chunk in dist/, see scripts/build.mjs): a
  // polling process never loads the HTTP server, nor a webhook process the runner.
  if (config.mode === "polling") {
    const polling = await (pollingCode ?? import("../updates/polling.js"));
    const again = () => polling.deleteWebhook(app.bot.api);
    await patiently(earlyDelete?.catch(again) ?? again());
    if (config.healthPort !== undefined) {
      const { startHealthServer } = await import("../http/health-server.js");
      const health = await startHealthServer({
        store: app.store,
        mode: "polling",
        host: config.host,
        port: config.healthPort,
        logger,
      });
      logger.info({ port: health.address.port }, "health check listening on /healthz");
    }
    const running = await polling.startPolling({
      bot: app.bot,
      inbox: app.store.inbox,
      durable: app.durable,
      logger,
    });
    // After polling has begun: a polling bot needs none of these calls to take updates, and they would
    // hold back the first getUpdates.
    register();
    return running;
  }
  // A webhook start waits on no poll: the calls go out while the server starts.
  register();
  const { startWebhook } = await import("../updates/webhook.js");
  const running = await startWebhook({
    bot: app.bot,
    handleUpdate: app.durable.handleUpdate,
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
  return running;
}
