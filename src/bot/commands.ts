import type { Api } from "grammy";
import type { BotCommand, LanguageCode } from "grammy/types";
import type { Lang } from "../content/schema.js";
import { LANGS, type Translations } from "./i18n.js";
import { COMMANDS } from "./render/screens/menu.js";

/** The command menu Telegram shows for one language. */
export function commandList(i18n: Translations, lang: Lang): BotCommand[] {
  return COMMANDS.map((command) => ({ command, description: i18n.t(lang, `cmd-${command}`) }));
}

/**
 * Registers the command menu with Telegram: one list per interface language, and the default language's
 * list for clients whose language is neither.
 */
export async function registerCommands(api: Api, i18n: Translations, defaultLang: Lang): Promise<void> {
  for (const lang of LANGS) {
    await api.setMyCommands(commandList(i18n, lang), { language_code: lang as LanguageCode });
  }
  await api.setMyCommands(commandList(i18n, defaultLang));
}
