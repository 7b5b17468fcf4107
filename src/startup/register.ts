import type { Api } from "grammy";
import type { Logger } from "pino";
import { registerCommands } from "../bot/commands.js";
import type { Translations } from "../bot/i18n.js";
import { registerProfile } from "../bot/profile.js";
import type { StoryLibrary } from "../content/library.js";
import type { Lang } from "../content/schema.js";

/**
 * Registers the command menu, then the description ("What can this bot do?") and short description, which
 * name the stories: now, and again after every swap of the catalog. Fired, not awaited: a Bot API server
 * without these methods must not keep the bot down, so a failure is a warning.
 */
export function registerCatalog(
  api: Api,
  i18n: Translations,
  defaultLang: Lang,
  library: StoryLibrary,
  logger: Logger,
): void {
  const menu = () =>
    registerCommands(api, i18n, defaultLang, library.current.stories).then(
      () => logger.info("command menu registered"),
      (err: unknown) => logger.warn({ err }, "could not register the command menu; going on without it"),
    );
  const profile = () =>
    registerProfile(api, i18n, defaultLang, library.current.stories).then(
      () => logger.info("bot description registered"),
      (err: unknown) => logger.warn({ err }, "could not register the bot description; going on without it"),
    );
  void menu().then(profile);
  library.onSwap(() => void menu().then(profile));
}
