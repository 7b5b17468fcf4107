/**
 * Guessing, for a story's first draft, who is named in an article and who says each quoted span and each
 * piece of reported speech. The language readers (scaffold-arabic.ts, scaffold-english.ts) find titled
 * names and verbs of speech; this file turns them into people, in reading order: a name is a person, a
 * surname or title alone refers back to the one person it fits, and a verb that names nobody («وأضافت:»,
 * `she added`) continues the latest speaker whose gender agrees.
 *
 * These are heuristics for the editor to confirm, never facts the bot relies on.
 */
import { arKey, readArabic, stripArPrefix } from "./scaffold-arabic.js";
import { readEnglish } from "./scaffold-english.js";
import type { Gender, Reading, SpeechCue, TextParagraph } from "./scaffold-tokens.js";
import { tokenize } from "./scaffold-tokens.js";
import { ROMAN } from "./scaffold-words.js";

export type { TextParagraph } from "./scaffold-tokens.js";

/** One person the text seems to name, with every spelling it uses. */
export interface PersonCandidate {
  /** A draft ASCII id, romanised from the surname. */
  id: string;
  /** The fullest spelling found. */
  name: string;
  /** Every spelling found, fullest first. */
  aliases: string[];
  /** Ids of the paragraphs that use one of the spellings. */
  mentions: string[];
  /** The gender the verbs, pronouns and titles about this person show, when they agree. */
  gender?: Gender;
}

/** A quoted span as the finder receives it. */
export interface SpanAt {
  paragraph: string;
  start: number;
  end: number;
}

/** Who says what: the people, the speaker of each span, and the reported speech found. */
export interface Attribution {
  people: PersonCandidate[];
  /** The speaker's id for each span, in the order given; undefined where none was found. */
  speakers: Array<string | undefined>;
  /** Reported speech without quotation marks, with its speaker's id where one was found. */
  statements: Array<{ paragraph: string; text: string; speaker?: string }>;
}

/** A draft ASCII id for a name: its surname, romanised when it is Arabic («الخطيب» → al-khtib). */
export function draftId(name: string): string {
  const words = name.split(" ");
  const surname = words[words.length - 1] ?? name;
  const article = surname.startsWith("ال") && [...surname].length > 3;
  const latin = [...(article ? surname.slice(2) : surname)]
    .map((ch, i) => (i === 0 && ch === "و" ? "w" : i === 0 && ch === "ي" ? "y" : (ROMAN[ch] ?? ch)))
    .join("")
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 20);
  if (latin === "") return "person";
  return article ? `al-${latin}` : latin;
}

interface Entry {
  spellings: string[];
  titles: Set<string>;
  votes: { m: number; f: number };
}

/** Whether a paragraph uses a spelling as whole words (allowing a و/ف/ل/ب prefix in Arabic). */
function mentionsSpelling(text: string, spelling: string): boolean {
  const words = tokenize(text).map((t) => t.word);
  const parts = spelling.split(" ");
  for (let i = 0; i + parts.length <= words.length; i++) {
    const matches = parts.every((part, k) => {
      const word = words[i + k] ?? "";
      return word === part || (k === 0 && stripArPrefix(word) === part);
    });
    if (matches) return true;
  }
  return false;
}

/** People and speakers in reading order. */
class Registry {
  readonly #entries = new Map<string, Entry>();

  constructor(readonly language: "ar" | "en") {}

  key(name: string): string {
    const last = name.split(" ").pop() ?? name;
    return this.language === "ar" ? arKey(last) : last.toLowerCase();
  }

  has(key: string): boolean {
    return this.#entries.has(key);
  }

  add(name: string, titles: readonly string[] = [], gender?: Gender): string {
    const key = this.key(name);
    let entry = this.#entries.get(key);
    if (entry === undefined) {
      entry = { spellings: [], titles: new Set(), votes: { m: 0, f: 0 } };
      this.#entries.set(key, entry);
    }
    if (!entry.spellings.includes(name)) entry.spellings.push(name);
    for (const title of titles) entry.titles.add(title);
    if (gender !== undefined) entry.votes[gender]++;
    return key;
  }

  vote(key: string, gender: Gender | undefined): void {
    const entry = this.#entries.get(key);
    if (entry !== undefined && gender !== undefined) entry.votes[gender]++;
  }

  gender(key: string): Gender | undefined {
    const votes = this.#entries.get(key)?.votes;
    if (votes === undefined || votes.m === votes.f) return undefined;
    return votes.f > votes.m ? "f" : "m";
  }

  /** The one person a title introduced («الوزيرة» → the minister named earlier or later). */
  byTitle(title: string): string | undefined {
    const fits = [...this.#entries].filter(([, e]) => e.titles.has(title)).map(([k]) => k);
    return fits.length === 1 ? fits[0] : undefined;
  }

  entries(): ReadonlyMap<string, Entry> {
    return this.#entries;
  }
}

/** Finds the people of an article and the speaker of each quoted span and each reported statement. */
export function attribute(
  language: "ar" | "en",
  paragraphs: readonly TextParagraph[],
  spans: readonly SpanAt[],
): Attribution {
  const spansOf = (paragraph: string) => spans.filter((s) => s.paragraph === paragraph);
  const reading: Reading =
    language === "ar" ? readArabic(paragraphs, spansOf) : readEnglish(paragraphs, spansOf);
  const registry = new Registry(language);
  for (const t of reading.titled) registry.add(t.name, t.titles, t.gender);

  // Resolve every cue in reading order, so «وأضافت:» continues whoever spoke last.
  const order = new Map(paragraphs.map((p, i) => [p.id, i]));
  const cues = [...reading.cues].sort(
    (a, b) => (order.get(a.paragraph) ?? 0) - (order.get(b.paragraph) ?? 0) || a.start - b.start,
  );
  const spoken: string[] = [];
  const speakerOf = new Map<SpeechCue, string | undefined>();
  for (const cue of cues) {
    const subject = cue.subject;
    let key: string | undefined;
    if (subject.kind === "name") key = registry.add(subject.name);
    else if (subject.kind === "title") key = registry.byTitle(subject.title);
    else if (subject.kind === "surname") {
      const known = registry.key(subject.word);
      key = registry.has(known) ? known : undefined;
    } else if (subject.kind === "previous") {
      const agrees = [...spoken].reverse().find((k) => {
        const g = registry.gender(k);
        return cue.gender === undefined || g === undefined || g === cue.gender;
      });
      key = agrees ?? spoken[spoken.length - 1];
    }
    if (key !== undefined) {
      registry.vote(key, cue.gender);
      spoken.push(key);
    }
    speakerOf.set(cue, key);
  }

  const people = candidates(language, paragraphs, registry);
  const idOf = (key: string | undefined) => (key === undefined ? undefined : people.get(key)?.id);

  const speakers = spans.map((span, i) => {
    const text = paragraphs.find((p) => p.id === span.paragraph)?.text ?? "";
    const previousEnd = spans[i - 1]?.paragraph === span.paragraph ? (spans[i - 1]?.end ?? 0) : 0;
    const nextStart =
      spans[i + 1]?.paragraph === span.paragraph ? (spans[i + 1]?.start ?? text.length) : text.length;
    const mine = cues.filter((c) => c.paragraph === span.paragraph);
    const before = mine.filter((c) => c.end <= span.start && c.start >= previousEnd).pop();
    const after = mine.find(
      (c) =>
        c.start >= span.end && c.start < nextStart && /^[\s.,،؛:"»”]*$/u.test(text.slice(span.end, c.start)),
    );
    const cue = before ?? after;
    if (cue !== undefined) return { cue: true, id: idOf(speakerOf.get(cue)) };
    return { cue: false, id: undefined };
  });
  // A span with no verb of its own, after another in the same paragraph, goes on quoting that speaker.
  const resolved: Array<string | undefined> = [];
  speakers.forEach((s, i) => {
    const continues = !s.cue && i > 0 && spans[i - 1]?.paragraph === spans[i]?.paragraph;
    resolved.push(continues ? resolved[i - 1] : s.id);
  });

  const statements = cues.flatMap((cue) => {
    if (cue.reported === undefined) return [];
    const speaker = idOf(speakerOf.get(cue));
    return [{ paragraph: cue.paragraph, text: cue.reported, ...(speaker !== undefined ? { speaker } : {}) }];
  });
  return { people: [...people.values()], speakers: resolved, statements };
}

/** Every spelling of a person's surname in the text with the first names already known (فوغل, فوجل). */
function otherSpellings(key: string, spellings: string[], paragraphs: readonly TextParagraph[]): void {
  const firstNames = new Set(spellings.filter((s) => s.includes(" ")).map((s) => s.split(" ")[0]));
  for (const paragraph of paragraphs) {
    const tokens = tokenize(paragraph.text);
    tokens.forEach((token, i) => {
      if (arKey(stripArPrefix(token.word)) !== key && arKey(token.word) !== key) return;
      if (!/^\p{Script=Arabic}+$/u.test(token.word)) return;
      const word = arKey(token.word) === key ? token.word : stripArPrefix(token.word);
      const prev = tokens[i - 1];
      const spelling =
        prev !== undefined && prev.after.trim() === "" && firstNames.has(prev.word)
          ? `${prev.word} ${word}`
          : word;
      if (!spellings.includes(spelling)) spellings.push(spelling);
    });
  }
}

function candidates(
  language: "ar" | "en",
  paragraphs: readonly TextParagraph[],
  registry: Registry,
): Map<string, PersonCandidate> {
  const result = new Map<string, PersonCandidate>();
  const used = new Set<string>();
  // In order of first mention in the text.
  const firstAt = (spellings: readonly string[]) =>
    paragraphs.findIndex((p) => spellings.some((s) => mentionsSpelling(p.text, s)));
  const entries = [...registry.entries()].sort(([, a], [, b]) => firstAt(a.spellings) - firstAt(b.spellings));
  for (const [key, entry] of entries) {
    const spellings = [...entry.spellings];
    for (const spelling of entry.spellings) {
      const surname = spelling.split(" ").pop() ?? spelling;
      if (!spellings.includes(surname)) spellings.push(surname);
    }
    if (language === "ar") otherSpellings(key, spellings, paragraphs);
    const present = spellings.filter((s) => paragraphs.some((p) => mentionsSpelling(p.text, s)));
    present.sort((a, b) => b.split(" ").length - a.split(" ").length);
    const name = present[0] ?? spellings[0] ?? key;
    let id = draftId(name);
    for (let n = 2; used.has(id); n++) id = `${draftId(name)}-${n}`;
    used.add(id);
    const mentions = paragraphs
      .filter((p) => present.some((s) => mentionsSpelling(p.text, s)))
      .map((p) => p.id);
    const gender = registry.gender(key);
    result.set(key, { id, name, aliases: present, mentions, ...(gender ? { gender } : {}) });
  }
  return result;
}
