import type { Passage } from "../text/search-index.js";
import type { Lang, StoryData } from "./schema.js";

/** The kinds of passage a story's search index holds. */
export type PassageKind = "quote" | "paragraph" | "fact" | "summary";

const LANGS: readonly Lang[] = ["ar", "en"];

/**
 * Every searchable text of a story, in each language it is written in: quotes first (a reader who types
 * words from a quote most likely wants the quote), then paragraphs in reading order, fact-card facts (label
 * and text) and summary points. Ids are the story's own, unique within a kind.
 */
export function storyPassages(data: StoryData): Passage[] {
  const out: Passage[] = [];
  const add = (kind: PassageKind, id: string, texts: Partial<Record<Lang, string | undefined>>) => {
    for (const lang of LANGS) {
      const text = texts[lang];
      if (text !== undefined && text !== "") out.push({ id, kind, lang, text });
    }
  };
  for (const quote of data.quotes) add("quote", quote.id, quote);
  for (const section of data.sections) for (const p of section.paragraphs) add("paragraph", p.id, p);
  for (const card of data.cards) {
    for (const group of card.groups) {
      for (const fact of group.facts) {
        const texts: Partial<Record<Lang, string>> = {};
        for (const lang of LANGS) {
          const label = fact.label[lang];
          const text = fact.text[lang];
          if (text !== undefined) texts[lang] = label === undefined ? text : `${label}: ${text}`;
        }
        add("fact", fact.id, texts);
      }
    }
  }
  for (const point of data.summary) add("summary", point.id, point);
  return out;
}
