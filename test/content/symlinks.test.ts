/**
 * Story files and folders are the content folder's own: a symbolic link that leads out of it (to a secrets
 * file, to a system tree) is a problem named as such, never read, never echoed into the bot's log or
 * content:check's report, and never followed by the watcher. Diagnostics quote only short excerpts.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { type LibraryLog, StoryLibrary, scanStories } from "../../src/content/library.js";
import { loadStory } from "../../src/content/load.js";
import { formatProblem } from "../../src/content/problem.js";
import type { StoryData } from "../../src/content/schema.js";
import { RIVERSIDE_DIR } from "../bot/multi-story.js";

const run = promisify(execFile);
const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

/** Lines no diagnostic may ever show: what a pasted secrets file holds. */
const SECRET_LINES = [
  "WEBHOOK_SECRET=wh-9f8e7d6c5b4a39281706f5e4d3c2b1a0",
  "BOT_TOKEN=123456789:AAHsecretsecretsecretsecretsecret00",
  "REDIS_URL=redis://:hunter2hunter2@10.0.0.5:6379",
];
const SECRET_MARKERS = ["WEBHOOK_SECRET", "wh-9f8e", "BOT_TOKEN", "AAHsecret", "hunter2", "REDIS_URL"];

/** A file of secrets in a folder of its own, outside any content folder. */
function secretsFile(): string {
  const file = join(tempDir("khabar-secrets-"), ".env");
  writeFileSync(file, `${SECRET_LINES.join("\n")}\n`);
  return file;
}

/** A content folder with the fixture story (valid) and a copy of it under another id and key. */
function contentDir(): string {
  const root = tempDir("khabar-content-");
  cpSync(RIVERSIDE_DIR, join(root, "riverside-final"), { recursive: true });
  copyStory(root, "riverside-copy");
  return root;
}

function copyStory(root: string, id: string): string {
  const dir = join(root, id);
  cpSync(RIVERSIDE_DIR, dir, { recursive: true });
  const file = join(dir, "story.json");
  const data = JSON.parse(readFileSync(file, "utf8")) as StoryData;
  data.id = id;
  data.key = "rc";
  writeFileSync(file, JSON.stringify(data, null, 2));
  return dir;
}

function memoryLog() {
  const lines: string[] = [];
  const at = (fields: object, message: string): void => {
    lines.push(`${message} ${JSON.stringify(fields)}`);
  };
  const log: LibraryLog = { info: at, warn: at, error: at };
  return { log, lines };
}

function expectNoSecret(text: string): void {
  for (const marker of SECRET_MARKERS) expect(text).not.toContain(marker);
}

const LEAVES = /is a symbolic link that leads outside the content folder/;

describe("a story file linked to a file outside the content folder", () => {
  it("is a problem named as such, and nothing of the file is read into it (scan, log)", () => {
    const root = contentDir();
    const source = join(root, "riverside-copy", "source.en.txt");
    rmSync(source);
    symlinkSync(secretsFile(), source);

    const scan = scanStories(root);
    const report = scan.problems.map(formatProblem);
    expect(report).toEqual([expect.stringMatching(LEAVES)]);
    expect(report[0]).toContain("source.en.txt");
    expectNoSecret(report.join("\n"));
    expect(scan.catalog?.stories.map((s) => s.data.id)).toEqual(["riverside-final"]);

    // The bot's log at start names the problem and shows nothing of the file.
    const { log, lines } = memoryLog();
    StoryLibrary.open(root, log);
    expect(lines.join("\n")).toMatch(LEAVES);
    expectNoSecret(lines.join("\n"));
  });

  it("also when it is story.json that leads out (even to a valid story)", () => {
    const root = contentDir();
    const outside = join(tempDir("khabar-elsewhere-"), "story.json");
    const file = join(root, "riverside-copy", "story.json");
    cpSync(file, outside);
    rmSync(file);
    symlinkSync(outside, file);
    const result = loadStory(join(root, "riverside-copy"), { root });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map(formatProblem)).toEqual([expect.stringMatching(LEAVES)]);
  });

  it("content:check names it, exits 1 and prints nothing of the file", async () => {
    const root = contentDir();
    const source = join(root, "riverside-copy", "source.en.txt");
    rmSync(source);
    symlinkSync(secretsFile(), source);
    const failure = await run(process.execPath, ["--import", "tsx", "scripts/content-check.ts", root]).then(
      () => undefined,
      (err: { code: number; stdout: string; stderr: string }) => err,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stdout).toMatch(LEAVES);
    expect(failure?.stdout).toContain("ok riverside-final");
    expectNoSecret(`${failure?.stdout}${failure?.stderr}`);
  });

  it("a link that stays inside the content folder is fine", () => {
    const root = contentDir();
    const shared = join(root, "shared");
    mkdirSync(shared);
    const source = join(root, "riverside-copy", "source.en.txt");
    cpSync(source, join(shared, "source.en.txt"));
    rmSync(source);
    symlinkSync(join(shared, "source.en.txt"), source);
    expect(loadStory(join(root, "riverside-copy"), { root }).ok).toBe(true);
  });
});

describe("a story folder linked to a folder outside the content folder", () => {
  it("is a problem named as such and is not served", () => {
    const root = contentDir();
    const elsewhere = tempDir("khabar-elsewhere-");
    const target = copyStory(elsewhere, "riverside-copy");
    rmSync(join(root, "riverside-copy"), { recursive: true });
    symlinkSync(target, join(root, "riverside-copy"));
    const scan = scanStories(root);
    expect(scan.problems.map(formatProblem)).toEqual([expect.stringMatching(LEAVES)]);
    expect(scan.catalog?.stories.map((s) => s.data.id)).toEqual(["riverside-final"]);
  });

  it("is not followed by the watcher: changes out there reload nothing, changes inside still do", async () => {
    const root = contentDir();
    const tree = tempDir("khabar-tree-");
    for (let i = 0; i < 20; i++) writeFileSync(join(tree, `file-${i}.txt`), "x");
    symlinkSync(tree, join(root, "system-tree"));
    const { log, lines } = memoryLog();
    const library = StoryLibrary.open(root, log);
    const watcher = library.watch({ debounceMs: 50 });
    const reloads = () => lines.filter((l) => l.startsWith("stories reloaded")).length;
    try {
      const ready = Date.now() + 15_000;
      while (!lines.some((l) => l.startsWith("watching the content directory"))) {
        if (Date.now() > ready) throw new Error("the watcher never got ready");
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      writeFileSync(join(tree, "file-0.txt"), "changed");
      writeFileSync(join(tree, "new.txt"), "new");
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(reloads()).toBe(0);

      // The same watcher still sees the content folder's own files.
      const file = join(root, "riverside-final", "story.json");
      const data = JSON.parse(readFileSync(file, "utf8")) as StoryData;
      data.title = { en: "Edited on disk" };
      writeFileSync(file, JSON.stringify(data, null, 2));
      const deadline = Date.now() + 15_000;
      while (reloads() === 0) {
        if (Date.now() > deadline) throw new Error("the edit inside was not picked up");
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      await watcher.close();
    }
  });
});

describe("diagnostics quote only short excerpts of a story's lines", () => {
  it("a missing line is quoted in at most 24 characters", () => {
    const root = contentDir();
    const dir = join(root, "riverside-copy");
    const file = join(dir, "story.json");
    const data = JSON.parse(readFileSync(file, "utf8")) as StoryData;
    data.sections[0]?.paragraphs.splice(0, 1);
    writeFileSync(file, JSON.stringify(data, null, 2));
    const result = loadStory(dir, { root });
    if (result.ok) throw new Error("expected problems");
    const missing = result.problems.find((p) => /missing/.test(p.message));
    expect(missing?.message).toMatch(/«Riverside FC beat Hillcr…»/);
    expect(missing?.message).not.toContain("Riverside FC beat Hillcre");
  });

  it("the first difference shows the story's own text, not the original's next character", () => {
    const root = contentDir();
    const dir = join(root, "riverside-copy");
    const file = join(dir, "story.json");
    const data = JSON.parse(readFileSync(file, "utf8")) as StoryData;
    const paragraph = data.sections[0]?.paragraphs[0];
    if (paragraph === undefined) throw new Error("no paragraph");
    // The original reads "Riverside FC beat …"; an editor probing it one character per reload learns nothing.
    paragraph.en =
      "Riverside FC bXat Hillcrest 2-1 in the town final on Saturday, in front of a crowd of about 800.";
    writeFileSync(file, JSON.stringify(data, null, 2));
    const result = loadStory(dir, { root });
    if (result.ok) throw new Error("expected problems");
    const differs = result.problems.find((p) => /differs from line 1/.test(p.message));
    expect(differs?.message).toMatch(/at character 15, after «…verside FC b»/);
    expect(differs?.message).toContain("«X»");
    expect(differs?.message).not.toContain("«e»");
    expect(differs?.message).not.toContain("U+0065");
  });
});
