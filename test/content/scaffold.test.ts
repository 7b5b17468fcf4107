import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import * as v from "valibot";
import { afterEach, describe, expect, it } from "vitest";
import { findQuotedSpans } from "../../src/content/quoted-spans.js";
import { type DraftStory, isHeadingLine, scaffoldStory } from "../../src/content/scaffold.js";
import { SpecStory } from "./spec-shape.js";

const STORY_DIR = "test/fixtures/stories/putin-trump-call";
const SOURCE = readFileSync(join(STORY_DIR, "source.ar.txt"));
const run = promisify(execFile);

/** The current story as its file holds it, read loosely so the test holds before and after the migration. */
interface StoryFile {
  sections: Array<{ heading?: string; paragraphs: Array<{ id: string; ar: string }> }>;
  people: Array<{ id: string; aliases: string[] }>;
  quotes: Array<{ speaker: string; paragraph: string; ar: string }>;
}
const CURRENT = JSON.parse(readFileSync(join(STORY_DIR, "story.json"), "utf8")) as StoryFile;

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "khabar-scaffold-"));
  temps.push(dir);
  return dir;
}

function draftOf(bytes: Buffer = SOURCE): DraftStory {
  return scaffoldStory(bytes, { id: "draft-call", title: "عنوان", standfirst: "سطر تحت العنوان" }).story;
}

describe("scaffolding the current article", () => {
  const draft = draftOf();
  const paragraphs = draft.sections.flatMap((s) => s.paragraphs);

  it("reproduces its 14 paragraphs and its one subheading, in order", () => {
    const current = CURRENT.sections.flatMap((s) => s.paragraphs.map((p) => p.ar));
    expect(paragraphs.map((p) => p.ar)).toEqual(current);
    expect(current).toHaveLength(14);
    expect(draft.sections.flatMap((s) => (s.heading ? [s.heading] : []))).toEqual(["صفقة تبادل للسجناء"]);
    expect(new Set(paragraphs.map((p) => p.id)).size).toBe(14);
  });

  it("finds all 9 quoted spans, each with the speaker the current story gives it", () => {
    const paragraphText = new Map(paragraphs.map((p) => [p.id, p.ar]));
    const currentText = new Map(CURRENT.sections.flatMap((s) => s.paragraphs.map((p) => [p.id, p.ar])));
    const quotes = draft.quotes ?? [];
    expect(quotes).toHaveLength(9);
    // The same spans in the same paragraphs (paragraph ids differ, their text does not).
    expect(quotes.map((q) => [paragraphText.get(q.paragraph), q.ar])).toEqual(
      CURRENT.quotes.map((q) => [currentText.get(q.paragraph), q.ar]),
    );
    // Speakers: the draft's person for each quote shares a spelling with the current story's speaker.
    const draftPeople = new Map((draft.people ?? []).map((p) => [p.id, p.aliases]));
    const currentPeople = new Map(CURRENT.people.map((p) => [p.id, p.aliases]));
    const speakers = quotes.map((quote, i) => {
      const want = CURRENT.quotes[i]?.speaker ?? "";
      const aliases = draftPeople.get(quote.speaker ?? "") ?? [];
      expect(aliases.some((alias) => currentPeople.get(want)?.includes(alias))).toBe(true);
      return want;
    });
    expect(speakers.filter((s) => s === "peskov")).toHaveLength(2);
    expect(speakers.filter((s) => s === "trump")).toHaveLength(7);
  });

  it("lists the people it names with the spellings the text uses, and where", () => {
    const byName = new Map((draft.people ?? []).map((p) => [p.name.ar, p]));
    expect(byName.get("دونالد ترامب")?.aliases).toEqual(["دونالد ترامب", "ترامب"]);
    expect(byName.get("دميتري بيسكوف")?.aliases).toEqual(["دميتري بيسكوف", "بيسكوف"]);
    expect(byName.get("فلاديمير بوتين")?.mentions).toContain("p1");
    expect(byName.get("مايكل والتز")).toBeDefined();
    // Two spellings of Fogel in the text are one person.
    expect(byName.get("مارك فوجل")?.aliases).toEqual(expect.arrayContaining(["مارك فوجل", "مارك فوغل"]));
    for (const person of draft.people ?? []) {
      expect(person).not.toHaveProperty("role");
      for (const alias of person.aliases) expect(SOURCE.toString("utf8")).toContain(alias);
    }
  });

  it("is a draft in the agreed format, pinned to the article's hash, with nothing it cannot know", () => {
    const parsed = v.safeParse(SpecStory, draft);
    expect(parsed.issues ?? []).toEqual([]);
    expect(draft.draft).toBe(true);
    expect(draft.language).toBe("ar");
    expect(draft.sourceSha256).toBe(createHash("sha256").update(SOURCE).digest("hex"));
    expect(JSON.stringify(draft)).not.toMatch(/"en"|"summary"|"role"/);
  });
});

describe("scaffolding rules", () => {
  it("finds straight, guillemet and curly quotes, keeping nested marks inside their span", () => {
    const spans = findQuotedSpans('قال: «نريد "السلام" الآن» ثم "نعم" و“لا” و"غير مغلق');
    expect(spans.map((s) => s.text)).toEqual(['نريد "السلام" الآن', "نعم", "لا"]);
  });

  it("takes short lines without final punctuation as subheadings", () => {
    expect(isHeadingLine("صفقة تبادل للسجناء")).toBe(true);
    expect(isHeadingLine('وأضاف: "نعم".')).toBe(false);
    expect(isHeadingLine("وقال:")).toBe(false);
  });

  it("guesses Arabic speakers after feminine verbs, titles and «وختم … قائلا:»", () => {
    const text = [
      "أعلنت وزيرة الصحة سارة أحمد خطة جديدة للمستشفيات.",
      'وقالت أحمد للصحفيين: "سنفتتح عشرة مستشفيات".',
      'وأضافت: "التمويل مضمون".',
      'وقال الناطق باسم الوزارة خالد يوسف إن الخطة "ستبدأ فورا".',
      'وختم الناطق باسم الوزارة قائلا: "لا تأخير".',
    ].join("\n");
    const { story } = scaffoldStory(Buffer.from(text), { id: "health" });
    const names = new Map((story.people ?? []).map((p) => [p.id, p.name.ar]));
    expect(story.quotes?.map((q) => [q.ar, names.get(q.speaker ?? "")])).toEqual([
      ["سنفتتح عشرة مستشفيات", "سارة أحمد"],
      ["التمويل مضمون", "سارة أحمد"],
      ["ستبدأ فورا", "خالد يوسف"],
      ["لا تأخير", "خالد يوسف"],
    ]);
    expect([...names.values()].sort()).toEqual(["خالد يوسف", "سارة أحمد"]);
  });

  it("guesses speakers of an English article and continues the previous one", () => {
    const text = [
      "The mayor met the council on Monday.",
      'Mayor Jane Doe said: "We will fix the roads."',
      'She added: "And the bridges."',
      '"No money is left," John Smith told reporters.',
      "Budget talks",
      'Smith said the city had "a plan" for next year.',
    ].join("\n");
    const { story } = scaffoldStory(Buffer.from(text), { id: "roads" });
    expect(story.language).toBe("en");
    expect(story.sections.map((s) => s.heading)).toEqual([undefined, "Budget talks"]);
    const names = new Map((story.people ?? []).map((p) => [p.id, p.name.en]));
    expect(story.quotes?.map((q) => [q.en, names.get(q.speaker ?? "")])).toEqual([
      ["We will fix the roads.", "Jane Doe"],
      ["And the bridges.", "Jane Doe"],
      ["No money is left,", "John Smith"],
      ["a plan", "John Smith"],
    ]);
  });

  it("leaves out a speaker it cannot guess and says so", () => {
    const { story, notes } = scaffoldStory(Buffer.from('رفعت اللافتة شعار "لا للحرب" أمام المبنى.'), {
      id: "sign",
    });
    expect(story.quotes).toEqual([{ id: "quote-1", paragraph: "p1", ar: "لا للحرب" }]);
    expect(notes.join("\n")).toMatch(/quote-1 .*no speaker/);
  });

  it("refuses an article with CRLF line endings, a byte-order mark or blank lines, naming them", () => {
    expect(() => scaffoldStory(Buffer.from("سطر أول.\r\nسطر ثان.\r\n"), { id: "x" })).toThrow(/CRLF/);
    expect(() => scaffoldStory(Buffer.from("\uFEFFسطر أول."), { id: "x" })).toThrow(/byte-order mark/);
    expect(() => scaffoldStory(Buffer.from("سطر أول.\n\nسطر ثان.\n"), { id: "x" })).toThrow(
      /1 blank line\(s\) \(line 2\)/,
    );
  });
});

describe("npm run story:new", () => {
  const script = ["--import", "tsx", "scripts/story-new.ts"];

  it("creates the folder under CONTENT_DIR with the article byte for byte, and never overwrites it", async () => {
    const content = tempDir();
    const env = { ...process.env, CONTENT_DIR: content };
    const { stdout } = await run(
      process.execPath,
      [...script, join(STORY_DIR, "source.ar.txt"), "--id", "call-2"],
      {
        env,
      },
    );
    expect(stdout).toMatch(/14 paragraphs in 2 section\(s\) \(1 subheading\(s\)\), 9 quoted span\(s\)/);
    const dir = join(content, "call-2");
    expect(readdirSync(dir).sort()).toEqual(["source.ar.txt", "story.json"]);
    expect(readFileSync(join(dir, "source.ar.txt")).equals(SOURCE)).toBe(true);
    const story = JSON.parse(readFileSync(join(dir, "story.json"), "utf8")) as DraftStory;
    expect(story).toMatchObject({ id: "call-2", language: "ar", draft: true });
    expect(story.published).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    writeFileSync(join(dir, "story.json"), "{}");
    const again = await run(
      process.execPath,
      [...script, join(STORY_DIR, "source.ar.txt"), "--id", "call-2"],
      {
        env,
      },
    ).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(again?.code).toBe(2);
    expect(again?.stderr).toMatch(/already exists; story:new never overwrites/);
    expect(readFileSync(join(dir, "story.json"), "utf8")).toBe("{}");
  });

  it("takes --content, --title and --published", async () => {
    const content = join(tempDir(), "stories");
    mkdirSync(content);
    await run(process.execPath, [
      ...script,
      join(STORY_DIR, "source.ar.txt"),
      "--id",
      "call-3",
      "--content",
      content,
      "--title",
      "اتصال هاتفي",
      "--published",
      "2025-02-12",
    ]);
    const story = JSON.parse(readFileSync(join(content, "call-3", "story.json"), "utf8")) as DraftStory;
    expect(story.title).toEqual({ ar: "اتصال هاتفي" });
    expect(story.published).toBe("2025-02-12");
  });

  it("explains a bad id", async () => {
    const failure = await run(process.execPath, [
      ...script,
      join(STORY_DIR, "source.ar.txt"),
      "--id",
      "Call 2",
    ]).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toMatch(/--id "Call 2" must be lower-case ASCII/);
  });
});
