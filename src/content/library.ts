import { basename } from "node:path";
import { findStoryDirs, loadStory } from "./load.js";
import { formatProblem, type Problem, StoryError } from "./problem.js";
import type { Story } from "./story.js";
import { type ContentWatcher, watchContent } from "./watch.js";

/**
 * The story that callback data and deep links without a story key mean. They date from before stories had
 * keys, when this was the only story served, so they keep meaning it forever: a fixed id, not "the first"
 * or "the newest" story, so adding or removing other stories can never change what an old button opens.
 * When this story is not served, keyless data is stale (the reader gets the stale-button notice).
 */
export const LEGACY_STORY_ID = "putin-trump-call";

/** A story folder that is not served, and why. */
export interface Skipped {
  /** The folder, as the loader names it. */
  dir: string;
  /** The story's id, when its file could be read that far. */
  id?: string;
  /** `draft` (kept out on purpose), `broken` (has problems) or `key` (its key is another story's). */
  reason: "draft" | "broken" | "key";
  problems: readonly Problem[];
}

/** The stories served at one moment: immutable, swapped whole when content changes. */
export interface Catalog {
  /** Served stories, newest first (by `published`, then by id). */
  readonly stories: readonly Story[];
  /** The newest story: what `/start` opens and what readers who chose none are reading. */
  readonly newest: Story;
  readonly byKey: ReadonlyMap<string, Story>;
  readonly byId: ReadonlyMap<string, Story>;
  /** Folders not served, with why. */
  readonly skipped: readonly Skipped[];
  /** Broken folders whose last good version stays served, by folder. */
  readonly keptLastGood: readonly Skipped[];
}

/** Where readers' stories come from: a library that reloads, or a fixed catalog (tests, benchmarks). */
export interface StorySource {
  readonly current: Catalog;
}

/** Newest first; equal dates by id, so the order never depends on the file system. */
function byNewest(a: Story, b: Story): number {
  return b.published - a.published || (a.data.id < b.data.id ? -1 : a.data.id > b.data.id ? 1 : 0);
}

/**
 * Builds a catalog from loaded stories: newest first, one story per key. A key two stories share goes to the
 * one served before (then to the smaller id); the other is skipped, so a new story can never take over the
 * buttons of a live one. Returns `undefined` when no story is left.
 */
export function makeCatalog(
  stories: readonly Story[],
  options: { skipped?: readonly Skipped[]; keptLastGood?: readonly Skipped[]; previous?: Catalog } = {},
): Catalog | undefined {
  const skipped = [...(options.skipped ?? [])];
  const wasServed = (story: Story) => options.previous?.byKey.get(story.key)?.data.id === story.data.id;
  const claimants = [...stories].sort(
    (a, b) => Number(wasServed(b)) - Number(wasServed(a)) || (a.data.id < b.data.id ? -1 : 1),
  );
  const byKey = new Map<string, Story>();
  const byId = new Map<string, Story>();
  for (const story of claimants) {
    const owner = byKey.get(story.key) ?? byId.get(story.data.id);
    if (owner !== undefined) {
      const same = owner.data.id === story.data.id;
      skipped.push({
        dir: story.data.id,
        id: story.data.id,
        reason: "key",
        problems: [
          {
            file: `${story.data.id}/story.json`,
            path: same ? "id" : "key",
            message: same
              ? `another folder already serves a story with the id "${story.data.id}"`
              : `the story key "${story.key}" is already the key of "${owner.data.id}"; give this story its own "key" (1–4 lower-case letters or digits)`,
          },
        ],
      });
      continue;
    }
    byKey.set(story.key, story);
    byId.set(story.data.id, story);
  }
  const served = [...byId.values()].sort(byNewest);
  const [newest] = served;
  if (newest === undefined) return undefined;
  return { stories: served, newest, byKey, byId, skipped, keptLastGood: options.keptLastGood ?? [] };
}

/** A catalog of the given stories, for tests and benchmarks; throws when there are none. */
export function fixedCatalog(stories: readonly Story[]): StorySource {
  const catalog = makeCatalog(stories);
  if (catalog === undefined) throw new Error("a catalog needs at least one story");
  return { current: catalog };
}

/** What one scan of the content directory found. */
export interface Scan {
  /** The catalog to serve, or `undefined` when no story is valid. */
  catalog: Catalog | undefined;
  /** Every problem of every folder, for the error that stops a start with no valid story. */
  problems: Problem[];
}

/**
 * Loads every story folder under `contentDir` (or the folder itself when it is one). Drafts are left out
 * unless `includeDrafts`. A broken folder is skipped, except that when `previous` served a story from the
 * same folder, that last good version stays.
 */
export function scanStories(
  contentDir: string,
  options: { includeDrafts?: boolean; previous?: Catalog } = {},
): Scan {
  const dirs = findStoryDirs(contentDir);
  const stories: Story[] = [];
  const skipped: Skipped[] = [];
  const keptLastGood: Skipped[] = [];
  const problems: Problem[] = [];
  for (const dir of dirs) {
    const result = loadStory(dir, { root: contentDir });
    if (result.ok) {
      if (result.story.data.draft === true && options.includeDrafts !== true) {
        skipped.push({ dir, id: result.story.data.id, reason: "draft", problems: [] });
      } else stories.push(result.story);
      continue;
    }
    problems.push(...result.problems);
    const last = options.previous?.byId.get(basename(dir));
    const entry: Skipped = { dir, reason: "broken", problems: result.problems };
    if (last === undefined) skipped.push(entry);
    else {
      keptLastGood.push({ ...entry, id: last.data.id });
      stories.push(last);
    }
  }
  if (dirs.length === 0) {
    problems.push({ file: contentDir, path: "", message: "holds no story (no */story.json)" });
  }
  const catalog = makeCatalog(stories, {
    skipped,
    keptLastGood,
    ...(options.previous ? { previous: options.previous } : {}),
  });
  if (catalog) problems.push(...catalog.skipped.filter((s) => s.reason === "key").flatMap((s) => s.problems));
  return { catalog, problems };
}

/** The part of a pino logger the library writes to. */
export interface LibraryLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** One line per catalog: every story served (id, key, date) and every folder skipped, with why. */
export function logCatalog(log: LibraryLog, catalog: Catalog, event: string): void {
  const served = catalog.stories.map((s) => `${s.data.id} (key ${s.key}, ${s.data.published})`);
  const skipped = catalog.skipped.map(
    (s) => `${s.id ?? s.dir} (${s.reason === "broken" ? `${s.problems.length} problem(s)` : s.reason})`,
  );
  log.info(
    {
      served: catalog.stories.map((s) => ({ id: s.data.id, key: s.key, published: s.data.published })),
      skipped: catalog.skipped.map((s) => ({ dir: s.dir, id: s.id, reason: s.reason })),
    },
    `${event}: serving ${served.join(", ")}${skipped.length > 0 ? `; skipping ${skipped.join(", ")}` : ""}`,
  );
  for (const entry of catalog.skipped) {
    if (entry.reason === "draft") continue;
    log.error(
      { dir: entry.dir, problems: entry.problems.map(formatProblem) },
      `story ${entry.id ?? entry.dir} skipped: ${entry.problems.length} problem(s)`,
    );
  }
  for (const entry of catalog.keptLastGood) {
    log.error(
      { dir: entry.dir, problems: entry.problems.map(formatProblem) },
      `story ${entry.id ?? entry.dir} has ${entry.problems.length} problem(s) after an edit: its last good version stays live`,
    );
  }
}

/**
 * The stories a running bot serves. Loads them once at start (refusing only when none is valid), and on
 * `reload()` scans again and swaps the whole catalog in one assignment, so an update sees either the old
 * catalog or the new one, never a mix. A broken edit keeps the last good version of that story; a reload
 * that finds nothing valid keeps everything as it was.
 */
export class StoryLibrary implements StorySource {
  private catalog: Catalog;
  private readonly listeners: Array<(catalog: Catalog) => void> = [];

  private constructor(
    readonly dir: string,
    private readonly log: LibraryLog,
    private readonly includeDrafts: boolean,
    catalog: Catalog,
  ) {
    this.catalog = catalog;
  }

  /** Loads the stories under `dir`, or throws a `StoryError` with every problem when none is valid. */
  static open(dir: string, log: LibraryLog, options: { includeDrafts?: boolean } = {}): StoryLibrary {
    const scan = scanStories(dir, { includeDrafts: options.includeDrafts === true });
    if (scan.catalog === undefined) throw new StoryError(scan.problems);
    logCatalog(log, scan.catalog, "stories loaded");
    return new StoryLibrary(dir, log, options.includeDrafts === true, scan.catalog);
  }

  /** The catalog in force now. */
  get current(): Catalog {
    return this.catalog;
  }

  /** Calls `listener` after every swap (e.g. to register the command menu anew). */
  onSwap(listener: (catalog: Catalog) => void): void {
    this.listeners.push(listener);
  }

  /** Reloads whenever files under the content directory change (debounced); stop it with `close()`. */
  watch(options: { debounceMs?: number } = {}): ContentWatcher {
    return watchContent(this.dir, () => this.reload("content changed"), {
      ...options,
      onError: (err) => this.log.warn({ err }, "watching the content directory failed; SIGHUP still reloads"),
      onReady: () => this.log.info({ dir: this.dir }, "watching the content directory for changes"),
    });
  }

  /** Scans again and swaps the catalog in; returns whether it changed. Never throws for bad content. */
  reload(reason: string): boolean {
    let scan: Scan;
    try {
      scan = scanStories(this.dir, { includeDrafts: this.includeDrafts, previous: this.catalog });
    } catch (err) {
      this.log.error({ err, reason }, "stories could not be reloaded; the current ones stay live");
      return false;
    }
    if (scan.catalog === undefined) {
      this.log.error(
        { reason, problems: scan.problems.map(formatProblem) },
        "reload found no valid story; the current ones stay live",
      );
      return false;
    }
    this.catalog = scan.catalog;
    logCatalog(this.log, scan.catalog, `stories reloaded (${reason})`);
    for (const listener of this.listeners) listener(scan.catalog);
    return true;
  }
}
