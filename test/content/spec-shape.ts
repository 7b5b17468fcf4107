/**
 * The story format of the agreed interface (story-format.md), as far as a scaffolded draft uses it, written
 * from the spec rather than imported from src/content/schema.ts: the scaffolder is built against the spec
 * while the real schema is being written. Strict objects, so a field the spec lacks fails.
 */
import * as v from "valibot";

const Id = v.pipe(v.string(), v.regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/), v.maxLength(24));
const Text = v.pipe(v.string(), v.nonEmpty());
const Localized = v.strictObject({ ar: v.optional(Text), en: v.optional(Text) });

/** A draft story as story-format.md describes it. */
export const SpecStory = v.strictObject({
  id: Id,
  language: v.picklist(["ar", "en"]),
  published: v.pipe(v.string(), v.isoDate()),
  draft: v.optional(v.boolean()),
  sourceSha256: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
  title: Localized,
  standfirst: Localized,
  sections: v.pipe(
    v.array(
      v.strictObject({
        id: Id,
        title: v.optional(Localized),
        heading: v.optional(Text),
        paragraphs: v.pipe(
          v.array(v.strictObject({ id: Id, ar: v.optional(Text), en: v.optional(Text) })),
          v.nonEmpty(),
        ),
      }),
    ),
    v.nonEmpty(),
  ),
  people: v.optional(
    v.array(
      v.strictObject({
        id: Id,
        name: Localized,
        role: v.optional(Localized),
        gender: v.optional(v.picklist(["m", "f"])),
        aliases: v.optional(v.array(Text)),
        mentions: v.optional(v.array(Id)),
      }),
    ),
  ),
  quotes: v.optional(
    v.array(
      v.strictObject({
        id: Id,
        speaker: Id,
        paragraph: Id,
        ar: v.optional(Text),
        en: v.optional(Text),
        context: v.optional(Text),
      }),
    ),
  ),
  /** Reported speech; a draft leaves out a speaker it could not find, for the check to ask for. */
  statements: v.optional(
    v.array(
      v.strictObject({
        id: Id,
        speaker: v.optional(Id),
        paragraph: Id,
        ar: v.optional(Text),
        en: v.optional(Text),
      }),
    ),
  ),
});
