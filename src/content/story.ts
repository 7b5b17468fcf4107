import { createHash } from "node:crypto";
import { NameIndex } from "../text/name-match.js";
import type { SearchIndex } from "../text/search-index.js";
import type { Card, Lang, Localized, Paragraph, Person, Quote, Section, StoryData } from "./schema.js";
import { buildStorySearch } from "./story-search.js";

/** A checked story with the lookups every screen needs, built once at load time. */
export interface Story {
  readonly data: StoryData;
  /** The verbatim original, exactly as `source.<language>.txt` holds it. */
  readonly source: string;
  /** The short key its buttons and deep links carry (see `storyKey`). */
  readonly key: string;
  /** `published` as milliseconds since the epoch, for ordering. */
  readonly published: number;
  readonly paragraphs: ReadonlyMap<string, Paragraph>;
  /** The section that holds each paragraph, by paragraph id. */
  readonly sectionOf: ReadonlyMap<string, Section>;
  readonly sections: ReadonlyMap<string, Section>;
  readonly people: ReadonlyMap<string, Person>;
  /** Each person's direct quotes in reading order; people never quoted have none. */
  readonly quotesBy: ReadonlyMap<string, readonly Quote[]>;
  /** People with at least one direct quote, in the order the story first quotes them. */
  readonly speakers: readonly Person[];
  /** Matches what a reader types to people of the story. */
  readonly names: NameIndex;
  /** Finds the passages (paragraphs, quotes, facts, summary) that hold what a reader types. */
  readonly search: SearchIndex;
  /** The fact cards, by id and by their command alias. */
  readonly cards: ReadonlyMap<string, Card>;
  readonly cardByCommand: ReadonlyMap<string, Card>;
}

/** The names a reader may type for a person: their names in every language and every alias. */
export function namesOf(person: Person): string[] {
  return [person.name.ar, person.name.en, ...person.aliases].filter((name) => name !== undefined);
}

/**
 * The key a story's buttons and deep links carry: its own `key`, or else four characters derived from its id
 * alone. Derived from the id (not from the story's place among others), so adding or removing stories never
 * changes what an existing button means.
 */
export function storyKey(data: Pick<StoryData, "id" | "key">): string {
  if (data.key !== undefined) return data.key;
  const n = Number.parseInt(createHash("sha256").update(data.id).digest("hex").slice(0, 10), 16);
  return n.toString(36).padStart(4, "0").slice(-4);
}

/**
 * A localized text in a language: the translation when there is one, else the original. `fallback` says the
 * original stands in for a missing translation (screens then add a one-line note).
 */
export function localize(
  text: Localized | undefined,
  lang: Lang,
  original: Lang,
): { text: string; fallback: boolean } {
  const own = text?.[lang];
  if (own !== undefined) return { text: own, fallback: false };
  return { text: text?.[original] ?? "", fallback: lang !== original };
}

/** The verbatim original of a paragraph (or of a quote's span), in the story's language. */
export function originalOf(item: { ar?: string; en?: string }, language: Lang): string {
  return item[language] ?? "";
}

/**
 * Builds the lookups of a story. It assumes the references were checked (see `checkStory`); a dangling
 * reference is simply absent from the maps.
 */
/** Whether the story has any of its paragraphs translated into a language. */
export function hasTranslation(story: Story, lang: Lang): boolean {
  if (lang === story.data.language) return true;
  return story.data.sections.some((section) => section.paragraphs.some((p) => p[lang] !== undefined));
}

export function indexStory(data: StoryData, source: string): Story {
  const paragraphs = new Map<string, Paragraph>();
  const sectionOf = new Map<string, Section>();
  const sections = new Map<string, Section>();
  for (const section of data.sections) {
    sections.set(section.id, section);
    for (const paragraph of section.paragraphs) {
      paragraphs.set(paragraph.id, paragraph);
      sectionOf.set(paragraph.id, section);
    }
  }
  const people = new Map(data.people.map((person) => [person.id, person]));
  const quotesBy = new Map<string, Quote[]>();
  for (const quote of data.quotes) {
    const list = quotesBy.get(quote.speaker) ?? [];
    list.push(quote);
    quotesBy.set(quote.speaker, list);
  }
  const speakers: Person[] = [];
  for (const id of quotesBy.keys()) {
    const person = people.get(id);
    if (person) speakers.push(person);
  }
  const names = new NameIndex(data.people.map((person) => ({ id: person.id, names: namesOf(person) })));
  const cards = new Map(data.cards.map((card) => [card.id, card]));
  const cardByCommand = new Map<string, Card>();
  for (const card of data.cards) if (card.command !== undefined) cardByCommand.set(card.command, card);
  return {
    data,
    source,
    key: storyKey(data),
    published: Date.parse(data.published),
    paragraphs,
    sectionOf,
    sections,
    people,
    quotesBy,
    speakers,
    names,
    search: buildStorySearch(data),
    cards,
    cardByCommand,
  };
}
