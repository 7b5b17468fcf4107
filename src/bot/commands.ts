import type { Api } from "grammy";
import type { BotCommand, LanguageCode } from "grammy/types";
import type { Lang } from "../content/schema.js";
import type { Story } from "../content/story.js";
import { LANGS, type Translations, translator } from "./i18n.js";
import { commandEntries } from "./render/screens/menu.js";

/**
 * The command menu Telegram shows for one language: the commands any served story offers (Telegram keeps
 * one menu for the bot, not one per story), card aliases included.
 */
export function commandList(i18n: Translations, lang: Lang, stories: readonly Story[]): BotCommand[] {
  const t = translator(i18n, lang);
  return commandEntries(
    stories.map((story) => ({ story, t, lang, stories })),
    stories.length > 1,
  );
}

/**
 * Registers the command menu with Telegram: one list per interface language, and the default language's
 * list for clients whose language is neither.
 */
export async function registerCommands(
  api: Api,
  i18n: Translations,
  defaultLang: Lang,
  stories: readonly Story[],
): Promise<void> {
  for (const lang of LANGS) {
    await api.setMyCommands(commandList(i18n, lang, stories), { language_code: lang as LanguageCode });
  }
  await api.setMyCommands(commandList(i18n, defaultLang, stories));
}
