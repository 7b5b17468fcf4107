import { FormattedString } from "@grammyjs/parse-mode";
import { quoteWords } from "../../../content/quote-text.js";
import type { Person } from "../../../content/schema.js";
import type { Story } from "../../../content/story.js";
import { factPassageId } from "../../../content/story-search.js";
import type { SearchHit } from "../../../text/search-index.js";
import { FSI, PDI } from "../bidi.js";
import { pagerLabel } from "../rtl-rows.js";
import { snippet } from "../snippet.js";
import { directed, lines } from "../text.js";
import { translatedMark } from "../translated.js";
import { button, localizer, menuButton, type Part, rows, type Screen, screen, type View } from "../view.js";
import { menuKeyboard } from "./menu.js";
import { sectionTitle } from "./sections.js";

/** Hits per page of search results: each is a line of attribution and a snippet of about 280 characters. */
export const HITS_PER_PAGE = 4;

/** A reader's query is echoed back at most this long. */
const QUERY_ECHO = 40;

/** Stands in for the reader's words while a string is translated (see `withQuery`). */
const QUERY_SLOT = "\u0000";

/**
 * A UI string that echoes the reader's words, cut to a few. The string is translated with a placeholder
 * and the words put in after, so readers' text never enters the translator's cache (where every search
 * would add an entry and churn it for every other screen). In Arabic, words with Latin letters or digits
 * are isolated in both languages.
 */
function withQuery(
  view: View,
  key: string,
  query: string,
  vars: Record<string, string | number> = {},
  slot = "query",
): string {
  const trimmed = query.trim().replace(/\s+/g, " ");
  const cut =
    [...trimmed].length > QUERY_ECHO ? `${[...trimmed].slice(0, QUERY_ECHO - 1).join("")}…` : trimmed;
  // Isolated in both languages: an Arabic query in an English line (or a Latin one in Arabic) cannot pull
  // the count or the punctuation around it into its own direction.
  const shown = `${FSI}${cut}${PDI}`;
  return view.t(key, { ...vars, [slot]: QUERY_SLOT }).replace(QUERY_SLOT, () => shown);
}

/** The text a hit points at, in the hit's language, or `undefined` when the story no longer has it. */
export function hitText(story: Story, hit: SearchHit): string | undefined {
  const lang = hit.lang;
  switch (hit.kind) {
    case "headline":
      return (hit.id === "title" ? story.data.title : story.data.standfirst)[lang];
    case "paragraph":
      return story.paragraphs.get(hit.id)?.[lang];
    case "quote": {
      const quote = story.data.quotes.find((q) => q.id === hit.id);
      return quote && quoteWords(quote, lang, story.data.language);
    }
    case "statement":
      return story.data.statements.find((statement) => statement.id === hit.id)?.[lang];
    case "summary":
      return story.data.summary.find((point) => point.id === hit.id)?.[lang];
    case "fact":
      for (const card of story.data.cards)
        for (const group of card.groups)
          for (const fact of group.facts)
            if (factPassageId(card.id, fact.id) === hit.id) return fact.text[lang];
      return undefined;
    default:
      return undefined;
  }
}

/** Where a hit comes from, in the reader's language: its section, its speaker, its card, or the summary. */
export function hitAttribution(view: View, hit: SearchHit): string {
  const { story, t } = view;
  const { say } = localizer(view);
  const speaker = (id: string | undefined) => say(story.people.get(id ?? "")?.name);
  switch (hit.kind) {
    case "headline":
      return t("search-headline");
    case "paragraph": {
      const section = story.sectionOf.get(hit.id);
      if (section === undefined) return "";
      return t("search-from-section", {
        section: sectionTitle(view, section, story.data.sections.indexOf(section), say),
      });
    }
    case "quote": {
      // The verb agrees with the speaker: «قالت سلمى الحداد», «قال خالد العمري».
      const person = story.people.get(story.data.quotes.find((q) => q.id === hit.id)?.speaker ?? "");
      return t("search-quote", { name: say(person?.name), gender: person?.gender ?? "other" });
    }
    case "statement":
      return t("search-statement", {
        name: speaker(story.data.statements.find((s) => s.id === hit.id)?.speaker),
      });
    case "fact":
      for (const card of story.data.cards)
        for (const group of card.groups)
          for (const fact of group.facts)
            if (factPassageId(card.id, fact.id) === hit.id)
              return t("search-fact", { card: say(card.title), label: say(fact.label) });
      return "";
    default:
      return t("search-summary");
  }
}

/**
 * One hit as a text block: its attribution, then a snippet of the passage with the matches in bold (quotes
 * and statements set as a quotation). A passage in the other language than the interface's keeps its own
 * direction: the block is then directed line by line here, attribution for the interface and snippet for the
 * passage, and handed to the screen as already directed (`directed` leaves English as it is).
 */
export function hitBlock(view: View, hit: SearchHit): Part | undefined {
  const text = hitText(view.story, hit);
  if (text === undefined) return undefined;
  // A quote shown with its bracketed subject first: the match ranges are of the quoted words, after it.
  const words = hit.kind === "quote" ? view.story.data.quotes.find((q) => q.id === hit.id)?.[hit.lang] : text;
  const by = text.length - (words ?? text).length;
  const ranges = by === 0 ? hit.ranges : hit.ranges.map((r) => ({ start: r.start + by, end: r.end + by }));
  const cut = snippet(text, ranges);
  const body = hit.kind === "quote" || hit.kind === "statement" ? FormattedString.blockquote(cut) : cut;
  const head = FormattedString.b(hitAttribution(view, hit));
  if (hit.lang === view.lang) return lines(head, body);
  return { foreign: lines(directed(head, view.lang), directed(body, hit.lang)), lang: "en" };
}

/** Whether a hit shows someone's quoted words in translation (a quote, or a paragraph that holds one). */
function translatedWords(view: View, hit: SearchHit): boolean {
  const { story } = view;
  if (hit.lang === story.data.language) return false;
  if (hit.kind === "quote") return true;
  return hit.kind === "paragraph" && story.data.quotes.some((q) => q.paragraph === hit.id);
}

/**
 * A page of search results: how many passages matched, then each with where it comes from and the matched
 * words in bold, with previous / next buttons (carrying the query's token and the page) when there are more
 * pages than one. A page past the end shows the last.
 */
export function resultsScreen(
  view: View,
  query: string,
  hits: readonly SearchHit[],
  page: number,
  token: string,
): Screen {
  const { t, lang } = view;
  const pages = Math.max(1, Math.ceil(hits.length / HITS_PER_PAGE));
  const at = Math.min(Math.max(0, page), pages - 1);
  const head = [FormattedString.b(withQuery(view, "search-title", query, { count: hits.length }))];
  if (pages > 1) head.push(new FormattedString(t("search-page", { n: at + 1, total: pages })));
  const shown = hits.slice(at * HITS_PER_PAGE, (at + 1) * HITS_PER_PAGE);
  const blocks: Part[] = shown.map((hit) => hitBlock(view, hit)).filter((block) => block !== undefined);
  if (shown.some((hit) => translatedWords(view, hit))) blocks.push(translatedMark(view));
  const nav = [
    at > 0
      ? button(view, pagerLabel("previous", t("btn-prev"), lang), { to: "results", token, page: at - 1 })
      : undefined,
    at < pages - 1
      ? button(view, pagerLabel("next", t("btn-next"), lang), { to: "results", token, page: at + 1 })
      : undefined,
  ].filter((b) => b !== undefined);
  return screen(view, [lines(...head), ...blocks], [nav, [menuButton(view)]]);
}

/** What is near a query that found nothing: people whose name is one edit away, or the corrected words. */
export interface NearMiss {
  people?: readonly Person[];
  /** The corrected query, and the token its results button carries. */
  words?: { text: string; token: string };
}

/**
 * Nothing in the story matches: says so, offers what is one edit away as "did you mean" buttons (a
 * person's screen, or the results of the corrected words), and the menu.
 */
export function nothingFoundScreen(view: View, query: string, near: NearMiss = {}): Screen {
  const { t } = view;
  const { say } = localizer(view);
  const offers = [
    ...(near.people ?? []).map((person) =>
      button(view, t("btn-suggest", { text: say(person.name) }), { to: "person", id: person.id }),
    ),
    ...(near.words
      ? [
          button(view, withQuery(view, "btn-suggest", near.words.text, {}, "text"), {
            to: "results",
            token: near.words.token,
            page: 0,
          }),
        ]
      : []),
  ];
  const text = [withQuery(view, "search-none", query)];
  if (offers.length > 0) text.push(t("search-did-you-mean"));
  return screen(view, [lines(...text)], [...rows(offers, 1), ...menuKeyboard(view)]);
}

/** `/search` without words: how to use it (with the story's first person as the example), and the menu. */
export function searchUsageScreen(view: View): Screen {
  const { say } = localizer(view);
  const person = view.story.data.people[0];
  const example = person === undefined ? "/search" : `/search ${say(person.name)}`;
  return screen(view, [lines(view.t("search-usage", { example }))], [[menuButton(view)]]);
}

/** A sticker, photo, voice note or other non-text message: the bot reads text only; the menu. */
export function mediaHintScreen(view: View): Screen {
  return screen(view, [lines(view.t("hint-media"))], menuKeyboard(view));
}
