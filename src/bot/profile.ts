import type { Api } from "grammy";
import type { LanguageCode } from "grammy/types";
import type { Lang } from "../content/schema.js";
import { localize, type Story } from "../content/story.js";
import { LIMITS } from "../telegram-limits.js";
import { LANGS, type Translations } from "./i18n.js";

/** What Telegram shows of the bot before a chat starts, in one language. */
export interface ProfileTexts {
  /** "What can this bot do?" on an empty chat: at most `LIMITS.botDescription` characters. */
  description: string;
  /** The profile page and shared links: at most `LIMITS.botShortDescription` characters. */
  shortDescription: string;
}

const length = (text: string): number => [...text].length;

/** Cuts a text to `max` characters (code points, as Telegram counts), ending it with an ellipsis. */
function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max
    ? text
    : `${chars
        .slice(0, max - 1)
        .join("")
        .trimEnd()}…`;
}

/**
 * The bot's descriptions in a language: the Fluent intro, then the served stories' titles (newest first,
 * each in the language or its original) as many as fit Telegram's limit. A title never breaks mid-way.
 */
export function profileTexts(i18n: Translations, lang: Lang, stories: readonly Story[]): ProfileTexts {
  const intro = clip(i18n.t(lang, "bot-description"), LIMITS.botDescription);
  let list = "";
  for (const story of stories) {
    const line = `\n• ${localize(story.data.title, lang, story.data.language).text}`;
    const heading = list === "" ? `\n\n${i18n.t(lang, "bot-description-stories")}` : "";
    if (length(intro) + length(list) + length(heading) + length(line) > LIMITS.botDescription) break;
    list += heading + line;
  }
  return {
    description: intro + list,
    shortDescription: clip(i18n.t(lang, "bot-short-description"), LIMITS.botShortDescription),
  };
}

/**
 * Registers the bot's description and short description with Telegram: one pair per interface language,
 * and the default language's for clients whose language is neither.
 */
export async function registerProfile(
  api: Api,
  i18n: Translations,
  defaultLang: Lang,
  stories: readonly Story[],
): Promise<void> {
  const set = async (lang: Lang, language_code?: LanguageCode) => {
    const texts = profileTexts(i18n, lang, stories);
    const other = language_code === undefined ? {} : { language_code };
    await api.setMyDescription(texts.description, other);
    await api.setMyShortDescription(texts.shortDescription, other);
  };
  for (const lang of LANGS) await set(lang, lang as LanguageCode);
  await set(defaultLang);
}
