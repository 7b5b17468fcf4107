/**
 * The story library: every valid story served, broken folders and drafts kept out (and said so), reloads
 * that swap in a fixed story and keep the last good version of a broken one.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { LEGACY_STORY_ID, type LibraryLog, StoryLibrary, scanStories } from "../../src/content/library.js";
import { StoryError } from "../../src/content/problem.js";
import type { StoryData } from "../../src/content/schema.js";
import { createHarness, methods, textOf, updates } from "../bot/harness.js";
import { RIVERSIDE_DIR } from "../bot/multi-story.js";

const run = promisify(execFile);
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A content directory holding copies of the real story and the fixture. */
function contentDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "khabar-content-"));
  dirs.push(dir);
  cpSync("test/fixtures/stories/putin-trump-call", join(dir, "putin-trump-call"), { recursive: true });
  cpSync(RIVERSIDE_DIR, join(dir, "riverside-final"), { recursive: true });
  return dir;
}

function edit(dir: string, id: string, change: (data: StoryData) => void): void {
  const file = join(dir, id, "story.json");
  const data = JSON.parse(readFileSync(file, "utf8")) as StoryData;
  change(data);
  writeFileSync(file, JSON.stringify(data, null, 2));
}

/** A log that remembers its lines. */
function memoryLog() {
  const lines: Array<{ level: string; fields: Record<string, unknown>; message: string }> = [];
  const at =
    (level: string) =>
    (fields: object, message: string): void => {
      lines.push({ level, fields: fields as Record<string, unknown>, message });
    };
  const log: LibraryLog = { info: at("info"), warn: at("warn"), error: at("error") };
  return { log, lines };
}

describe("scanning a content directory", () => {
  it("serves every valid story newest first and skips broken folders and drafts, saying why", () => {
    const dir = contentDir();
    cpSync(RIVERSIDE_DIR, join(dir, "broken-draft"), { recursive: true });
    edit(dir, "broken-draft", (d) => {
      d.id = "broken-draft";
      d.draft = true;
      (d.quotes[0] as { speaker: string }).speaker = "nobody";
    });
    cpSync(RIVERSIDE_DIR, join(dir, "next-week"), { recursive: true });
    edit(dir, "next-week", (d) => {
      d.id = "next-week";
      d.draft = true;
      d.published = "2027-01-01";
    });
    const { log, lines } = memoryLog();
    const library = StoryLibrary.open(dir, log);
    expect(library.current.stories.map((s) => s.data.id)).toEqual(["riverside-final", "putin-trump-call"]);
    expect(library.current.newest.data.id).toBe("riverside-final");
    expect(library.current.skipped.map((s) => [s.id ?? s.dir, s.reason])).toEqual([
      [join(dir, "broken-draft"), "broken"],
      ["next-week", "draft"],
    ]);
    const startup = lines.find((l) => l.level === "info");
    expect(startup?.message).toMatch(
      /^stories loaded: 1 story folder\(s\) failed \(above\); serving riverside-final \(key \w+, 2026-11-30T18:00:00Z\), putin-trump-call \(key pt, 2026-11-28\); skipping .*broken-draft \(1 problem\(s\)\), next-week \(draft\)$/,
    );
    // What failed comes first: the line an editor reads last is what is served.
    expect(lines.map((l) => l.level)).toEqual(["error", "info"]);
    const error = lines.find((l) => l.level === "error");
    expect(error?.fields.problems).toEqual([
      expect.stringMatching(
        /broken-draft.story\.json quotes\[0\] \(lopez-1\)\.speaker: names person "nobody"/,
      ),
    ]);
  });

  it("with drafts included (the preview), serves the drafts too", () => {
    const dir = contentDir();
    edit(dir, "riverside-final", (d) => {
      d.draft = true;
    });
    expect(scanStories(dir).catalog?.stories.map((s) => s.data.id)).toEqual(["putin-trump-call"]);
    expect(scanStories(dir, { includeDrafts: true }).catalog?.stories.map((s) => s.data.id)).toEqual([
      "riverside-final",
      "putin-trump-call",
    ]);
    // The log says which served stories are drafts (and which are scheduled: dated after now).
    const { log, lines } = memoryLog();
    StoryLibrary.open(dir, log, { includeDrafts: true });
    expect(lines[0]?.message).toMatch(
      /^stories loaded: serving riverside-final \(key \w+, 2026-11-30T18:00:00Z, DRAFT\), putin-trump-call \(key pt, 2026-11-28\)$/,
    );
    expect(lines[0]?.fields.drafts).toEqual(["riverside-final"]);
    edit(dir, "riverside-final", (d) => {
      d.draft = false;
      d.published = "2999-01-01";
    });
    const later = memoryLog();
    StoryLibrary.open(dir, later.log, { includeDrafts: true });
    expect(later.lines[0]?.message).toContain("riverside-final (key ");
    expect(later.lines[0]?.message).toContain("2999-01-01, SCHEDULED)");
  });

  it("refuses to start only when no story is valid, listing every problem", () => {
    const dir = contentDir();
    edit(dir, "riverside-final", (d) => {
      d.draft = true;
    });
    edit(dir, "putin-trump-call", (d) => {
      d.sourceSha256 = "0".repeat(64);
    });
    const { log } = memoryLog();
    expect(() => StoryLibrary.open(dir, log)).toThrow(StoryError);
    try {
      StoryLibrary.open(dir, log);
    } catch (error) {
      expect((error as StoryError).problems.map((p) => p.message)).toEqual([
        expect.stringMatching(/has changed: its SHA-256 is/),
      ]);
    }
  });

  it("gives a key two stories share to one of them and skips the other with a clear problem", () => {
    const dir = contentDir();
    edit(dir, "riverside-final", (d) => {
      d.key = "pt";
    });
    const { catalog, problems } = scanStories(dir);
    expect(catalog?.stories.map((s) => s.data.id)).toEqual(["putin-trump-call"]);
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringContaining('the story key "pt" is already the key of "putin-trump-call"'),
    ]);
  });

  it("keyless data means the legacy story, by its fixed id", () => {
    expect(LEGACY_STORY_ID).toBe("putin-trump-call");
  });
});

describe("content:check", () => {
  it("checks drafts too, and says they are not served", async () => {
    const dir = contentDir();
    edit(dir, "riverside-final", (d) => {
      d.draft = true;
    });
    const { stdout } = await run(process.execPath, ["--import", "tsx", "scripts/content-check.ts", dir]);
    expect(stdout).toContain("ok riverside-final (draft: checked, not served): 2 sections, 5 paragraphs");
    edit(dir, "riverside-final", (d) => {
      (d.quotes[0] as { en: string }).en = "We played with heart";
    });
    const failure = await run(process.execPath, ["--import", "tsx", "scripts/content-check.ts", dir]).then(
      () => undefined,
      (error: { code: number; stdout: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stdout).toContain(
      'quotes[0] (lopez-1).en: is not a verbatim part of paragraph "match-2"',
    );
  });
});

describe("reloading", () => {
  it("swaps in a fixed story, keeps the last good version of a broken edit, and drops a removed one", () => {
    const dir = contentDir();
    const { log, lines } = memoryLog();
    const library = StoryLibrary.open(dir, log);
    const before = library.current;

    edit(dir, "riverside-final", (d) => {
      d.title = { en: "Riverside FC are the town champions" };
    });
    expect(library.reload("test")).toBe(true);
    expect(library.current).not.toBe(before);
    expect(library.current.byId.get("riverside-final")?.data.title.en).toBe(
      "Riverside FC are the town champions",
    );

    const good = library.current.byId.get("riverside-final");
    edit(dir, "riverside-final", (d) => {
      d.sections[0]?.paragraphs.pop();
    });
    expect(library.reload("test")).toBe(true);
    expect(library.current.byId.get("riverside-final")).toBe(good);
    const kept = lines.find((l) => /last good version stays live/.test(l.message));
    expect(kept?.level).toBe("error");
    expect(String(kept?.fields.problems)).toMatch(/line 3 of .*source\.en\.txt is missing/);

    rmSync(join(dir, "riverside-final"), { recursive: true });
    expect(library.reload("test")).toBe(true);
    expect(library.current.stories.map((s) => s.data.id)).toEqual(["putin-trump-call"]);
  });

  it("a reload that finds no valid story keeps everything live", () => {
    const dir = contentDir();
    const { log, lines } = memoryLog();
    const library = StoryLibrary.open(dir, log);
    const before = library.current;
    rmSync(join(dir, "riverside-final"), { recursive: true });
    rmSync(join(dir, "putin-trump-call"), { recursive: true });
    expect(library.reload("test")).toBe(false);
    expect(library.current).toBe(before);
    expect(lines.at(-1)?.message).toBe("reload found no valid story; the current ones stay live");
  });

  it("picks up an edit on disk by itself (watching the directory)", async () => {
    const dir = contentDir();
    const { log, lines } = memoryLog();
    const library = StoryLibrary.open(dir, log);
    const watcher = library.watch({ debounceMs: 50 });
    try {
      // chokidar sets its watches up asynchronously: edit only once it says it is watching.
      const deadline0 = Date.now() + 15_000;
      while (!lines.some((l) => l.message === "watching the content directory for changes")) {
        if (Date.now() > deadline0) throw new Error("the watcher never got ready");
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      edit(dir, "riverside-final", (d) => {
        d.title = { en: "Edited on disk" };
      });
      const deadline = Date.now() + 15_000;
      while (library.current.byId.get("riverside-final")?.data.title.en !== "Edited on disk") {
        if (Date.now() > deadline) throw new Error("the edit was not picked up");
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      await watcher.close();
    }
  });

  it("readers mid-story keep working screens: a removed section's button gets the stale answer", async () => {
    const dir = contentDir();
    const { log } = memoryLog();
    const library = StoryLibrary.open(dir, log);
    const h = createHarness({ stories: library });
    await h.send(updates.command("/start section-background", { lang: "en" }));
    const section = h.last();
    await h.send(updates.command("/sections", { lang: "en" }));
    const toc = h.last();

    // The editor merges the last section into the one before it (the original is unchanged).
    edit(dir, "putin-trump-call", (d) => {
      const last = d.sections.pop();
      d.sections.at(-1)?.paragraphs.push(...(last?.paragraphs ?? []));
    });
    expect(library.reload("test")).toBe(true);

    const gone = toc.buttons.find((b) => b.data.endsWith("s:background"));
    const stale = await h.press(toc, gone?.data ?? "", { lang: "en" });
    expect(methods(stale)).toEqual(["answerCallbackQuery"]);
    expect(stale[0]?.payload.text).toBe("This button has expired. Open the menu again.");
    // Other buttons of the same old message still work, with the new version.
    const contents = section.buttons.find((b) => b.data.endsWith(".t"));
    const calls = await h.press(section, contents?.data ?? "", { lang: "en" });
    expect(methods(calls).sort()).toEqual(["answerCallbackQuery", "editMessageText"]);
    expect(textOf(calls.find((c) => c.method === "editMessageText"))).not.toContain("Background");
    expect(h.tg.violations).toEqual([]);
  });

  it("a quotes question whose story is taken down ends with a clear notice, not another story's answer", async () => {
    const dir = contentDir();
    const { log } = memoryLog();
    const library = StoryLibrary.open(dir, log);
    const h = createHarness({ stories: library });
    await h.send(updates.command("/quotes", { lang: "en" }));
    expect(h.last().text).toContain("Whose quotes would you like?");
    rmSync(join(dir, "riverside-final"), { recursive: true });
    expect(library.reload("test")).toBe(true);
    const [reply] = await h.send(updates.message("Reed", { lang: "en" }));
    expect(textOf(reply)).toBe("That story has been taken down. Send /stories to pick another.");
    expect(h.last().buttons.map((b) => b.data)).toEqual(["pt.m"]);
    // The conversation is over: the next text is a question to the remaining story, with its menu.
    const [hint] = await h.send(updates.message("Reed", { lang: "en" }));
    expect(textOf(hint)).toContain("Nothing in this story matches “\u2068Reed\u2069”.");
  });

  it("a quotes question keeps answering from its own story after another is added", async () => {
    const dir = contentDir();
    rmSync(join(dir, "riverside-final"), { recursive: true });
    const { log } = memoryLog();
    const library = StoryLibrary.open(dir, log);
    const h = createHarness({ stories: library });
    await h.send(updates.command("/quotes", { lang: "en" }));
    cpSync(RIVERSIDE_DIR, join(dir, "riverside-final"), { recursive: true });
    expect(library.reload("test")).toBe(true);
    expect(library.current.newest.data.id).toBe("riverside-final");
    const [reply] = await h.send(updates.message("Peskov", { lang: "en" }));
    expect(textOf(reply)).toContain("What Dmitry Peskov said");
  });
});
