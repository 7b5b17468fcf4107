/**
 * The preview: the real bot through the same start-up as `npm start` (`startBot`: same app, guards,
 * storage, registration, watcher and shutdown), with the embedded Bot API model in this process in place
 * of Telegram, and a chat page at http://127.0.0.1:<PORT> in front of it. Stories come from a StoryLibrary
 * with drafts and scheduled stories included (its own state, in memory), which reloads on content changes (the last good version of a broken story stays
 * live).
 */
import type { Logger } from "pino";
import { LANGS } from "../bot/i18n.js";
import type { Config } from "../config.js";
import { createHttpApp } from "../http/create-http-app.js";
import { createHttpServer, listen } from "../http/serve.js";
import { openLibraryOrExit } from "../startup/open-library.js";
import type { PreviewRequest } from "../startup/preview-request.js";
import { startBot } from "../startup/start.js";
import { createMemoryStore } from "../storage/index.js";
import { PREVIEW_RETENTION, previewEndpoints, previewHostnames } from "./endpoints.js";
import { ReaderSimulator } from "./simulator.js";
import { findPage } from "./static-page.js";
import { describeCatalog } from "./stories.js";
import { modelBotOptions } from "./telegram-model/fetch.js";
import { BotApiModel } from "./telegram-model/model.js";

/** The preview bot's profile: recognisable as the preview in the page and in logs. */
export const PREVIEW_BOT = { username: "khabar_preview_bot", first_name: "Khabar" } as const;

/** How often the page's push progress line is refreshed. */
const PROGRESS_EVERY_MS = 250;

/** Options of {@link runPreview}. */
export interface RunPreviewOptions {
  config: Config;
  logger: Logger;
  request: PreviewRequest;
}

/** Starts the bot on the model and the page in front of it; the process ends through the shutdown. */
export async function runPreview(options: RunPreviewOptions): Promise<void> {
  const { config, logger, request } = options;
  const contentDir = request.contentDir ?? config.contentDir;
  const library = openLibraryOrExit(contentDir, logger, { includeDrafts: true });

  // Telegram's sending limits, so a breach shows in the chat as a red notice like any other refusal (a
  // reader's own quick taps stay inside the burst of 5 in 5 s).
  const model = new BotApiModel({
    botInfo: PREVIEW_BOT,
    retain: PREVIEW_RETENTION,
    flood: { perChat: 5, perChatWindowMs: 5000 },
  });
  const simulator = new ReaderSimulator(model);
  simulator.setCatalog(describeCatalog(library.current));
  library.onSwap((catalog) => {
    simulator.setCatalog(describeCatalog(catalog));
  });

  const routes = previewEndpoints({
    simulator,
    page: findPage(),
    languages: LANGS,
    allowedHostnames: previewHostnames(request.host),
  });
  // The progress line of a running push: the engine's figures, read a few times a second (the page is
  // told only when they change).
  let progress: ReturnType<typeof setInterval> | undefined;

  // The same HTTP layer as the webhook server: one Hono app of route groups, served with its limits.
  const http = createHttpServer(createHttpApp({ logger, routes: [routes] }), { logger });

  const app = await startBot({
    config,
    logger,
    library,
    botConfig: modelBotOptions(model),
    // The preview's readers and updates live in memory: its state never mixes with the real bot's, and
    // `npm start` can run from the same folder while the preview is open.
    store: createMemoryStore({ scope: config.botId }),
    apiName: "the embedded Bot API model",
    closeAlso: async () => {
      clearInterval(progress);
      simulator.close();
      model.cancelPendingPolls();
      http.stopAccepting();
      // The page's event stream never ends by itself: give it a moment, then close it.
      await http.closeConnections(500);
    },
  });

  progress = setInterval(() => {
    const lines = app.push.engine?.status() ?? [];
    simulator.setPushes(lines.map((l) => ({ event: l.event, audience: l.audience, sent: l.sent })));
  }, PROGRESS_EVERY_MS);
  progress.unref();

  const { port } = await listen(http.server, config.port, request.host);
  const address = `http://${request.host.includes(":") ? `[${request.host}]` : request.host}:${port}`;
  logger.info({ mode: "preview", address, content: contentDir }, "preview ready");
  process.stdout.write(
    `khabar preview: open ${address} to chat with the bot (no Telegram needed). To run it on Telegram, set BOT_TOKEN (from @BotFather) in .env and run npm start.\n`,
  );
}
