/**
 * The entry point (`npm start`, `npm run preview`): environment → configuration → logger → stories → the
 * bot's start-up (`startBot`: app, signals, getMe, transport, registration, watcher). The preview takes
 * the same start-up with the embedded Bot API in place of Telegram. Each step lives in its own module;
 * this file only orders them.
 */
import { config as loadDotenv } from "dotenv";
import { processLogger, readConfig, readPreviewRequest } from "./startup/configure.js";
import { openLibraryOrExit } from "./startup/open-library.js";
import { startBot } from "./startup/start.js";

// `.env` never overrides variables set in the real environment; DOTENV_PATH picks another file.
loadDotenv({ quiet: true });
const preview = readPreviewRequest();
const config = readConfig(preview !== undefined);
const logger = await processLogger(config);

if (preview !== undefined) {
  // No token outside production, or `npm run preview`: the bot on the embedded Bot API, with a chat page.
  const { runPreview } = await import("./preview/run.js");
  await runPreview({ config, logger, request: preview });
} else {
  const library = openLibraryOrExit(config.contentDir, logger);
  await startBot({ config, logger, library });
}
