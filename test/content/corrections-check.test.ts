/** What the loader (and so content:check) says of bad corrections and withdrawals in a story file. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadStory } from "../../src/content/load.js";
import { formatProblem } from "../../src/content/problem.js";
import { EDITOR_FIXTURES } from "../bot/multi-story.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The problems of the corrected fixture after `change` to its JSON. */
function problemsAfter(change: (data: Record<string, unknown>) => void): string[] {
  const root = mkdtempSync(join(tmpdir(), "khabar-corrections-"));
  dirs.push(root);
  const dir = join(root, EDITOR_FIXTURES.corrected);
  cpSync(`test/fixtures/stories/${EDITOR_FIXTURES.corrected}`, dir, { recursive: true });
  const file = join(dir, "story.json");
  const data = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  change(data);
  writeFileSync(file, JSON.stringify(data, null, 2));
  const result = loadStory(dir);
  return result.ok ? [] : result.problems.map((p) => formatProblem(p).replace(/^.*story\.json /, ""));
}

type Entry = Record<string, unknown>;
const corrections = (data: Entry) => data.corrections as Entry[];

describe("checking corrections", () => {
  it("accepts the fixture as it is", () => {
    expect(problemsAfter(() => undefined)).toEqual([]);
  });

  it("wants correction ids unique", () => {
    expect(
      problemsAfter((d) => {
        (corrections(d)[1] as Entry).id = "vote-count";
      }),
    ).toEqual([
      'corrections[1] (vote-count).id: duplicate correction id "vote-count" (already used at corrections[0])',
    ]);
  });

  it("wants real ISO dates", () => {
    const problems = problemsAfter((d) => {
      (corrections(d)[0] as Entry).date = "2026-02-30";
      (corrections(d)[1] as Entry).date = "3 December 2026";
    });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^corrections\[0\] \(vote-count\)\.date: .*not a real date/);
    expect(problems[1]).toMatch(/^corrections\[1\] \([a-z-]+\)\.date: .*ISO date/);
  });

  it("wants the note in the story's language, and paragraphs the story has", () => {
    expect(
      problemsAfter((d) => {
        delete (corrections(d)[0] as Entry).en;
        (corrections(d)[1] as Entry).paragraphs = ["cost-9"];
      }),
    ).toEqual([
      "corrections[0] (vote-count).en: is missing: the correction's note in the original's language (en)",
      'corrections[1] (cost-figure).paragraphs[0]: names paragraph "cost-9", which the story does not have; the story\'s paragraphs: vote-1, vote-2, cost-1; did you mean "cost-1"?',
    ]);
  });

  it("refuses fields the format does not have", () => {
    const problems = problemsAfter((d) => {
      (corrections(d)[0] as Entry).by = "the desk";
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^corrections\[0\]/);
  });
});

describe("checking a withdrawal", () => {
  it("wants a real date and the note in the story's language", () => {
    const problems = problemsAfter((d) => {
      d.withdrawn = { date: "2026-13-01", ar: "سُحب." };
    });
    // A schema problem is reported first, alone: the story's own checks need a well-formed file.
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^withdrawn\.date: .*not a real date/);
    expect(
      problemsAfter((d) => {
        d.withdrawn = { date: "2026-12-04", ar: "سُحب." };
      }),
    ).toEqual(["withdrawn.en: is missing: the editors' note in the original's language (en)"]);
  });
});
