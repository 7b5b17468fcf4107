import { FormattedString } from "@grammyjs/parse-mode";
import type { InlineQueryResultArticle } from "grammy/types";
import type { Catalog } from "../../../content/library.js";
import type { Lang } from "../../../content/schema.js";
import type { Story } from "../../../content/story.js";
import { MAX_QUERY_LENGTH } from "../../../text/search-index.js";
import { targetPayload } from "../../routes.js";
import { rtl } from "../bidi.js";
import { laidOut } from "../rtl-rows.js";
import { directed } from "../text.js";
import type { View } from "../view.js";
import { inlineArticle } from "./article.js";
import { findItems, type InlineItem } from "./items.js";

/**
 * The words of a guest mention: the message's text without the bot's @username (wherever it stands) and
 * the spaces around it, e.g. "@khabar_bot ترامب" → "ترامب"; "" for a bare mention.
 */
export function guestQuery(text: string, botUsername: string): string {
  const escaped = botUsername.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return text
    .replace(new RegExp(`@${escaped}\\b`, "giu"), " ")
    .replace(/\s+/gu, " ")
    .trim();
}

/**
 * The one item a guest mention is answered with: what inline mode would give for the same words, made one
 * message. A bare mention gets the newest story's first headline item (its summary); a name, that person's
 * quotes together; other words, the best passage; nothing found, `undefined`.
 */
export function guestItem(catalog: Catalog, rawQuery: string, lang: Lang): InlineItem | undefined {
  const query = rawQuery.slice(0, MAX_QUERY_LENGTH).trim();
  for (const story of catalog.stories) {
    if (query === "") break;
    const speaker = story.names.match(query).find((found) => story.quotesBy.has(found.id));
    const person = speaker && story.people.get(speaker.id);
    if (person) return { story, kind: "speaker", person };
  }
  return findItems(catalog, query, lang)[0];
}

/** A guest answer that is not a story item (nothing found, slow down, failure): a line and the way into the bot. */
export function guestNotice(
  view: View,
  id: string,
  line: string,
  botUsername: string,
): InlineQueryResultArticle {
  const { lang, t } = view;
  const story: Story = view.story;
  const label = t("inline-open-bot");
  const text = directed(new FormattedString(line), lang);
  return {
    type: "article",
    id,
    title: lang === "ar" ? rtl(line) : line,
    input_message_content: { message_text: text.rawText, link_preview_options: { is_disabled: true } },
    reply_markup: {
      inline_keyboard: laidOut(
        [
          [
            {
              text: lang === "ar" ? rtl(label) : label,
              url: `https://t.me/${botUsername}?start=${targetPayload(story.key, { to: "menu" }) ?? "menu"}`,
            },
          ],
        ],
        lang,
      ),
    },
  };
}

/**
 * The answer to a guest message (pure): the same article inline mode renders for the mention's words, with
 * its "Read the story" button, or a clear notice with the way into the bot when nothing matches.
 */
export function guestAnswer(input: {
  catalog: Catalog;
  text: string;
  lang: Lang;
  botUsername: string;
  viewFor: (story: Story) => View;
}): InlineQueryResultArticle {
  const query = guestQuery(input.text, input.botUsername);
  const item = guestItem(input.catalog, query, input.lang);
  if (item !== undefined) return inlineArticle(input.viewFor(item.story), item, input.botUsername);
  const view = input.viewFor(input.catalog.newest);
  const shown = [...query].length > 40 ? `${[...query].slice(0, 39).join("")}…` : query;
  const line = view.t("search-none", { query: `\u2068${shown}\u2069` });
  return guestNotice(view, "none", line, input.botUsername);
}
