import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { describeSchemaIssues } from "../../src/content/schema-messages.js";

/** A schema of another shape than the story's: wrappers, unions, picklists, dates, custom messages. */
const Localized = v.strictObject({ ar: v.optional(v.string()), en: v.optional(v.string()) });
const Schema = v.strictObject({
  id: v.pipe(v.string(), v.regex(/^[a-z]+$/)),
  published: v.pipe(v.string(), v.isoDate()),
  language: v.picklist(["ar", "en"]),
  draft: v.optional(v.boolean()),
  people: v.optional(
    v.array(
      v.strictObject({
        id: v.pipe(v.string("must be a string"), v.maxLength(4, "must be at most 4 characters")),
        name: Localized,
        gender: v.optional(v.picklist(["m", "f"])),
      }),
    ),
  ),
  cards: v.pipe(v.array(v.strictObject({ title: Localized })), v.nonEmpty()),
});

function messagesFor(input: unknown): string[] {
  const result = v.safeParse(Schema, input, { abortEarly: false });
  return describeSchemaIssues(result.issues ?? [], Schema).map((m) => `${m.path}: ${m.message}`);
}

describe("schema issues in plain words, for any schema", () => {
  it("reads allowed keys through optional wrappers and arrays", () => {
    const found = messagesFor({
      id: "abc",
      published: "2025-02-12",
      language: "ar",
      people: [{ id: "a", name: { ar: "س", fr: "x" }, nickname: "n" }],
      cards: [{ title: {} }],
    });
    expect(found).toEqual([
      "people[0].name.fr: unknown field `fr` in people[0].name; allowed: ar, en",
      "people[0].nickname: unknown field `nickname` in people[0]; allowed: id, name, gender",
    ]);
  });

  it("says what is missing, what a value must be, and keeps a schema's own plain messages", () => {
    const found = messagesFor({
      id: "ABC",
      published: "12/02/2025",
      language: "fr",
      draft: "yes",
      people: [{ id: "toolong", name: "x", gender: "x" }],
      cards: [],
    });
    expect(found).toEqual([
      'id: the text "ABC" does not have the required form /^[a-z]+$/',
      'published: the text "12/02/2025" is not an ISO date such as 2025-02-12',
      'language: must be one of "ar", "en", not the text "fr"',
      'draft: must be true or false, not the text "yes"',
      "people[0].id: must be at most 4 characters",
      'people[0].name: must be the text in the original\'s language, as { "ar": "…" } or { "en": "…" }; a translation is optional, not the text "x"',
      'people[0].gender: must be one of "m", "f", not the text "x"',
      "cards: needs at least 1 (it has a list of 0)",
    ]);
    expect(messagesFor({})).toEqual([
      "id: is missing: the story needs `id` (text)",
      "published: is missing: the story needs `published` (text)",
      'language: is missing: the story needs `language` (one of "ar", "en")',
      "cards: is missing: the story needs `cards` (a list [ … ])",
    ]);
  });
});
