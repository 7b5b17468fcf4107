import * as v from "valibot";

/**
 * The longest id any story element may have. Ids travel in Telegram callback data and deep-link payloads
 * (64 bytes in all), which carry a short prefix and at most two ids, so 24 ASCII bytes each keeps every
 * combination inside the limit.
 */
export const MAX_ID_LENGTH = 24;

/** An ASCII id: lower-case letters, digits and inner hyphens. */
export const ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

const Id = v.pipe(
  v.string("must be a string"),
  v.regex(ID_PATTERN, "must be ASCII: lower-case letters, digits and inner hyphens [a-z0-9-]"),
  v.maxLength(MAX_ID_LENGTH, `must be at most ${MAX_ID_LENGTH} characters`),
);

const Text = v.pipe(v.string("must be a string"), v.nonEmpty("must not be empty"));

/** The same thing said in Arabic and in English. */
const Localized = v.strictObject({ ar: Text, en: Text });

const IdList = v.pipe(v.array(Id, "must be a list of ids"), v.nonEmpty("must name at least one"));

const ParagraphSchema = v.strictObject({
  id: Id,
  /** The original text of the paragraph, verbatim. */
  ar: Text,
  /** A faithful English translation. */
  en: Text,
});

const SectionSchema = v.strictObject({
  id: Id,
  title: Localized,
  /** A subheading exactly as the original prints it before this section, if it prints one. */
  heading: v.optional(Text),
  paragraphs: v.pipe(v.array(ParagraphSchema), v.nonEmpty("a section needs at least one paragraph")),
});

const PersonSchema = v.strictObject({
  id: Id,
  name: Localized,
  /** What this person is or does in this story, from the story alone. */
  role: Localized,
  /** Other spellings readers may type: the story's own variants, common variants and Latin forms. */
  aliases: v.array(Text),
  /** The paragraphs that mention this person. */
  mentions: IdList,
});

const QuoteSchema = v.strictObject({
  id: Id,
  speaker: Id,
  paragraph: Id,
  /** The quoted words exactly as they stand in the paragraph (a verbatim substring of it). */
  ar: Text,
  en: Text,
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

const SummaryPointSchema = v.strictObject({
  id: Id,
  ar: Text,
  en: Text,
  /** The paragraphs that support this point. */
  paragraphs: IdList,
});

/** The structured story file (`content/<slug>/story.json`). */
export const StorySchema = v.strictObject({
  id: Id,
  /** The language the original is written in (its verbatim copy is `source.<language>.txt`). */
  language: v.picklist(["ar"], 'must be "ar"'),
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
  sections: v.pipe(v.array(SectionSchema), v.nonEmpty("a story needs at least one section")),
  people: v.array(PersonSchema),
  quotes: v.array(QuoteSchema),
  exchange: v.strictObject({
    title: Localized,
    groups: v.pipe(v.array(FactGroupSchema), v.nonEmpty("needs at least one group")),
  }),
  summary: v.pipe(
    v.array(SummaryPointSchema),
    v.minLength(4, "needs 4 to 6 points"),
    v.maxLength(6, "needs 4 to 6 points"),
  ),
});

/** A story as its file holds it, after schema validation. */
export type StoryData = v.InferOutput<typeof StorySchema>;
export type Localized = v.InferOutput<typeof Localized>;
export type Section = StoryData["sections"][number];
export type Paragraph = Section["paragraphs"][number];
export type Person = StoryData["people"][number];
export type Quote = StoryData["quotes"][number];
export type FactGroup = StoryData["exchange"]["groups"][number];
export type Fact = FactGroup["facts"][number];
export type SummaryPoint = StoryData["summary"][number];
/** A language readers can use: every localized string has both. */
export type Lang = keyof Localized;
