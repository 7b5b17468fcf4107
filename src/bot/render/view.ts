import type { FormattedString } from "@grammyjs/parse-mode";
import type { InlineKeyboardButton, InlineKeyboardMarkup } from "grammy/types";
import type { Lang } from "../../content/schema.js";
import type { Story } from "../../content/story.js";
import { encodeRoute, type Route } from "../routes.js";
import { rtl } from "./bidi.js";
import { directed, pack } from "./text.js";

/** Looks up a UI string in the reader's language (see `locales/*.ftl`). */
export type Translate = (key: string, vars?: Record<string, string | number>) => string;

/** Everything a screen is rendered from: the story, the reader's language and the UI strings. */
export interface View {
  readonly story: Story;
  readonly lang: Lang;
  readonly t: Translate;
}

/** What the bot shows: one or more messages (each within Telegram's limit), buttons under the last. */
export interface Screen {
  readonly messages: readonly FormattedString[];
  readonly keyboard?: InlineKeyboardMarkup;
}

/** A button that opens a route; in the Arabic interface its label starts right-to-left. */
export function button(view: View, label: string, route: Route): InlineKeyboardButton.CallbackButton {
  return { text: view.lang === "ar" ? rtl(label) : label, callback_data: encodeRoute(route) };
}

/** The "main menu" button most screens end with. */
export function menuButton(view: View): InlineKeyboardButton.CallbackButton {
  return button(view, view.t("btn-menu"), { to: "menu" });
}

/** Lays buttons out in rows of `width`, dropping empty rows. */
export function rows(
  buttons: readonly InlineKeyboardButton.CallbackButton[],
  width: number,
): InlineKeyboardButton.CallbackButton[][] {
  const out: InlineKeyboardButton.CallbackButton[][] = [];
  for (let i = 0; i < buttons.length; i += width) out.push(buttons.slice(i, i + width));
  return out;
}

/**
 * Builds a screen from text blocks: directs every line for the language of the text (the reader's, unless
 * the screen shows content in another language), then packs the blocks into as few messages as Telegram's
 * limit allows, splitting only between blocks.
 */
export function screen(
  view: View,
  parts: readonly FormattedString[],
  keyboard?: InlineKeyboardButton.CallbackButton[][],
  textLang: Lang = view.lang,
): Screen {
  const messages = pack(parts.map((part) => directed(part, textLang)));
  const rowsLeft = keyboard?.filter((row) => row.length > 0) ?? [];
  return rowsLeft.length > 0 ? { messages, keyboard: { inline_keyboard: rowsLeft } } : { messages };
}
