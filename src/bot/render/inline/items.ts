import type { Catalog } from "../../../content/library.js";
import type {
  Card,
  Fact,
  Lang,
  Paragraph,
  Person,
  Quote,
  Section,
  Statement,
  SummaryPoint,
} from "../../../content/schema.js";
import type { Story } from "../../../content/story.js";
import { hasTranslation } from "../../../content/story.js";
import { factPassageId } from "../../../content/story-search.js";
import { MAX_QUERY_LENGTH, type TextRange } from "../../../text/search-index.js";
import type { Route } from "../../routes.js";

/** Where a search hit matched: the passage's language and the ranges to bold in that text. */
export interface Match {
  lang: Lang;
  ranges: readonly TextRange[];
}

/** Something inline mode can send into a chat: one passage of a story, or one screen's worth. */
export type InlineItem = { story: Story; match?: Match } & (
  | { kind: "quote"; quote: Quote }
  | { kind: "statement"; statement: Statement }
  | { kind: "speaker"; person: Person }
  | { kind: "paragraph"; paragraph: Paragraph; section: Section }
  | { kind: "section"; section: Section }
  | { kind: "summary" }
  | { kind: "point"; point: SummaryPoint }
  | { kind: "card"; card: Card }
  | { kind: "fact"; fact: Fact; card: Card }
  | { kind: "full" }
);

/** The short code of each item kind in tokens and result ids. */
const CODES = {
  quote: "q",
  statement: "r",
  speaker: "qs",
  paragraph: "p",
  section: "s",
  summary: "sm",
  point: "sp",
  card: "k",
  fact: "kf",
  full: "f",
} as const satisfies Record<InlineItem["kind"], string>;

/** The story element an item stands for, by id (none for the whole summary and the full text). */
function idOf(item: InlineItem): string | undefined {
  switch (item.kind) {
    case "quote":
      return item.quote.id;
    case "statement":
      return item.statement.id;
    case "speaker":
      return item.person.id;
    case "paragraph":
      return item.paragraph.id;
    case "section":
      return item.section.id;
    case "point":
      return item.point.id;
    case "card":
      return item.card.id;
    case "fact":
      return factPassageId(item.card.id, item.fact.id);
    case "summary":
    case "full":
      return undefined;
  }
}

/**
 * An item's stable name: `<story key>.<code>[:<id>]`, e.g. `pt.q:trump-1`, `pt.kf:exchange/released-who`
 * (facts are unique only within their card). ASCII, at most 4 + 4 + 49 bytes,
 * so it serves as the result id (1–64 bytes) and, after `#`, as the exact-item query a Share button types.
 */
export function itemId(item: InlineItem): string {
  const id = idOf(item);
  return `${item.story.key}.${CODES[item.kind]}${id === undefined ? "" : `:${id}`}`;
}

/** The inline query that yields exactly this item, first: what a Share button puts after the bot's name. */
export function itemToken(item: InlineItem): string {
  return `#${itemId(item)}`;
}

const TOKEN = /^#([a-z0-9]{1,4})\.([a-z]{1,2})(?::([a-z0-9-]{1,24}(?:\/[a-z0-9-]{1,24})?))?$/;

/** A fact by its passage id, `<card id>/<fact id>`. */
function findFact(story: Story, id: string): { fact: Fact; card: Card } | undefined {
  const [cardId = "", factId] = id.split("/");
  const card = story.cards.get(cardId);
  for (const group of card?.groups ?? [])
    for (const fact of group.facts) if (card && fact.id === factId) return { fact, card };
  return undefined;
}

/** Every item of one kind and id in a story, or `undefined` when the story has none such. */
function itemOf(story: Story, code: string, id: string | undefined): InlineItem | undefined {
  if (id === undefined) {
    if (code === CODES.summary) return story.data.summary.length > 0 ? { story, kind: "summary" } : undefined;
    return code === CODES.full ? { story, kind: "full" } : undefined;
  }
  switch (code) {
    case CODES.quote: {
      const quote = story.data.quotes.find((q) => q.id === id);
      return quote ? { story, kind: "quote", quote } : undefined;
    }
    case CODES.statement: {
      const statement = story.data.statements.find((s) => s.id === id);
      return statement ? { story, kind: "statement", statement } : undefined;
    }
    case CODES.speaker: {
      const person = story.people.get(id);
      return person && story.quotesBy.has(id) ? { story, kind: "speaker", person } : undefined;
    }
    case CODES.paragraph: {
      const paragraph = story.paragraphs.get(id);
      const section = story.sectionOf.get(id);
      return paragraph && section ? { story, kind: "paragraph", paragraph, section } : undefined;
    }
    case CODES.section: {
      const section = story.sections.get(id);
      return section ? { story, kind: "section", section } : undefined;
    }
    case CODES.point: {
      const point = story.data.summary.find((p) => p.id === id);
      return point ? { story, kind: "point", point } : undefined;
    }
    case CODES.card: {
      const card = story.cards.get(id);
      return card ? { story, kind: "card", card } : undefined;
    }
    case CODES.fact: {
      const found = findFact(story, id);
      return found ? { story, kind: "fact", ...found } : undefined;
    }
    default:
      return undefined;
  }
}

/** The quotes of a speaker, as items. */
function quotesOf(story: Story, personId: string): InlineItem[] {
  return (story.quotesBy.get(personId) ?? []).map((quote) => ({ story, kind: "quote", quote }));
}

/**
 * The items an exact-item token names: the item itself, and for a speaker's quotes each quote after it.
 * `undefined` when the query is not a token; an empty list when it is one for something no longer served.
 */
function tokenItems(catalog: Catalog, query: string): InlineItem[] | undefined {
  const match = TOKEN.exec(query);
  if (match === null) return undefined;
  const [, key = "", code = "", id] = match;
  const story = catalog.byKey.get(key);
  const item = story ? itemOf(story, code, id) : undefined;
  if (story === undefined || item === undefined) return [];
  return item.kind === "speaker" ? [item, ...quotesOf(story, item.person.id)] : [item];
}

/** What an empty query offers: the newest story's headline items. */
function headlines(story: Story): InlineItem[] {
  const items: InlineItem[] = [];
  if (story.data.summary.length > 0) items.push({ story, kind: "summary" });
  for (const card of story.data.cards) items.push({ story, kind: "card", card });
  for (const quote of story.data.quotes) items.push({ story, kind: "quote", quote });
  items.push({ story, kind: "full" });
  return items;
}

/** The quotes of the people a name matches, in every story (newest first), or none. */
function nameItems(catalog: Catalog, query: string): InlineItem[] {
  return catalog.stories.flatMap((story) =>
    story.names
      .match(query)
      .filter((found) => story.quotesBy.has(found.id))
      .flatMap((found) => quotesOf(story, found.id)),
  );
}

/** The passages that hold the query's words, every story (newest first), one item per passage. */
function searchItems(catalog: Catalog, query: string, lang: Lang): InlineItem[] {
  const items: InlineItem[] = [];
  for (const story of catalog.stories) {
    const hits = story.search.search(query);
    // A passage written in both languages matches in either; show it once, in the reader's language if it
    // matched there, else in the language it matched in.
    const chosen = new Map<string, (typeof hits)[number]>();
    for (const hit of hits) {
      const key = `${hit.kind}:${hit.id}`;
      const known = chosen.get(key);
      if (known === undefined || (known.lang !== lang && hit.lang === lang)) chosen.set(key, hit);
    }
    const shown = new Set<string>();
    for (const hit of chosen.values()) {
      const match: Match = { lang: hit.lang, ranges: hit.ranges };
      const item = itemOfHit(story, hit.kind, hit.id);
      // The title and the standfirst both lead to the whole story: one result for both.
      if (item === undefined || shown.has(itemId(item))) continue;
      shown.add(itemId(item));
      items.push({ ...item, match });
    }
  }
  return items;
}

function itemOfHit(story: Story, kind: string, id: string): InlineItem | undefined {
  switch (kind) {
    case "headline":
      // The title or standfirst found: the whole story is what the reader shares.
      return { story, kind: "full" };
    case "quote":
      return itemOf(story, CODES.quote, id);
    case "statement":
      return itemOf(story, CODES.statement, id);
    case "paragraph":
      return itemOf(story, CODES.paragraph, id);
    case "fact":
      return itemOf(story, CODES.fact, id);
    case "summary":
      return itemOf(story, CODES.point, id);
    default:
      return undefined;
  }
}

/**
 * Everything an inline query finds, best first, before paging. An empty query → the newest story's
 * headline items; an exact-item token (`#pt.q:trump-1`) → that item; a person's name → their quotes, one
 * item per quote; other words → the matching passages (paragraphs, quotes, reported statements, facts,
 * summary points). Only the
 * first {@link MAX_QUERY_LENGTH} characters of a query count. When nothing matches, the nearest name or
 * spelling the story knows is tried once ("trmp" → Trump).
 */
export function findItems(catalog: Catalog, rawQuery: string, lang: Lang): InlineItem[] {
  const query = rawQuery.slice(0, MAX_QUERY_LENGTH).trim();
  if (query === "") return headlines(catalog.newest);
  const byToken = tokenItems(catalog, query);
  if (byToken !== undefined) return byToken;
  const found = matchingItems(catalog, query, lang);
  if (found.length > 0) return found;
  for (const story of catalog.stories) {
    const near = story.names.suggest(query).find((s) => story.quotesBy.has(s.id));
    if (near) return quotesOf(story, near.id);
    const suggestion = story.search.suggest(query);
    if (suggestion) return matchingItems(catalog, suggestion.text, lang);
  }
  return [];
}

function matchingItems(catalog: Catalog, query: string, lang: Lang): InlineItem[] {
  const byName = nameItems(catalog, query);
  return byName.length > 0 ? byName : searchItems(catalog, query, lang);
}

/** The screen of the bot an item deep-links to (one that exists for the item's story). */
export function itemRoute(item: InlineItem, lang: Lang): Route {
  switch (item.kind) {
    case "quote":
      return { to: "quotes", id: item.quote.speaker };
    case "statement":
      return { to: "person", id: item.statement.speaker };
    case "speaker":
      return { to: "quotes", id: item.person.id };
    case "paragraph":
      return { to: "section", id: item.section.id };
    case "section":
      return { to: "section", id: item.section.id };
    case "summary":
    case "point":
      return { to: "summary" };
    case "card":
    case "fact":
      return { to: "card", id: item.card.id };
    case "full":
      return { to: "full", lang: hasTranslation(item.story, lang) ? lang : item.story.data.language };
  }
}
