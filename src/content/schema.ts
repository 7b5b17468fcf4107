import * as v from "valibot";

/**
 * The longest id any story element may have. Ids travel in Telegram callback data and deep-link payloads
 * (64 bytes in all), which carry a story key, a short prefix and at most two ids, so 24 ASCII bytes each
 * keeps every combination inside the limit.
 */
export const MAX_ID_LENGTH = 24;

/** An ASCII id: lower-case letters, digits and inner hyphens. */
export const ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/** A story key: 1–4 lower-case letters or digits, what buttons and deep links carry to name their story. */
export const KEY_PATTERN = /^[a-z0-9]{1,4}$/;

/** A Telegram command name (without the slash), as `setMyCommands` accepts it. */
export const COMMAND_PATTERN = /^[a-z0-9_]{1,32}$/;

/** `2025-02-12`, or a date-time with its offset (`2025-02-12T09:30:00Z`, `…+03:00`). */
const PUBLISHED_PATTERN =
  /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/** A calendar day that exists (Date.parse takes 2026-02-30 for 2 March) and a time Date.parse reads. */
function isRealDate(value: string): boolean {
  const [y = 0, m = 0, d = 0] = value.slice(0, 10).split("-").map(Number);
  const day = new Date(Date.UTC(y, m - 1, d));
  return day.getUTCMonth() === m - 1 && day.getUTCDate() === d && !Number.isNaN(Date.parse(value));
}

const Id = v.pipe(
  v.string("must be a string"),
  v.regex(ID_PATTERN, "must be ASCII: lower-case letters, digits and inner hyphens [a-z0-9-]"),
  v.maxLength(MAX_ID_LENGTH, `must be at most ${MAX_ID_LENGTH} characters`),
);

const Text = v.pipe(v.string("must be a string"), v.nonEmpty("must not be empty"));

/**
 * The same thing in the interface languages. The key equal to the story's `language` is the original (the
 * check requires it where the field is required); the other key is a translation and always optional.
 */
const Localized = v.strictObject({ ar: v.optional(Text), en: v.optional(Text) });

const IdList = v.pipe(v.array(Id, "must be a list of ids"), v.nonEmpty("must name at least one"));

const ParagraphSchema = v.strictObject({
  id: Id,
  /** The paragraph in each language; the original's language holds the verbatim line. */
  ar: v.optional(Text),
  en: v.optional(Text),
  /** An editor's note, shown apart from the text; never part of the original or its translation. */
  note: v.optional(Localized),
});

const SectionSchema = v.strictObject({
  id: Id,
  /** The editorial title; without one the section is called by its heading, or "Section n". */
  title: v.optional(Localized),
  /** A subheading exactly as the original prints it before this section, if it prints one. */
  heading: v.optional(Text),
  paragraphs: v.pipe(v.array(ParagraphSchema), v.nonEmpty("a section needs at least one paragraph")),
});

const PersonSchema = v.strictObject({
  id: Id,
  name: Localized,
  /** What this person is or does in this story, from the story alone. */
  role: v.optional(Localized),
  /** Grammatical gender, for the interface strings that agree with it. */
  gender: v.optional(v.picklist(["m", "f"], 'must be "m" or "f"')),
  /** Other spellings readers may type: the story's own variants, common variants and Latin forms. */
  aliases: v.optional(v.array(Text), []),
  /** The paragraphs that mention this person. */
  mentions: v.optional(v.array(Id), []),
});

const QuoteSchema = v.strictObject({
  id: Id,
  speaker: Id,
  paragraph: Id,
  /** The quoted words; in the original's language exactly as they stand in the paragraph. */
  ar: v.optional(Text),
  en: v.optional(Text),
  /** A verbatim span of the same paragraph that gives the quote its subject, when the quote alone lacks it. */
  context: v.optional(Text),
  /**
   * That subject as an editor puts it in brackets before the quote, in the original's language, where the
   * paragraph's own words do not stand alone (an Arabic noun in the case its sentence gave it); else `context`.
   */
  subject: v.optional(Text),
});

/** Reported speech: attributed to someone, but not in their own words, so never shown as a quote. */
const StatementSchema = v.strictObject({
  id: Id,
  speaker: Id,
  paragraph: Id,
  ar: v.optional(Text),
  en: v.optional(Text),
});

/** A span in quotation marks that is not anyone's words (a title, a term, a scare quote). */
const NotQuoteSchema = v.strictObject({
  paragraph: Id,
  /** The span, verbatim, as the paragraph has it. */
  text: Text,
  reason: Text,
});

const FactSchema = v.strictObject({
  id: Id,
  label: Localized,
  text: Localized,
  /** The paragraphs that support this fact. */
  paragraphs: IdList,
  people: v.optional(v.array(Id)),
  quotes: v.optional(v.array(Id)),
});

const FactGroupSchema = v.strictObject({
  id: Id,
  title: Localized,
  facts: v.pipe(v.array(FactSchema), v.nonEmpty("a group needs at least one fact")),
});

/**
 * The interface wording of one card, where the generic wording built from its title does not fit: the menu
 * button, the command menu's description, the phrase in /help's introduction, the title of its source
 * paragraphs and the button back to it.
 */
const CardLabelsSchema = v.strictObject({
  button: v.optional(Localized),
  command: v.optional(Localized),
  help: v.optional(Localized),
  sources: v.optional(Localized),
  back: v.optional(Localized),
});

/** A fact card ("key facts"): its own title and groups of facts, each fact with its paragraphs. */
const CardSchema = v.strictObject({
  id: Id,
  /** A command that opens this card (`"exchange"` → `/exchange`). */
  command: v.optional(
    v.pipe(
      v.string("must be a string"),
      v.regex(COMMAND_PATTERN, "must be 1–32 lower-case letters, digits or underscores"),
    ),
  ),
  title: Localized,
  labels: v.optional(CardLabelsSchema),
  groups: v.pipe(v.array(FactGroupSchema), v.nonEmpty("a card needs at least one group")),
});

const SummaryPointSchema = v.strictObject({
  id: Id,
  ar: v.optional(Text),
  en: v.optional(Text),
  /** The paragraphs that support this point. */
  paragraphs: IdList,
});

/**
 * A date (`2025-02-12`, the start of that day in UTC) or a date-time with its offset. Valid ISO and a day
 * that exists.
 */
const IsoDate = v.pipe(
  v.string("must be a string"),
  v.regex(PUBLISHED_PATTERN, "must be an ISO date (2025-02-12) or date-time (2025-02-12T09:30:00Z)"),
  // Only for well-formed values: a malformed one already has its message above.
  v.check((value) => !PUBLISHED_PATTERN.test(value) || isRealDate(value), "is not a real date"),
);

/**
 * An editors' correction of a published story: when, what was corrected (a note in the story's language,
 * and optionally its translation) and, optionally, the paragraphs it touched.
 */
const CorrectionSchema = v.strictObject({
  /** Unique within the story; it names the correction for good (pushes are keyed by it). */
  id: Id,
  date: IsoDate,
  ar: v.optional(Text),
  en: v.optional(Text),
  /** The ids of the paragraphs the correction changed, so readers can go and read them. */
  paragraphs: v.optional(IdList),
});

/** The editors took the story off the bot: when, and why (in the story's language, optionally translated). */
const WithdrawnSchema = v.strictObject({
  date: IsoDate,
  ar: v.optional(Text),
  en: v.optional(Text),
});

/**
 * Where a story comes from: the outlet that published the original, its author, a link to it and when it
 * was published, as the original gives them (in its language; a translation is optional). Only what the
 * original names: a story without one shows no source.
 */
const SourceSchema = v.strictObject({
  outlet: Localized,
  author: v.optional(Localized),
  url: v.optional(
    v.pipe(
      v.string("must be a string"),
      v.regex(/^https?:\/\/[^\s/]+\.[^\s]+$/, "must be a web address starting with https:// (or http://)"),
    ),
  ),
  published: v.optional(
    v.pipe(
      v.string("must be a string"),
      v.regex(PUBLISHED_PATTERN, "must be an ISO date (2025-02-12) or date-time (2025-02-12T09:30:00Z)"),
      v.check((value) => !PUBLISHED_PATTERN.test(value) || isRealDate(value), "is not a real date"),
    ),
  ),
});

/** The structured story file (`<CONTENT_DIR>/<id>/story.json`). */
export const StorySchema = v.strictObject({
  id: Id,
  /** The short key buttons and deep links carry for this story; without one it is derived from the id. */
  key: v.optional(
    v.pipe(v.string("must be a string"), v.regex(KEY_PATTERN, "must be 1–4 lower-case letters or digits")),
  ),
  /** The language the original is written in (its verbatim copy is `source.<language>.txt`). */
  language: v.picklist(["ar", "en"], 'must be "ar" or "en"'),
  /**
   * When the story was published: `/start` opens the newest, `/stories` lists them newest first. A time
   * still to come makes the story scheduled: not served until then. A date alone is the start of that day
   * in UTC.
   */
  published: IsoDate,
  /** A draft is checked like any story but never served to readers. */
  draft: v.optional(v.boolean("must be true or false")),
  /**
   * The SHA-256 (hex) of the verbatim original. The original must never change: a changed byte is caught
   * here even when the paragraphs were edited to match it.
   */
  sourceSha256: v.pipe(
    v.string("must be a string"),
    v.regex(/^[0-9a-f]{64}$/, "must be 64 lower-case hex digits"),
  ),
  title: Localized,
  /** One line under the title. */
  standfirst: Localized,
  /** Provenance: the outlet, author, link and date of the original, where it names them. */
  source: v.optional(SourceSchema),
  sections: v.pipe(v.array(SectionSchema), v.nonEmpty("a story needs at least one section")),
  summary: v.optional(v.array(SummaryPointSchema), []),
  people: v.optional(v.array(PersonSchema), []),
  quotes: v.optional(v.array(QuoteSchema), []),
  statements: v.optional(v.array(StatementSchema), []),
  notQuotes: v.optional(v.array(NotQuoteSchema), []),
  cards: v.optional(v.array(CardSchema), []),
  /** Corrections, oldest first as editors add them; shown on the story and pushed to its followers. */
  corrections: v.optional(v.array(CorrectionSchema), []),
  /** Set when the editors withdraw the story: it is then no longer served, and its links say why. */
  withdrawn: v.optional(WithdrawnSchema),
});

/** A story as its file holds it, after schema validation (optional lists default to empty). */
export type StoryData = v.InferOutput<typeof StorySchema>;
export type Localized = v.InferOutput<typeof Localized>;
export type Source = NonNullable<StoryData["source"]>;
export type Section = StoryData["sections"][number];
export type Paragraph = Section["paragraphs"][number];
export type Person = StoryData["people"][number];
export type Quote = StoryData["quotes"][number];
export type Statement = StoryData["statements"][number];
export type NotQuote = StoryData["notQuotes"][number];
export type Card = StoryData["cards"][number];
export type CardLabels = NonNullable<Card["labels"]>;
export type FactGroup = Card["groups"][number];
export type Fact = FactGroup["facts"][number];
export type SummaryPoint = StoryData["summary"][number];
export type Correction = StoryData["corrections"][number];
export type Withdrawal = NonNullable<StoryData["withdrawn"]>;
/** A language readers can use, and a language a story can be written in. */
export type Lang = "ar" | "en";
