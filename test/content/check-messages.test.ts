/**
 * The messages editors act on, each through the real entry points (`loadStory`, the content:check and
 * story:hash scripts) on broken copies of the real story. The copies are edited as plain JSON, so these
 * tests hold for any version of the story schema that keeps quotes, people and paragraphs.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { loadStory, STORY_FILE } from "../../src/content/load.js";
import type { Problem } from "../../src/content/problem.js";
import { uncoveredQuotedSpans } from "../../src/content/quote-coverage.js";
import { StorySchema } from "../../src/content/schema.js";

const STORY_DIR = "test/fixtures/stories/putin-trump-call";
const SOURCE_FILE = "source.ar.txt";
const run = promisify(execFile);

interface Paragraph {
  id: string;
  ar: string;
}
interface StoryJson {
  sourceSha256: string;
  sections: Array<{ paragraphs: Paragraph[] }>;
  people: Array<Record<string, unknown>>;
  quotes: Array<{ id: string; speaker?: string; paragraph: string; ar: string }>;
  notQuotes?: Array<{ paragraph: string; text: string; reason: string }>;
}

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the real story folder; `edit` changes its story.json, `source` its original. */
function copy(edit: (data: StoryJson) => void = () => {}, source?: (text: string) => string): string {
  const root = mkdtempSync(join(tmpdir(), "khabar-check-"));
  temps.push(root);
  const dir = join(root, "putin-trump-call");
  cpSync(STORY_DIR, dir, { recursive: true });
  const data = JSON.parse(readFileSync(join(dir, STORY_FILE), "utf8")) as StoryJson;
  edit(data);
  writeFileSync(join(dir, STORY_FILE), JSON.stringify(data, null, 2));
  if (source) {
    const file = join(dir, SOURCE_FILE);
    writeFileSync(file, source(readFileSync(file, "utf8")));
  }
  return dir;
}

/** Changes a paragraph and the original the same way, and pins the new hash: a deliberate edit. */
function editOriginal(data: StoryJson, dir: string, from: string, to: string): void {
  const paragraph = paragraphs(data).find((p) => p.ar.includes(from));
  if (!paragraph) throw new Error(`no paragraph has ${from}`);
  paragraph.ar = paragraph.ar.replace(from, to);
  const file = join(dir, SOURCE_FILE);
  const text = readFileSync(file, "utf8").replace(from, to);
  writeFileSync(file, text);
  data.sourceSha256 = createHash("sha256").update(text).digest("hex");
  writeFileSync(join(dir, STORY_FILE), JSON.stringify(data, null, 2));
}

function paragraphs(data: StoryJson): Paragraph[] {
  return data.sections.flatMap((s) => s.paragraphs);
}

function quote(data: StoryJson, id: string): StoryJson["quotes"][number] {
  const found = data.quotes.find((q) => q.id === id);
  if (!found) throw new Error(`no quote ${id}`);
  return found;
}

function problemsOf(dir: string): Problem[] {
  const result = loadStory(dir);
  if (result.ok) throw new Error("expected the broken story to fail");
  return result.problems;
}

function messages(dir: string): string[] {
  return problemsOf(dir).map((p) => `${p.path}: ${p.message}`);
}

async function contentCheck(...args: string[]): Promise<{ code: number; stdout: string }> {
  return run(process.execPath, ["--import", "tsx", "scripts/content-check.ts", ...args]).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
  );
}

describe("quoted spans", () => {
  it("names a quoted span that no quote covers, with its paragraph and what to do", () => {
    const dir = copy((d) => {
      d.quotes = d.quotes.filter((q) => q.id !== "trump-3");
    });
    const problems = problemsOf(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.path).toMatch(/^sections\[\d+\]\.paragraphs\[\d+\]\.ar$/);
    expect(problems[0]?.message).toMatch(
      /^quoted span «لكن أولا، كما اتفقنا كلانا.*» in paragraph "statement-3" is in no quote: add it to "quotes" with its speaker, or, if it is not a direct quote, to "notQuotes" with a "reason"$/,
    );
  });

  it("accepts a span marked as not a quote, with a reason", () => {
    const data = {
      language: "ar" as const,
      sections: [{ paragraphs: [{ id: "p1", ar: 'رفع المحتجون شعار "لا للحرب" وقال أحدهم: "سنعود".' }] }],
      quotes: [{ paragraph: "p1", ar: "سنعود" }],
      notQuotes: [
        { paragraph: "p1", text: "لا للحرب", reason: "a slogan on a banner, not a person's words" },
      ],
    };
    expect(uncoveredQuotedSpans(data)).toEqual([]);
    expect(uncoveredQuotedSpans({ ...data, notQuotes: [] })).toEqual([
      expect.objectContaining({
        path: "sections[0].paragraphs[0].ar",
        message: expect.stringMatching(/«لا للحرب»/),
      }),
    ]);
  });

  // The story schema before the new format has no notQuotes; once it has, the real loader must agree.
  const schemaHasNotQuotes = "notQuotes" in ((StorySchema as { entries?: object }).entries ?? {});
  it.runIf(schemaHasNotQuotes)("loadStory accepts a quote moved to notQuotes with a reason", () => {
    const dir = copy((d) => {
      const moved = quote(d, "trump-3");
      d.quotes = d.quotes.filter((q) => q !== moved);
      for (const person of d.people) {
        if (Array.isArray(person.quotes)) person.quotes = person.quotes.filter((id) => id !== "trump-3");
      }
      d.notQuotes = [{ paragraph: moved.paragraph, text: moved.ar, reason: "test: marked as not a quote" }];
    });
    const result = loadStory(dir);
    expect(result.ok ? [] : result.problems).toEqual([]);
  });
});

describe("invisible differences in the original", () => {
  it("names CRLF line endings once, instead of every line as two identical-looking excerpts", () => {
    const dir = copy(undefined, (text) => text.replaceAll("\n", "\r\n"));
    const found = messages(dir);
    expect(found).toContainEqual(
      expect.stringMatching(/^: has Windows line endings \(CRLF, U\+000D.*\) on line\(s\) 1–14/),
    );
    expect(found.filter((m) => /differs from line/.test(m))).toEqual([]);
    expect(found).toContainEqual(expect.stringMatching(/has changed: .*npm run story:hash -- /));
  });

  it("names a byte-order mark", () => {
    const dir = copy(undefined, (text) => `\uFEFF${text}`);
    const found = messages(dir);
    expect(found).toContainEqual(
      expect.stringMatching(/^: starts with a byte-order mark \(U\+FEFF BYTE ORDER MARK\)/),
    );
    expect(found.filter((m) => /differs from line/.test(m))).toEqual([]);
  });

  it("names trailing spaces in the original", () => {
    const dir = copy();
    const data = JSON.parse(readFileSync(join(dir, STORY_FILE), "utf8")) as StoryJson;
    const line = paragraphs(data)[2]?.ar ?? "";
    editOriginal(data, dir, line, `${line}  `);
    const paragraph = paragraphs(data)[2];
    if (paragraph) paragraph.ar = line;
    writeFileSync(join(dir, STORY_FILE), JSON.stringify(data, null, 2));
    expect(messages(dir)).toContainEqual(
      expect.stringMatching(
        /differs from line 3 of .*source\.ar\.txt: the original line ends with 2 trailing space\(s\) that the story's line lacks$/,
      ),
    );
  });
});

describe("JSON syntax errors", () => {
  it("gives the line and column of a missing comma", () => {
    const dir = copy();
    const file = join(dir, STORY_FILE);
    const text = readFileSync(file, "utf8");
    writeFileSync(file, text.replace('"language": "ar",', '"language": "ar"'));
    // The comma is missing at the end of the language line, so the parser stops at the next line's field.
    const line = text.slice(0, text.indexOf('"language"')).split("\n").length + 1;
    const next = text.split("\n")[line - 1]?.trim().split(":")[0] ?? "";
    expect(messages(dir)).toEqual([
      `: is not valid JSON at line ${line}, column 3 (near ${JSON.stringify(next)}): a comma was expected (between two fields or list items)`,
    ]);
  });

  it("gives the line and column of a trailing comma and of a cut-off file (JSON.parse gives neither)", () => {
    const dir = copy();
    const file = join(dir, STORY_FILE);
    const text = readFileSync(file, "utf8");
    writeFileSync(file, text.replace(/\n}\s*$/, ",\n}"));
    expect(messages(dir)).toEqual([
      expect.stringMatching(/at line \d+, column 1 \(near "}"\): a field name/),
    ]);
    const cut = text.slice(0, text.indexOf('"language": ') + '"language": '.length);
    writeFileSync(file, cut);
    expect(() => JSON.parse(cut)).toThrow(/^Unexpected end of JSON input$/);
    expect(messages(dir)).toEqual([
      expect.stringMatching(/at line \d+, column \d+ \(at the end of the file\)/),
    ]);
  });
});

describe("a quote that differs from its paragraph", () => {
  it("shows a shadda the quote lacks («قدم» for «قدّم») by its code point", () => {
    const dir = copy();
    const data = JSON.parse(readFileSync(join(dir, STORY_FILE), "utf8")) as StoryJson;
    // Give the original a shadda (a deliberate, pinned edit), then leave the quote without it.
    editOriginal(data, dir, "لكن أولا، كما", "لكن أولا، قدّم كما");
    quote(data, "trump-3").ar = quote(data, "trump-3").ar.replace("لكن أولا، كما", "لكن أولا، قدم كما");
    writeFileSync(join(dir, STORY_FILE), JSON.stringify(data, null, 2));
    expect(messages(dir)).toEqual([
      expect.stringMatching(
        /^quotes\[\d+\]\.ar: is not a verbatim part of paragraph "statement-3": differs at its character 13, after «لكن أولا، قد»: the paragraph has U\+0651 ARABIC SHADDA here, which the quote lacks$/,
      ),
    ]);
  });

  it("shows an extra tatweel and a direction mark by their code points", () => {
    const tatweel = copy((d) => {
      quote(d, "trump-1").ar = quote(d, "trump-1").ar.replace("ناقشنا", "ناقـشنا");
    });
    expect(messages(tatweel)).toEqual([
      expect.stringMatching(
        /differs at its character 4, after «ناق»: the quote has an extra «ـ» \(U\+0640 ARABIC TATWEEL\) that the paragraph lacks/,
      ),
    ]);
    const mark = copy((d) => {
      quote(d, "trump-1").ar = `\u200F${quote(d, "trump-1").ar}`;
    });
    expect(messages(mark)).toEqual([
      expect.stringMatching(
        /the quote starts with U\+200F RIGHT-TO-LEFT MARK, which the paragraph never has/,
      ),
    ]);
  });

  it("shows a look-alike letter by both code points", () => {
    const dir = copy((d) => {
      quote(d, "trump-1").ar = quote(d, "trump-1").ar.replace("أوكرانيا", "أوکرانيا");
    });
    expect(messages(dir)).toEqual([
      expect.stringMatching(
        /the quote has «ک» \(U\+06A9 ARABIC LETTER KEHEH\) where the paragraph has «ك» \(U\+0643 ARABIC LETTER KAF\)/,
      ),
    ]);
  });
});

describe("schema messages in plain words", () => {
  it("names an unknown field and the fields allowed there", () => {
    const dir = copy((d) => {
      const person = d.people[2];
      if (person) person.nickname = "أبو";
    });
    const problems = problemsOf(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.path).toBe("people[2].nickname");
    expect(problems[0]?.message).toMatch(/^unknown field `nickname` in people\[2\]; allowed: id, name, /);
    for (const field of ["role", "aliases", "mentions"]) expect(problems[0]?.message).toContain(field);
  });

  it("names a missing field, a wrong type and an unknown top-level field without validator wording", () => {
    const dir = copy((d) => {
      const first = d.quotes[0];
      if (first) first.paragraph = undefined as unknown as string;
      const person = d.people[0];
      if (person) person.aliases = "بوتين";
      Object.assign(d, { auther: "x" });
    });
    const found = messages(dir);
    expect(found).toContainEqual("quotes[0].paragraph: is missing: quotes[0] needs `paragraph` (text)");
    expect(found).toContainEqual('people[0].aliases: must be a list [ … ], not the text "بوتين"');
    expect(found).toContainEqual(
      expect.stringMatching(/^auther: unknown field `auther` in the story; allowed: id, /),
    );
    for (const message of found) expect(message).not.toMatch(/Expected|never|Invalid (key|type)/);
  });
});

describe("npm run content:check", () => {
  it("says which command pins a changed original, and story:hash pins it rewriting only that field", async () => {
    const dir = copy(undefined, (text) => text.replace("فبراير 2022", "فبراير 2023"));
    const data = JSON.parse(readFileSync(join(dir, STORY_FILE), "utf8")) as StoryJson;
    const paragraph = paragraphs(data).find((p) => p.ar.includes("فبراير 2022"));
    if (paragraph) paragraph.ar = paragraph.ar.replace("فبراير 2022", "فبراير 2023");
    // An editor's own formatting (4 spaces) must survive the hash update.
    const before = JSON.stringify(data, null, 4);
    writeFileSync(join(dir, STORY_FILE), before);

    const failed = await contentCheck(dir);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain(`source.ar.txt: has changed`);
    expect(failed.stdout).toContain(`npm run story:hash -- ${dir}`);

    const hashed = await run(process.execPath, ["--import", "tsx", "scripts/story-hash.ts", dir]);
    expect(hashed.stdout).toMatch(/sourceSha256 dbbd55d44fae… → [0-9a-f]{64}/);
    const digest = createHash("sha256")
      .update(readFileSync(join(dir, SOURCE_FILE)))
      .digest("hex");
    const after = readFileSync(join(dir, STORY_FILE), "utf8");
    expect(after).toBe(before.replace(data.sourceSha256, digest));
    expect((await contentCheck(dir)).code).toBe(0);
  });

  it("--fix-hash pins the hash before checking", async () => {
    const dir = copy(undefined, (text) => text.replace("فبراير 2022", "فبراير 2023"));
    const data = JSON.parse(readFileSync(join(dir, STORY_FILE), "utf8")) as StoryJson;
    const paragraph = paragraphs(data).find((p) => p.ar.includes("فبراير 2022"));
    if (paragraph) paragraph.ar = paragraph.ar.replace("فبراير 2022", "فبراير 2023");
    writeFileSync(join(dir, STORY_FILE), JSON.stringify(data, null, 2));
    const fixed = await contentCheck(dir, "--fix-hash");
    expect(fixed.stdout).toMatch(/sourceSha256 dbbd55d44fae… → /);
    expect(fixed.code).toBe(0);
  });

  it("prints the same problem in many places once, with its places", async () => {
    const dir = copy((d) => {
      for (const person of d.people) person.nickname = "x";
    });
    const { code, stdout } = await contentCheck(dir);
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /story\.json people\[\]\.nickname: unknown field `nickname` in people\[\]; allowed: .* — in 11 places: people\[0\] \(putin\)\.nickname, people\[1\] \(trump\)\.nickname/,
    );
  });

  it("lists what is left of a started translation and of started roles as a to-do list", async () => {
    const dir = copy((d) => {
      const all = paragraphs(d) as Array<Paragraph & { en?: string }>;
      for (const p of all.slice(1)) delete p.en;
      for (const person of d.people.slice(2)) delete person.role;
    });
    const { stdout } = await contentCheck(dir);
    const todo = stdout.slice(stdout.indexOf("to finish"));
    expect(todo).toMatch(/^to finish \(optional parts you started\):$/m);
    expect(todo).toMatch(
      /- English translation \("en"\): \d+ of \d+ texts translated; still missing:\n\s+paragraphs: call-2/,
    );
    expect(todo).toMatch(/- roles: 2 of 11 people have one; still missing: peskov, zelensky/);
  });

  it("asks for the speaker of a quote that has none, offering the story's people", async () => {
    const dir = copy((d) => {
      delete quote(d, "trump-2").speaker;
    });
    const { code, stdout } = await contentCheck(dir);
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /required before the story can be served:\n\s+- speakers: 1 of 9 quotes have none yet\n\s+trump-2: «فكر كلانا.*» in paragraph statement-2: set "speaker" to one of: putin, trump, peskov/,
    );
    expect(stdout).not.toMatch(/quotes\[\d+\]\.speaker: is missing/);
  });
});
