/**
 * Check messages an editor can act on without decoding them, through the real entry points (`loadStory`
 * and `npm run content:check`) on broken copies of a fixture story (Arabic, two people, one a woman).
 */
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { loadStory, STORY_FILE } from "../../src/content/load.js";
import { formatProblem } from "../../src/content/problem.js";

const FIXTURE = "test/fixtures/stories/library-opening";
const run = promisify(execFile);

// biome-ignore lint/suspicious/noExplicitAny: the tests break story.json freely, as an editor would
type Json = Record<string, any>;

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function copy(edit: (data: Json) => void): string {
  const root = mkdtempSync(join(tmpdir(), "khabar-names-"));
  temps.push(root);
  const dir = join(root, "library-opening");
  cpSync(FIXTURE, dir, { recursive: true });
  const data = JSON.parse(readFileSync(join(dir, STORY_FILE), "utf8")) as Json;
  edit(data);
  writeFileSync(join(dir, STORY_FILE), JSON.stringify(data, null, 2));
  return dir;
}

function lines(dir: string): string[] {
  const result = loadStory(dir);
  if (result.ok) throw new Error("expected the broken story to fail");
  return result.problems.map((p) => formatProblem(p).replace(/^\S+ /, ""));
}

async function contentCheck(dir: string): Promise<{ code: number; stdout: string }> {
  return run(process.execPath, ["--import", "tsx", "scripts/content-check.ts", dir]).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
  );
}

describe("items named by id as well as place", () => {
  it("names a quote by its id beside its index, in the problem and in content:check", async () => {
    const dir = copy((d) => {
      d.quotes[2].ar = "نريد أن تكون المكتبة بيتا لكل طالبة";
    });
    expect(lines(dir)).toEqual([
      expect.stringMatching(/^quotes\[2\] \(haddad-2\)\.ar: is not a verbatim part of paragraph "react-2"/),
    ]);
    expect((await contentCheck(dir)).stdout).toContain(
      "story.json quotes[2] (haddad-2).ar: is not a verbatim",
    );
  });

  it("names a paragraph by its own id inside its section, and a schema problem by the item's id", () => {
    const dir = copy((d) => {
      d.sections[1].paragraphs[0].ar += " ";
      d.people[1].nickname = "أبو خالد";
    });
    const found = lines(dir);
    expect(found).toContainEqual(expect.stringMatching(/^people\[1\] \(omari\)\.nickname: unknown field/));
    const broken = copy((d) => {
      d.sections[1].paragraphs[0].ar += " ";
    });
    expect(lines(broken)).toContainEqual(
      expect.stringMatching(/^sections\[1\]\.paragraphs\[0\] \(react-1\)\.ar: differs from line 4/),
    );
  });
});

describe("an unknown reference", () => {
  it("lists the valid people and suggests the nearest for a misspelt speaker", () => {
    const dir = copy((d) => {
      d.quotes[0].speaker = "hadad";
    });
    expect(lines(dir)).toEqual([
      'quotes[0] (haddad-1).speaker: names person "hadad", who is not among the story\'s people; ' +
        'the story\'s people: haddad, omari; did you mean "haddad"?',
    ]);
  });

  it("lists the paragraphs for a misspelt paragraph id, and suggests none when nothing is near", () => {
    const dir = copy((d) => {
      d.people[0].mentions = ["open-2", "raect-2"];
      d.quotes[1].paragraph = "somewhere-else";
    });
    const found = lines(dir);
    expect(found).toContainEqual(
      'people[0] (haddad).mentions[1]: names paragraph "raect-2", which the story does not have; ' +
        'the story\'s paragraphs: open-1, open-2, react-1, react-2; did you mean "react-2"?',
    );
    expect(found).toContainEqual(
      'quotes[1] (omari-1).paragraph: names paragraph "somewhere-else", which the story does not have; ' +
        "the story's paragraphs: open-1, open-2, react-1, react-2",
    );
  });
});

describe("the to-do list", () => {
  it("puts what is required apart from the optional parts started", async () => {
    const dir = copy((d) => {
      delete d.quotes[1].speaker;
      delete d.people[1].role;
    });
    const { code, stdout } = await contentCheck(dir);
    expect(code).toBe(1);
    expect(stdout).toMatch(/: 1 required to-do\(s\)$/m);
    const required = stdout.slice(stdout.indexOf("required before the story can be served:"));
    expect(required).toMatch(
      /^required before the story can be served:\n {4}- speakers: 1 of 3 quotes have none yet\n {8}omari-1: «ستدعم المكتبة كل عام» in paragraph react-1: set "speaker" to one of: haddad, omari/,
    );
    const optional = stdout.slice(stdout.indexOf("to finish (optional parts you started):"));
    expect(optional).toMatch(/- roles: 1 of 2 people have one; still missing: omari$/m);
    expect(optional).not.toContain("omari-1");
    expect(stdout).not.toContain("(required)");
    expect(stdout.indexOf("required before")).toBeLessThan(stdout.indexOf("to finish"));
  });
});

describe("localized texts", () => {
  it("asks for the original's language only, saying the translation is optional", () => {
    const dir = copy((d) => {
      delete d.standfirst;
      d.people[0].name = "سلمى الحداد";
    });
    const found = lines(dir);
    expect(found).toContainEqual(
      'standfirst: is missing: the story needs `standfirst` (the text in the original\'s language, as { "ar": "…" }; a translation ("en") is optional)',
    );
    expect(found).toContainEqual(
      'people[0] (haddad).name: must be the text in the original\'s language, as { "ar": "…" }; a translation ("en") is optional, not the text "سلمى الحداد"',
    );
    for (const line of found) expect(line).not.toContain("an object with ar, en");
  });

  it("accepts an editorial section title in either language alone", () => {
    for (const title of [{ en: "Reactions" }, { ar: "ردود" }]) {
      const dir = copy((d) => {
        d.sections[1].title = title;
        d.sections[0].title = title.en ? { ar: "الافتتاح" } : { en: "Opening" };
      });
      const result = loadStory(dir);
      expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([]);
    }
    const empty = copy((d) => {
      d.sections[1].title = {};
    });
    expect(lines(empty)).toEqual([
      'sections[1] (reactions).title: is empty: give the section title in either language ("ar" or "en")',
    ]);
  });
});
