/**
 * The preview: the real bot (same buildApp, guards, storage and stories) against the embedded Bot API in
 * this process, receiving updates by long polling from the model's queue as it would from Telegram, and a
 * chat page at http://127.0.0.1:<PORT> in front of it. Stories come from a StoryLibrary with drafts
 * included, which reloads on content changes (the last good version of a broken story stays live).
 */
import type { Logger } from "pino";
import { type App, buildApp } from "../app/build.js";
import { describeFatal } from "../app/errors.js";
import { SHUTDOWN_BUDGET_MS } from "../app/shutdown.js";
import { registerCommands } from "../bot/commands.js";
import { LANGS } from "../bot/i18n.js";
import { registerProfile } from "../bot/profile.js";
import { modelBotOptions } from "../bot-api/fetch.js";
import { BotApiModel } from "../bot-api/model.js";
import type { Config } from "../config.js";
import { StoryLibrary } from "../content/library.js";
import { formatProblem, StoryError } from "../content/problem.js";
import { createHttpApp } from "../server/http/create-http-app.js";
import { createHttpServer, listen } from "../server/http/serve.js";
import { deleteWebhook, startPolling } from "../server/polling.js";
import type { Running } from "../server/running.js";
import type { PreviewRequest } from "./request.js";
import { LOOPBACK_HOSTNAMES, previewRoutes } from "./routes.js";
import { ReaderSimulator } from "./simulator.js";
import { findPage } from "./static-page.js";
import { describeStories } from "./stories.js";

/** The preview bot's profile: recognisable as the preview in the page and in logs. */
export const PREVIEW_BOT = { username: "khabar_preview_bot", first_name: "Khabar" } as const;

/** Options of {@link runPreview}. */
export interface RunPreviewOptions {
  config: Config;
  logger: Logger;
  request: PreviewRequest;
}

/**
 * Runs the preview until a signal ends the process (the shutdown exits). Never resolves, so the entry
 * point's Telegram path after it does not run.
 */
export async function runPreview(options: RunPreviewOptions): Promise<never> {
  const { config, logger, request } = options;
  const contentDir = request.contentDir ?? config.contentDir;
  const library = openOrExit(contentDir, logger);

  // Telegram's sending limits, so a breach shows in the chat as a red notice like any other refusal (a
  // reader's own quick taps stay inside the burst of 5 in 5 s).
  const model = new BotApiModel({ botInfo: PREVIEW_BOT, flood: { perChat: 5, perChatWindowMs: 5000 } });
  const simulator = new ReaderSimulator(model);
  simulator.stories = describeStories(library.current.stories);

  const app: App = await startBot(config, logger, model, library);
  await deleteWebhook(app.bot.api);
  const polling: Running = await startPolling({
    bot: app.bot,
    inbox: app.store.inbox,
    durable: app.durable,
    logger,
  });
  // The model never ends a poll by itself; if the runner still gives up, say why and stop.
  const watchPolling = (running: Running): void => {
    running.fatal.then((error) => {
      logger.fatal({ err: error }, describeFatal(error));
      void shutdown("update source failed", 1);
    });
  };
  watchPolling(polling);

  const loopback = request.host === "127.0.0.1" || request.host === "localhost" || request.host === "::1";
  const routes = previewRoutes({
    simulator,
    page: findPage(),
    languages: LANGS,
    ...(loopback ? { allowedHostnames: LOOPBACK_HOSTNAMES } : {}),
  });
  // The same HTTP layer as the webhook server: one Hono app of route groups, served with its limits.
  const http = createHttpServer(createHttpApp({ logger, routes: [routes] }), { logger });
  const { port } = await listen(http.server, config.port, request.host);
  const address = `http://${request.host.includes(":") ? `[${request.host}]` : request.host}:${port}`;
  logger.info({ mode: "preview", address, content: contentDir }, "preview ready");
  process.stdout.write(
    `khabar preview: open ${address} to chat with the bot (no Telegram needed). To run it on Telegram, set BOT_TOKEN (from @BotFather) in .env and run npm start.\n`,
  );

  let stopping = false;
  const shutdown = async (reason: string, code = 0): Promise<void> => {
    if (stopping) process.exit(1); // a second Ctrl-C: now
    stopping = true;
    logger.info({ reason }, "shutting down the preview");
    const force = setTimeout(() => process.exit(1), SHUTDOWN_BUDGET_MS);
    force.unref();
    try {
      await polling.stop();
      await Promise.all([app.inFlight.idle(SHUTDOWN_BUDGET_MS / 2), app.push.stop(SHUTDOWN_BUDGET_MS / 2)]);
      simulator.close();
      model.cancelPendingPolls();
      http.stopAccepting();
      // The page's event stream never ends by itself: give it a moment, then close it.
      await http.closeConnections(500);
      await app.store.close();
      logger.info({ reason }, "stopped");
      process.exit(code);
    } catch (error) {
      logger.error({ err: error }, "shutdown failed");
      process.exit(1);
    }
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void shutdown(signal));

  library.watch();
  // Pushes arrive in the preview's chat as on Telegram: a story saved under --content is pushed to the
  // preview reader once they follow (src/push/app-start.ts).
  const { startPushes } = await import("../push/app-start.js");
  startPushes(app.push, library, logger);
  library.onSwap((catalog) => {
    simulator.stories = describeStories(catalog.stories);
    registerCommands(app.bot.api, app.i18n, config.defaultLocale, catalog.stories).catch((err: unknown) =>
      logger.warn({ err }, "could not register the command menu"),
    );
    registerProfile(app.bot.api, app.i18n, config.defaultLocale, catalog.stories).catch((err: unknown) =>
      logger.warn({ err }, "could not register the bot description"),
    );
  });

  return new Promise<never>(() => undefined);
}

function openOrExit(contentDir: string, logger: Logger): StoryLibrary {
  try {
    return StoryLibrary.open(contentDir, logger, { includeDrafts: true });
  } catch (error) {
    if (!(error instanceof StoryError)) throw error;
    for (const problem of error.problems) console.error(`khabar: ${formatProblem(problem)}`);
    logger.fatal({ problems: error.problems.length, dir: contentDir }, "no story is valid: not starting");
    process.exit(1);
  }
}

/** Builds the bot on the model, asks who it is and registers its menu. */
async function startBot(
  config: Config,
  logger: Logger,
  model: BotApiModel,
  library: StoryLibrary,
): Promise<App> {
  const app = buildApp(config, library, logger, { botConfig: modelBotOptions(model) });
  try {
    await app.bot.init();
    await registerCommands(app.bot.api, app.i18n, config.defaultLocale, library.current.stories);
  } catch (error) {
    logger.fatal({ err: error }, describeFatal(error));
    process.exit(1);
  }
  // The page shows the description on an empty chat; without one it shows none.
  await registerProfile(app.bot.api, app.i18n, config.defaultLocale, library.current.stories).catch(
    (err: unknown) => logger.warn({ err }, "could not register the bot description"),
  );
  return app;
}
