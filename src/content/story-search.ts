import { buildSearchIndex, type Passage, type SearchIndex } from "../text/search-index.js";
import type { Lang, StoryData } from "./schema.js";

/** What a search hit of a story points at; the bot's search screen and inline mode render from it. */
export type PassageKind = "headline" | "paragraph" | "quote" | "statement" | "fact" | "summary";

/** The kinds in the order a reader is shown them when they rank equally. */
export const PASSAGE_KINDS: readonly PassageKind[] = [
  "headline",
  "paragraph",
  "quote",
  "statement",
  "fact",
  "summary",
];

/** The ids of the headline passages: the story's title and its standfirst, in both languages. */
export const HEADLINE_IDS = ["title", "standfirst"] as const;

const LANGS: readonly Lang[] = ["ar", "en"];

/**
 * A fact's passage id: facts are unique only within their card, so the card's id comes first
 * (`exchange/released`), with a slash, which no id contains.
 */
export function factPassageId(cardId: string, factId: string): string {
  return `${cardId}/${factId}`;
}

function texts(id: string, kind: PassageKind, item: Partial<Record<Lang, string>>): Passage[] {
  return LANGS.flatMap((lang) => {
    const text = item[lang];
    return text === undefined || text === "" ? [] : [{ id, kind, lang, text }];
  });
}

/**
 * Every searchable text of a story, in both languages where it has them: the title and standfirst (a
 * translated title is what a reader of that language knows the story by), paragraphs in reading order,
 * then quotes, reported statements, fact-card facts and summary points.
 */
export function storyPassages(data: StoryData): Passage[] {
  return [
    ...HEADLINE_IDS.flatMap((id) => texts(id, "headline", data[id])),
    ...data.sections.flatMap((section) =>
      section.paragraphs.flatMap((paragraph) => texts(paragraph.id, "paragraph", paragraph)),
    ),
    ...data.quotes.flatMap((quote) => texts(quote.id, "quote", quote)),
    ...data.statements.flatMap((statement) => texts(statement.id, "statement", statement)),
    ...data.cards.flatMap((card) =>
      card.groups.flatMap((group) =>
        group.facts.flatMap((fact) => texts(factPassageId(card.id, fact.id), "fact", fact.text)),
      ),
    ),
    ...data.summary.flatMap((point) => texts(point.id, "summary", point)),
  ];
}

/**
 * The search index of a story, built on its first use rather than when the story loads: building it is
 * most of a story's load time, and a process that starts (or reloads content) should not pay for it before
 * any reader searches. Built once, then kept; story data is never changed after it is checked.
 */
export function buildStorySearch(data: StoryData): SearchIndex {
  let index: SearchIndex | undefined;
  const built = (): SearchIndex => {
    index ??= buildSearchIndex(storyPassages(data));
    return index;
  };
  return {
    search: (query, options) => built().search(query, options),
    suggest: (query) => built().suggest(query),
  };
}
