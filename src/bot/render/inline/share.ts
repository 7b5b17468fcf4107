import type { InlineKeyboardButton } from "grammy/types";
import { quoteTexts } from "../../../content/quote-text.js";
import { localize } from "../../../content/story.js";
import { rtl } from "../bidi.js";
import { sourceFoot } from "../source.js";
import { isTranslated, translatedAttribution } from "../translated.js";
import type { View } from "../view.js";
import { type InlineItem, itemToken } from "./items.js";

/** Telegram's limit for a copy_text button's text. */
export const COPY_TEXT_LIMIT = 256;

/**
 * What a Copy button puts on the clipboard: the quote or fact in the reader's language with its
 * attribution, and the story's source on a last line when it has one; `undefined` for other items and for
 * ones longer than Telegram's limit (a passage is never copied without its source).
 */
export function copyText(view: View, item: InlineItem): string | undefined {
  const { story, lang } = view;
  const say = (field: Parameters<typeof localize>[0]) => localize(field, lang, story.data.language).text;
  let text: string | undefined;
  if (item.kind === "quote") {
    const speaker = story.people.get(item.quote.speaker);
    const words = say(quoteTexts(item.quote, story.data.language));
    const mark = isTranslated(view, item.quote) ? `, ${translatedAttribution(view)}` : "";
    text = `${lang === "ar" ? `«${words}»` : `“${words}”`} — ${speaker ? say(speaker.name) : ""}${mark}`;
  } else if (item.kind === "fact") {
    text = `${say(item.fact.label)}: ${say(item.fact.text)} — ${say(item.card.title)}`;
  }
  const foot = sourceFoot(view, story);
  if (text !== undefined && foot !== undefined) text = `${text}\n${foot.rawText}`;
  return text !== undefined && text.length <= COPY_TEXT_LIMIT ? text : undefined;
}

/**
 * The Share (and, for a quote or fact that fits, Copy) row under a screen, in reading order (`screen()` lays
 * rows out for the interface's direction: mirrored in Arabic). Share opens Telegram's chat picker (people,
 * groups, channels) with the inline query that yields exactly this item first.
 */
export function shareRow(view: View, item: InlineItem): InlineKeyboardButton[] {
  const label = (key: string) => (view.lang === "ar" ? rtl(view.t(key)) : view.t(key));
  const row: InlineKeyboardButton[] = [
    {
      text: label("btn-share"),
      switch_inline_query_chosen_chat: {
        query: itemToken(item),
        allow_user_chats: true,
        allow_bot_chats: false,
        allow_group_chats: true,
        allow_channel_chats: true,
      },
    },
  ];
  const copy = copyText(view, item);
  if (copy !== undefined) row.push({ text: label("btn-copy"), copy_text: { text: copy } });
  return row;
}
