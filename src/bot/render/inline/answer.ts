import type { InlineQueryResultArticle, InlineQueryResultsButton } from "grammy/types";
import type { Catalog } from "../../../content/library.js";
import type { Lang } from "../../../content/schema.js";
import type { Story } from "../../../content/story.js";
import { targetPayload } from "../../routes.js";
import type { View } from "../view.js";
import { inlineArticle } from "./article.js";
import { findItems, type InlineItem, itemId } from "./items.js";

/** Telegram takes at most 50 results per answer; more come page by page through `next_offset`. */
export const INLINE_PAGE_SIZE = 50;
/**
 * How long Telegram may serve an answer from its cache. Results depend only on the query and the reader's
 * language (not on who asks), so they are shared (`is_personal: false`); five minutes lets an edited story
 * show through soon while a popular query costs the bot once.
 */
export const INLINE_CACHE_SECONDS = 300;
/** The highest offset a page can start at: a forged offset must not make us render or slice far. */
const MAX_OFFSET = 10_000;

/** Articles remembered per view before its cache starts over (a story has a few hundred items). */
const ARTICLE_CACHE_LIMIT = 2000;
const articles = new WeakMap<View, Map<string, InlineQueryResultArticle>>();

/**
 * An item's article, rendered once per view (story and language) and match, then shared: rendering is
 * pure and results are never mutated. Rendering was nearly all of an inline query's cost, and the queries
 * of one reader typing a name ("t", "tr", "tru"…) or of many readers share most of their items.
 */
function cachedArticle(view: View, item: InlineItem, botUsername: string): InlineQueryResultArticle {
  let cache = articles.get(view);
  if (cache === undefined) {
    cache = new Map();
    articles.set(view, cache);
  }
  const ranges = item.match
    ? `${item.match.lang}${item.match.ranges.map((r) => `,${r.start}-${r.end}`).join("")}`
    : "";
  const key = `${botUsername}|${itemId(item)}|${ranges}`;
  const known = cache.get(key);
  if (known !== undefined) return known;
  const article = inlineArticle(view, item, botUsername);
  if (cache.size >= ARTICLE_CACHE_LIMIT) cache.clear();
  cache.set(key, article);
  return article;
}

/** An answer to an inline query, ready for `answerInlineQuery`. */
export interface InlineAnswer {
  results: InlineQueryResultArticle[];
  options: {
    cache_time: number;
    is_personal: boolean;
    next_offset: string;
    button: InlineQueryResultsButton;
  };
}

/** The page an `offset` names: a whole number we sent as `next_offset`; anything else is the first page. */
export function pageStart(offset: string): number {
  if (!/^[0-9]{1,5}$/.test(offset)) return 0;
  return Math.min(Number(offset), MAX_OFFSET);
}

/**
 * Answers an inline query (pure): the page of results at `offset`, rendered in the reader's language, with
 * the next page's offset when there is one, and a button that opens the bot's private chat at the story of
 * the first result (or the newest story's menu when nothing was found).
 */
export function inlineAnswer(input: {
  catalog: Catalog;
  query: string;
  offset: string;
  lang: Lang;
  botUsername: string;
  viewFor: (story: Story) => View;
}): InlineAnswer {
  const items = findItems(input.catalog, input.query, input.lang);
  const start = pageStart(input.offset);
  const page = items.slice(start, start + INLINE_PAGE_SIZE);
  const results = page.map((item) => cachedArticle(input.viewFor(item.story), item, input.botUsername));
  const end = start + page.length;
  const story = page[0]?.story ?? input.catalog.newest;
  const t = input.viewFor(story).t;
  return {
    results,
    options: {
      cache_time: INLINE_CACHE_SECONDS,
      is_personal: false,
      next_offset: end < items.length ? String(end) : "",
      button: {
        text: items.length === 0 ? t("inline-nothing") : t("inline-open-bot"),
        start_parameter: targetPayload(story.key, { to: "menu" }) ?? "menu",
      },
    },
  };
}
