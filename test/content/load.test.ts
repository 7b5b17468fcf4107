import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { loadStory, STORY_FILE } from "../../src/content/load.js";
import type { Problem } from "../../src/content/problem.js";
import { rebuildSource } from "../../src/content/rebuild.js";
import type { StoryData } from "../../src/content/schema.js";

const STORY_DIR = "test/fixtures/stories/putin-trump-call";
/**
 * The published article's SHA-256. The project's copy must stay byte for byte the original (which lives
 * outside the repository, so CI cannot read it).
 */
const ORIGINAL_SHA256 = "dbbd55d44fae6a1c82c11173627bbf108b849136b5bfe28ee0a0e2ec8604b13b";
const SOURCE = readFileSync(join(STORY_DIR, "source.ar.txt"), "utf8");
const run = promisify(execFile);

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A writable copy of the real story folder, with the structured file changed by `edit`. */
function brokenCopy(edit: (data: StoryData) => void): string {
  const root = mkdtempSync(join(tmpdir(), "khabar-content-"));
  temps.push(root);
  const dir = join(root, "putin-trump-call");
  cpSync(STORY_DIR, dir, { recursive: true });
  const data = JSON.parse(readFileSync(join(dir, STORY_FILE), "utf8")) as StoryData;
  edit(data);
  writeFileSync(join(dir, STORY_FILE), JSON.stringify(data, null, 2));
  return dir;
}

function problemsOf(dir: string): Problem[] {
  const result = loadStory(dir);
  if (result.ok) throw new Error("expected the broken story to fail");
  return result.problems;
}

function at<T>(list: readonly T[] | undefined, index: number): T {
  const item = list?.[index];
  if (item === undefined) throw new Error(`no item ${index}`);
  return item;
}

describe("loadStory on the real story", () => {
  it("loads and rebuilds the original byte for byte", () => {
    const result = loadStory(STORY_DIR);
    if (!result.ok) throw new Error(result.problems.map((p) => `${p.path}: ${p.message}`).join("\n"));
    const { story } = result;
    expect(Buffer.from(rebuildSource(story.data)).equals(Buffer.from(SOURCE))).toBe(true);
    expect(story.source).toBe(SOURCE);
    expect(
      createHash("sha256")
        .update(readFileSync(join(STORY_DIR, "source.ar.txt")))
        .digest("hex"),
    ).toBe(ORIGINAL_SHA256);
  });

  it("has the article's shape: four sections, one subheading, fifteen lines", () => {
    const result = loadStory(STORY_DIR);
    if (!result.ok) throw new Error("story does not load");
    const { data } = result.story;
    expect(data.sections.map((s) => s.id)).toEqual(["call", "trump-statement", "exchange", "background"]);
    expect(data.sections.filter((s) => s.heading).map((s) => s.heading)).toEqual(["صفقة تبادل للسجناء"]);
    expect(data.sections.flatMap((s) => s.paragraphs)).toHaveLength(14);
  });

  it("quotes only Trump and Peskov, each quote verbatim", () => {
    const result = loadStory(STORY_DIR);
    if (!result.ok) throw new Error("story does not load");
    const { story } = result;
    expect(story.speakers.map((p) => p.id).sort()).toEqual(["peskov", "trump"]);
    for (const quote of story.data.quotes)
      expect(story.paragraphs.get(quote.paragraph)?.ar).toContain(quote.ar);
  });

  it("translates each quote as a sentence: a capital (or a bracketed subject) first, end punctuation last", () => {
    const result = loadStory(STORY_DIR);
    if (!result.ok) throw new Error("story does not load");
    for (const quote of result.story.data.quotes) {
      expect(quote.en, quote.id).toMatch(/^(\[[A-Z][^\]]*\] |[A-Z])/);
      expect(quote.en, quote.id).toMatch(/[.!?]$/);
    }
  });
});

describe("loadStory on broken copies", () => {
  it("names a quote whose span was changed", () => {
    const dir = brokenCopy((d) => {
      at(d.quotes, 0).ar = `${at(d.quotes, 0).ar} (مضاف)`;
    });
    expect(problemsOf(dir)).toEqual([
      expect.objectContaining({
        path: "quotes[0].ar",
        message: expect.stringMatching(/not a verbatim part of paragraph "call-2"/),
      }),
    ]);
  });

  it("names every quote of a missing speaker", () => {
    const dir = brokenCopy((d) => {
      d.people = d.people.filter((p) => p.id !== "peskov");
    });
    const problems = problemsOf(dir);
    const speakerProblems = problems.filter((p) => p.path.endsWith(".speaker"));
    expect(speakerProblems.length).toBeGreaterThanOrEqual(2);
    for (const problem of speakerProblems)
      expect(problem.message).toMatch(/person "peskov", who is not among/);
    expect(problems.every((p) => p.file.endsWith(STORY_FILE))).toBe(true);
  });

  it("names a duplicate id and where it was first used", () => {
    const dir = brokenCopy((d) => {
      at(at(d.sections, 0).paragraphs, 1).id = "call-1";
    });
    expect(problemsOf(dir)).toContainEqual(
      expect.objectContaining({
        path: "sections[0].paragraphs[1].id",
        message: 'duplicate paragraph id "call-1" (already used at sections[0].paragraphs[0])',
      }),
    );
  });

  it("names a non-ASCII id", () => {
    const dir = brokenCopy((d) => {
      at(d.sections, 1).id = "بيان";
    });
    expect(problemsOf(dir)).toEqual([
      expect.objectContaining({ path: "sections[1].id", message: expect.stringMatching(/must be ASCII/) }),
    ]);
  });

  it("names an id too long for callback data", () => {
    const dir = brokenCopy((d) => {
      at(d.people, 0).id = "a-very-long-person-identifier";
    });
    expect(problemsOf(dir)).toContainEqual(
      expect.objectContaining({ path: "people[0].id", message: expect.stringMatching(/at most 24/) }),
    );
  });

  it("names a removed paragraph by its line in the original, and what still points to it", () => {
    const dir = brokenCopy((d) => {
      at(d.sections, 2).paragraphs.splice(1, 1);
    });
    const problems = problemsOf(dir);
    expect(problems).toContainEqual(
      expect.objectContaining({
        path: "sections[2].paragraphs[1].ar",
        message: expect.stringMatching(
          /^line 12 of .*source\.ar\.txt is missing before this one: «وأكد مسؤولان/,
        ),
      }),
    );
    const dangling = problems.filter((p) =>
      p.message.includes('paragraph "exchange-2", which the story does not have'),
    );
    expect(dangling.length).toBeGreaterThan(0);
  });

  it("names a paragraph whose text no longer matches the original", () => {
    const dir = brokenCopy((d) => {
      const p = at(at(d.sections, 3).paragraphs, 0);
      p.ar = (p.ar ?? "").replace("فبراير 2022", "فبراير 2023");
    });
    expect(problemsOf(dir)).toContainEqual(
      expect.objectContaining({
        path: "sections[3].paragraphs[0].ar",
        message: expect.stringMatching(/differs from line 15 .* at character \d+/),
      }),
    );
  });

  it("catches a changed original even when the paragraph was changed to match it", () => {
    const dir = brokenCopy((d) => {
      const p = at(at(d.sections, 3).paragraphs, 0);
      p.ar = (p.ar ?? "").replace("فبراير 2022", "فبراير 2023");
    });
    const source = join(dir, "source.ar.txt");
    writeFileSync(source, readFileSync(source, "utf8").replace("فبراير 2022", "فبراير 2023"));
    expect(problemsOf(dir)).toEqual([
      expect.objectContaining({
        file: expect.stringMatching(/source\.ar\.txt$/),
        message: expect.stringMatching(
          /^has changed: its SHA-256 is [0-9a-f]{64}, but story\.json's sourceSha256 is dbbd55d4/,
        ),
      }),
    ]);
  });

  it("names an alias that belongs to two people after normalisation", () => {
    const dir = brokenCopy((d) => {
      const putin = d.people.findIndex((p) => p.id === "putin");
      d.people[putin]?.aliases.push("تْرَمْب");
    });
    const problems = problemsOf(dir);
    expect(problems).toHaveLength(1);
    // Whichever of the two comes second in the file is named, with the other person and spelling.
    expect(problems[0]?.path).toMatch(/^people\[\d+\]\.(aliases\[\d+\]|name\.ar)$/);
    expect(problems[0]?.message).toMatch(
      /«(تْرَمْب|ترمب)» also names "(trump|putin)" \(as «(تْرَمْب|ترمب)»\) once normalised/,
    );
  });

  it("names an unknown key and a missing field", () => {
    const dir = brokenCopy((d) => {
      Object.assign(at(d.quotes, 1), { speakr: "trump" });
      delete (d as Partial<StoryData>).published;
    });
    const paths = problemsOf(dir).map((p) => p.path);
    expect(paths).toContain("quotes[1].speakr");
    expect(paths).toContain("published");
  });

  it("requires the original's language where a field is required, and lets translations be missing", () => {
    const dir = brokenCopy((d) => {
      delete (d.title as Partial<StoryData["title"]>).en;
      delete (d.title as Partial<StoryData["title"]>).ar;
      delete at(at(d.sections, 0).paragraphs, 0).en;
    });
    expect(problemsOf(dir)).toEqual([
      expect.objectContaining({ path: "title.ar", message: expect.stringMatching(/is missing: the title/) }),
    ]);
  });

  it("gives the line and column of invalid JSON", () => {
    const dir = brokenCopy(() => {});
    const file = join(dir, STORY_FILE);
    writeFileSync(file, readFileSync(file, "utf8").replace('"language": "ar",', '"language": "ar"'));
    expect(problemsOf(dir)).toEqual([
      expect.objectContaining({
        path: "",
        message: expect.stringMatching(/not valid JSON at line 5, column \d+/),
      }),
    ]);
  });
});

describe("npm run content:check", () => {
  it("passes every story the live content folder holds, whichever they are", async () => {
    const { stdout } = await run(process.execPath, ["--import", "tsx", "scripts/content-check.ts"]);
    const verdicts = stdout.split("\n").filter((line) => /^(ok|scheduled|draft) /.test(line));
    expect(verdicts.length).toBeGreaterThan(0);
  });

  it("keeps the live copy of the first article byte for byte the original", () => {
    const live = readFileSync("content/putin-trump-call/source.ar.txt");
    expect(createHash("sha256").update(live).digest("hex")).toBe(ORIGINAL_SHA256);
  });

  it("prints ok with counts for a story and exits 0", async () => {
    const root = mkdtempSync(join(tmpdir(), "khabar-content-"));
    temps.push(root);
    cpSync(STORY_DIR, join(root, "putin-trump-call"), { recursive: true });
    const { stdout } = await run(process.execPath, ["--import", "tsx", "scripts/content-check.ts", root]);
    const [first, ...rest] = stdout.trim().split("\n");
    expect(first).toBe("ok putin-trump-call: 4 sections, 14 paragraphs, 9 quotes, 11 people");
    // The two unnamed US officials are two people: the m / f of the interface strings fits neither.
    expect(rest.join("\n")).toMatch(
      /genders \(m\/f\): 10 of 11 people have one; still missing: us-officials$/,
    );
  });

  it("prints each problem and exits non-zero for a broken story", async () => {
    const dir = brokenCopy((d) => {
      at(d.sections, 1).id = "Statement";
      at(d.people, 0).aliases.push("");
    });
    const failure = await run(process.execPath, ["--import", "tsx", "scripts/content-check.ts", dir]).then(
      () => undefined,
      (error: { code: number; stdout: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stdout).toMatch(/2 problem\(s\)/);
    expect(failure?.stdout).toMatch(/story\.json sections\[1\] \(Statement\)\.id: must be ASCII/);
    expect(failure?.stdout).toMatch(/story\.json people\[0\] \(putin\)\.aliases\[\d+\]: must not be empty/);
  });
});
