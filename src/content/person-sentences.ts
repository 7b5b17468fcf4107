import { normalizeForLookup } from "../text/normalize.js";
import { splitSentences } from "../text/sentences.js";
import type { Lang } from "./schema.js";
import type { Story } from "./story.js";

/** One passage about a person: a sentence of the article, or the part of a direct quote in one. */
export interface PickedSentence {
  readonly paragraph: string;
  readonly text: string;
  /** The speaker's person id when the passage is (part of) a direct quote. */
  readonly speaker?: string;
  /** The passage starts after, or ends before, the quote it is part of (shown with an ellipsis). */
  readonly cutStart: boolean;
  readonly cutEnd: boolean;
}

/** What a person screen shows of someone not quoted: passages in reading order, and how many did not fit. */
export interface PersonSentences {
  readonly picked: readonly PickedSentence[];
  /** Passages that name the person but exceed the budget. */
  readonly more: number;
}

/** The default budget of story text on a person screen, in characters. */
export const PERSON_TEXT_BUDGET = 600;

/** Longest alias in tokens that a window of a sentence is matched against («الناطق باسم الكرملين»). */
const WINDOW = 4;

/** Quotation marks and spaces trimmed off the ends of a quoted passage. */
const QUOTE_EDGES = /^[\s"«»“”:]+|[\s"«»“”]+$/gu;

/** The ids of the people a text names by one of their whole names (aliases included, clitics allowed). */
export function peopleNamedIn(story: Story, text: string): Set<string> {
  const tokens = normalizeForLookup(text).split(" ").filter(Boolean);
  const found = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    for (let n = 1; n <= WINDOW && i + n <= tokens.length; n++) {
      const window = tokens.slice(i, i + n).join(" ");
      for (const match of story.names.match(window)) if (match.exact) found.add(match.id);
    }
  }
  return found;
}

interface Range {
  start: number;
  end: number;
  speaker?: string;
}

/** Where each direct quote of a paragraph stands in its text in `lang` (quotes not found there are left out). */
function quoteRanges(story: Story, paragraphId: string, text: string, lang: Lang): Range[] {
  const ranges: Range[] = [];
  for (const quote of story.data.quotes) {
    if (quote.paragraph !== paragraphId) continue;
    const words = quote[lang];
    const start = words === undefined ? -1 : text.indexOf(words);
    if (words !== undefined && start !== -1)
      ranges.push({ start, end: start + words.length, speaker: quote.speaker });
  }
  return ranges.sort((a, b) => a.start - b.start);
}

/** A sentence cut at the quotes it overlaps: the parts outside them, and the part inside each. */
function segments(start: number, end: number, quotes: readonly Range[]): Range[] {
  const out: Range[] = [];
  let at = start;
  for (const quote of quotes) {
    if (quote.end <= at || quote.start >= end) continue;
    if (quote.start > at) out.push({ start: at, end: quote.start });
    const to = Math.min(end, quote.end);
    out.push({
      start: Math.max(at, quote.start),
      end: to,
      ...(quote.speaker ? { speaker: quote.speaker } : {}),
    });
    at = to;
  }
  if (at < end) out.push({ start: at, end });
  return out;
}

/**
 * The sentences of a story that name a person, in reading order, in `lang` (the translation where there
 * is one, else the original): a sentence of the article's own as it stands, the part of a direct quote as
 * that speaker's words. Passages inside the person's own reported statements are left out (the screen
 * shows those apart), and no more than `budget` characters are picked; the first passage is cut at a word
 * to fit when it alone is longer.
 */
export function sentencesAbout(
  story: Story,
  personId: string,
  lang: Lang,
  budget = PERSON_TEXT_BUDGET,
): PersonSentences {
  const own = story.data.statements.filter((statement) => statement.speaker === personId);
  const all: PickedSentence[] = [];
  for (const section of story.data.sections) {
    for (const paragraph of section.paragraphs) {
      const text = paragraph[lang] ?? paragraph[story.data.language] ?? "";
      const textLang = paragraph[lang] === undefined ? story.data.language : lang;
      const quotes = quoteRanges(story, paragraph.id, text, textLang);
      const reported = own
        .filter((statement) => statement.paragraph === paragraph.id)
        .map((statement) => statement[textLang])
        .filter((words) => words !== undefined);
      for (const sentence of splitSentences(text)) {
        for (const part of segments(sentence.start, sentence.end, quotes)) {
          const raw = text.slice(part.start, part.end);
          if (!peopleNamedIn(story, raw).has(personId)) continue;
          if (reported.some((words) => words.includes(raw.trim()) || raw.includes(words))) continue;
          if (part.speaker === undefined) {
            all.push({ paragraph: paragraph.id, text: raw.trim(), cutStart: false, cutEnd: false });
            continue;
          }
          const quote = quotes.find((range) => range.start <= part.start && range.end >= part.end);
          all.push({
            paragraph: paragraph.id,
            text: raw.replace(QUOTE_EDGES, ""),
            speaker: part.speaker,
            cutStart: quote !== undefined && part.start > quote.start,
            cutEnd: quote !== undefined && part.end < quote.end,
          });
        }
      }
    }
  }
  const picked: PickedSentence[] = [];
  let used = 0;
  for (const passage of all) {
    if (used + passage.text.length > budget) {
      if (picked.length === 0) picked.push(cutToFit(passage, budget));
      break;
    }
    used += passage.text.length;
    picked.push(passage);
  }
  return { picked, more: all.length - picked.length };
}

/** A passage cut at the last space within `budget` characters, marked as cut. */
function cutToFit(passage: PickedSentence, budget: number): PickedSentence {
  const space = passage.text.lastIndexOf(" ", budget - 1);
  const text = passage.text.slice(0, space > 0 ? space : budget - 1);
  return { ...passage, text, cutEnd: true };
}
