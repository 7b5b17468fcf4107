/**
 * Scheduled stories in the library: kept out of the live catalog until their `published` time, then made
 * live by the library's own timer (no scan, no reload), with every onSwap listener told. A fake clock.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { availabilityLine, describeWait } from "../../src/content/authoring/check-report.js";
import { type Catalog, type LibraryLog, StoryLibrary } from "../../src/content/library.js";
import { StoryError } from "../../src/content/problem.js";
import type { StoryData } from "../../src/content/schema.js";
import { eventsOf } from "../../src/push/events.js";
import { EDITOR_FIXTURES, fixtureStory, SCHEDULED_AT } from "../bot/multi-story.js";

const silent: LibraryLog = { info: () => undefined, warn: () => undefined, error: () => undefined };
const dirs: string[] = [];
const libraries: StoryLibrary[] = [];

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
  vi.setSystemTime(SCHEDULED_AT - 3 * 3_600_000);
});
afterEach(() => {
  for (const library of libraries.splice(0)) library.close();
  vi.useRealTimers();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A content directory with the given fixture folders. */
function contentDir(...fixtures: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "khabar-schedule-"));
  dirs.push(dir);
  for (const id of fixtures) cpSync(`test/fixtures/stories/${id}`, join(dir, id), { recursive: true });
  return dir;
}

function edit(dir: string, id: string, change: (data: StoryData) => void): void {
  const file = join(dir, id, "story.json");
  const data = JSON.parse(readFileSync(file, "utf8")) as StoryData;
  change(data);
  writeFileSync(file, JSON.stringify(data, null, 2));
}

function open(dir: string): { library: StoryLibrary; swaps: Catalog[] } {
  const library = StoryLibrary.open(dir, silent);
  libraries.push(library);
  const swaps: Catalog[] = [];
  library.onSwap((catalog) => swaps.push(catalog));
  return { library, swaps };
}

const ids = (catalog: Catalog) => catalog.stories.map((s) => s.data.id);

describe("a scheduled story", () => {
  it("is kept out of the live stories until its time, then goes live by itself with one swap", () => {
    const { library, swaps } = open(contentDir("riverside-final", EDITOR_FIXTURES.scheduled));
    expect(ids(library.current)).toEqual(["riverside-final"]);
    expect(library.current.scheduled.map((s) => s.data.id)).toEqual(["harbour-opening"]);
    const key = library.current.scheduled[0]?.key ?? "";
    expect(library.current.byKey.has(key)).toBe(false);
    expect(library.current.byId.has("harbour-opening")).toBe(false);

    vi.advanceTimersByTime(3 * 3_600_000 - 1);
    expect(swaps).toHaveLength(0);
    expect(ids(library.current)).toEqual(["riverside-final"]);

    vi.advanceTimersByTime(1);
    expect(swaps).toHaveLength(1);
    expect(swaps[0]).toBe(library.current);
    expect(ids(library.current)).toEqual(["harbour-opening", "riverside-final"]);
    expect(library.current.newest.data.id).toBe("harbour-opening");
    expect(library.current.byKey.get(key)?.data.id).toBe("harbour-opening");
    expect(library.current.scheduled).toEqual([]);

    vi.advanceTimersByTime(30 * 24 * 3_600_000);
    expect(swaps).toHaveLength(1);
  });

  it("the swap at its time hands listeners the catalog whose push events include it (the engine's cue)", () => {
    const { library } = open(contentDir("riverside-final", EDITOR_FIXTURES.scheduled));
    const seen: string[][] = [];
    library.onSwap((catalog) => seen.push(eventsOf(catalog).map((e) => e.id)));
    expect(eventsOf(library.current).map((e) => e.id)).toEqual(["story:riverside-final"]);
    vi.advanceTimersByTime(3 * 3_600_000);
    expect(seen).toEqual([["story:riverside-final", "story:harbour-opening"]]);
  });

  it("with a date and no time goes live at the start of that day in UTC", () => {
    const dir = contentDir("riverside-final", EDITOR_FIXTURES.scheduled);
    edit(dir, EDITOR_FIXTURES.scheduled, (d) => {
      d.published = "2026-12-11";
    });
    const { library } = open(dir);
    const midnight = Date.parse("2026-12-11T00:00:00Z");
    vi.advanceTimersByTime(midnight - Date.now() - 1);
    expect(ids(library.current)).toEqual(["riverside-final"]);
    vi.advanceTimersByTime(1);
    expect(ids(library.current)).toEqual(["harbour-opening", "riverside-final"]);
  });

  it("further ahead than one timer can wait still goes live on time", () => {
    const dir = contentDir("riverside-final", EDITOR_FIXTURES.scheduled);
    edit(dir, EDITOR_FIXTURES.scheduled, (d) => {
      d.published = "2027-03-01T06:00:00Z";
    });
    const { library, swaps } = open(dir);
    vi.advanceTimersByTime(Date.parse("2027-03-01T06:00:00Z") - Date.now() - 1);
    expect(swaps).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(ids(library.current)).toEqual(["harbour-opening", "riverside-final"]);
  });

  it("a reload before its time keeps it scheduled and the timer waiting; after close() nothing fires", () => {
    const { library, swaps } = open(contentDir("riverside-final", EDITOR_FIXTURES.scheduled));
    expect(library.reload("test")).toBe(true);
    expect(library.current.scheduled.map((s) => s.data.id)).toEqual(["harbour-opening"]);
    vi.advanceTimersByTime(3 * 3_600_000);
    expect(swaps).toHaveLength(2);
    expect(ids(library.current)).toContain("harbour-opening");

    const other = open(contentDir("riverside-final", EDITOR_FIXTURES.scheduled));
    vi.setSystemTime(SCHEDULED_AT - 60_000);
    other.library.close();
    vi.advanceTimersByTime(3 * 3_600_000);
    expect(other.swaps).toHaveLength(0);
  });

  it("a broken edit of it keeps its last good version scheduled, as for a live story", () => {
    const dir = contentDir("riverside-final", EDITOR_FIXTURES.scheduled);
    const { library } = open(dir);
    edit(dir, EDITOR_FIXTURES.scheduled, (d) => {
      (d.quotes[0] as { speaker: string }).speaker = "nobody";
    });
    library.reload("test");
    expect(library.current.scheduled.map((s) => s.data.id)).toEqual(["harbour-opening"]);
    expect(library.current.keptLastGood.map((s) => s.id)).toEqual(["harbour-opening"]);
    vi.advanceTimersByTime(3 * 3_600_000);
    expect(ids(library.current)).toEqual(["harbour-opening", "riverside-final"]);
  });

  it("a content directory whose only story is scheduled does not start, and says when it goes live", () => {
    const dir = contentDir(EDITOR_FIXTURES.scheduled);
    expect(() => StoryLibrary.open(dir, silent)).toThrow(StoryError);
    try {
      StoryLibrary.open(dir, silent);
    } catch (error) {
      expect((error as StoryError).problems.map((p) => p.message)).toEqual([
        "holds no live story yet: the first scheduled one, harbour-opening, goes live 2026-12-10T09:00:00.000Z",
      ]);
    }
  });
});

describe("a withdrawn story", () => {
  it("is served nowhere but keeps its key, so its links can say why", () => {
    const { library } = open(contentDir("riverside-final", EDITOR_FIXTURES.withdrawn));
    const mill = fixtureStory(EDITOR_FIXTURES.withdrawn);
    expect(ids(library.current)).toEqual(["riverside-final"]);
    expect(library.current.byKey.has(mill.key)).toBe(false);
    expect(library.current.withdrawn.get(mill.key)?.data.id).toBe("mill-fire");
  });
});

describe("content:check's line for a story not served", () => {
  const harbour = fixtureStory(EDITOR_FIXTURES.scheduled);
  it("says when a scheduled story goes live and how long from now", () => {
    const now = SCHEDULED_AT - (3 * 60 + 12) * 60_000 - 30_000;
    expect(availabilityLine(harbour, now)).toBe(
      "scheduled harbour-opening: goes live 2026-12-10T09:00:00Z (in 3 h 12 min)",
    );
    expect(availabilityLine(harbour, SCHEDULED_AT)).toBeUndefined();
    expect(availabilityLine(fixtureStory(EDITOR_FIXTURES.withdrawn), 0)).toBe(
      "withdrawn mill-fire: since 2026-11-21, not served (its links say why)",
    );
  });

  it.each([
    [30_000, "less than a minute"],
    [12 * 60_000, "12 min"],
    [3 * 3_600_000, "3 h"],
    [(3 * 60 + 12) * 60_000, "3 h 12 min"],
    [(2 * 24 + 5) * 3_600_000 + 7 * 60_000, "2 d 5 h"],
    [4 * 24 * 3_600_000, "4 d"],
  ])("describes a wait of %i ms as %s", (ms, text) => {
    expect(describeWait(ms)).toBe(text);
  });

  it("runs through npm run content:check", async () => {
    vi.useRealTimers();
    const { execFile } = await import("node:child_process");
    const { promisify } = await import("node:util");
    const dir = contentDir("riverside-final", EDITOR_FIXTURES.scheduled, EDITOR_FIXTURES.withdrawn);
    const at = new Date(Date.now() + (3 * 60 + 12) * 60_000 + 40_000).toISOString();
    edit(dir, EDITOR_FIXTURES.scheduled, (d) => {
      d.published = at;
    });
    const { stdout } = await promisify(execFile)(process.execPath, [
      "--import",
      "tsx",
      "scripts/content-check.ts",
      dir,
    ]);
    expect(stdout).toContain(
      `scheduled harbour-opening: goes live ${at.replace(/\.\d{3}Z$/, "Z")} (in 3 h 12 min)`,
    );
    expect(stdout).toContain("withdrawn mill-fire: since 2026-11-21");
  }, 60_000);
});
