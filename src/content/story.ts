import { NameIndex } from "../text/name-match.js";
import type { Paragraph, Person, Quote, Section, StoryData } from "./schema.js";

/** A checked story with the lookups every screen needs, built once at load time. */
export interface Story {
  readonly data: StoryData;
  /** The verbatim original, exactly as `source.<language>.txt` holds it. */
  readonly source: string;
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
}

/** The names a reader may type for a person: both canonical names and every alias. */
export function namesOf(person: Person): string[] {
  return [person.name.ar, person.name.en, ...person.aliases];
}

/**
 * Builds the lookups of a story. It assumes the references were checked (see `checkStory`); a dangling
 * reference is simply absent from the maps.
 */
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
  return { data, source, paragraphs, sectionOf, sections, people, quotesBy, speakers, names };
}
