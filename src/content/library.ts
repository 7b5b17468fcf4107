import { basename } from "node:path";
import { findStoryDirs, loadStory } from "./load.js";
import { formatProblem, type Problem, StoryError } from "./problem.js";
import type { Story } from "./story.js";
import { storyState } from "./story-state.js";
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

/** The stories served at one moment: immutable, swapped whole when content changes or a story goes live. */
export interface Catalog {
  /** Served (live) stories, newest first (by `published`, then by id). */
  readonly stories: readonly Story[];
  /** The newest story: what `/start` opens and what readers who chose none are reading. */
  readonly newest: Story;
  readonly byKey: ReadonlyMap<string, Story>;
  readonly byId: ReadonlyMap<string, Story>;
  /**
   * Valid stories whose `published` time is still to come, soonest first. They are served nowhere (not even
   * by their key) until their time; the library then swaps in a catalog with them live.
   */
  readonly scheduled: readonly Story[];
  /** Withdrawn stories by key: served nowhere, but their buttons and deep links say why. */
  readonly withdrawn: ReadonlyMap<string, Story>;
  /** The moment (ms since the epoch) this catalog was built for: what "live" and "scheduled" mean here. */
  readonly asOf: number;
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

/** Whether the editors withdrew a story. */
export function isWithdrawn(story: Story): boolean {
  return story.data.withdrawn !== undefined;
}

/** Whether a story is scheduled at `now`: its `published` time is still to come. */
export function isScheduled(story: Story, now: number): boolean {
  return story.published > now;
}

/** What `makeCatalog` takes besides the stories. */
export interface CatalogOptions {
  skipped?: readonly Skipped[];
  keptLastGood?: readonly Skipped[];
  previous?: Catalog;
  /** The moment the catalog is for (default: now), which decides which stories are live or scheduled. */
  now?: number;
  /**
   * Serve scheduled stories too, each marked as such on its screens (the preview, the editor's desk);
   * the real bot never does.
   */
  serveScheduled?: boolean;
}

/**
 * Builds a catalog from loaded stories: the live ones newest first, the scheduled ones (`published` after
 * `now`) and the withdrawn ones apart, one story per key. A key two stories share goes to the one served
 * before (then to the smaller id); the other is skipped, so a new story can never take over the buttons of
 * a live one. Scheduled and withdrawn stories hold their keys too. Returns `undefined` when no story is live.
 */
export function makeCatalog(stories: readonly Story[], options: CatalogOptions = {}): Catalog | undefined {
  const now = options.now ?? Date.now();
  const skipped = [...(options.skipped ?? [])];
  const previous = options.previous;
  // Held before: served, withdrawn (its links still answer) or scheduled under this key.
  const wasServed = (story: Story) =>
    previous !== undefined &&
    (previous.byKey.get(story.key)?.data.id === story.data.id ||
      previous.withdrawn.get(story.key)?.data.id === story.data.id ||
      previous.scheduled.some((s) => s.data.id === story.data.id && s.key === story.key));
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
  const withdrawn = new Map<string, Story>();
  const scheduled: Story[] = [];
  for (const story of byId.values()) {
    if (isWithdrawn(story)) withdrawn.set(story.key, story);
    else if (isScheduled(story, now) && options.serveScheduled !== true) scheduled.push(story);
    else continue;
    byKey.delete(story.key);
    byId.delete(story.data.id);
  }
  scheduled.sort((a, b) => a.published - b.published || (a.data.id < b.data.id ? -1 : 1));
  const served = [...byId.values()].sort(byNewest);
  const [newest] = served;
  if (newest === undefined) return undefined;
  return {
    stories: served,
    newest,
    byKey,
    byId,
    scheduled,
    withdrawn,
    asOf: now,
    skipped,
    keptLastGood: options.keptLastGood ?? [],
  };
}

/**
 * The catalog as it stands at `now`: the same stories, with those whose time has come moved from scheduled
 * to live. Returns `catalog` itself when no scheduled story is due.
 */
export function advanceCatalog(catalog: Catalog, now: number): Catalog {
  if (!catalog.scheduled.some((story) => !isScheduled(story, now))) return catalog;
  const stories = [...catalog.stories, ...catalog.scheduled, ...catalog.withdrawn.values()];
  // The same stories as before, already one per key, so no new key clash can arise.
  return (
    makeCatalog(stories, {
      skipped: catalog.skipped,
      keptLastGood: catalog.keptLastGood,
      previous: catalog,
      now,
    }) ?? catalog
  );
}

/** A catalog of the given stories, for tests and benchmarks; throws when none is live at `now`. */
export function fixedCatalog(stories: readonly Story[], now?: number): StorySource {
  const catalog = makeCatalog(stories, now === undefined ? {} : { now });
  if (catalog === undefined) throw new Error("a catalog needs at least one live story");
  return { current: catalog };
}

/** The story of an id a catalog holds, live, scheduled or withdrawn. */
function heldStory(catalog: Catalog, id: string): Story | undefined {
  return (
    catalog.byId.get(id) ??
    catalog.scheduled.find((story) => story.data.id === id) ??
    [...catalog.withdrawn.values()].find((story) => story.data.id === id)
  );
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
 * and scheduled stories held back unless `includeDrafts` (the preview: the editor's desk serves both). A broken folder is skipped, except that when `previous` held a story from the
 * same folder (served, scheduled or withdrawn), that last good version stays.
 */
export function scanStories(
  contentDir: string,
  options: { includeDrafts?: boolean; previous?: Catalog; now?: number } = {},
): Scan {
  const now = options.now ?? Date.now();
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
    const last = options.previous && heldStory(options.previous, basename(dir));
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
    now,
    serveScheduled: options.includeDrafts === true,
    ...(options.previous ? { previous: options.previous } : {}),
  });
  if (catalog) problems.push(...catalog.skipped.filter((s) => s.reason === "key").flatMap((s) => s.problems));
  else if (stories.length > 0) problems.push(noLiveStory(contentDir, stories, now));
  return { catalog, problems };
}

/** Why valid stories still make no catalog: each is withdrawn or scheduled. */
function noLiveStory(contentDir: string, stories: readonly Story[], now: number): Problem {
  const first = stories
    .filter((story) => !isWithdrawn(story) && isScheduled(story, now))
    .sort((a, b) => a.published - b.published)[0];
  return {
    file: contentDir,
    path: "",
    message:
      first === undefined
        ? "holds no live story: every valid story is withdrawn"
        : `holds no live story yet: the first scheduled one, ${first.data.id}, goes live ${new Date(first.published).toISOString()}`,
  };
}

/** The part of a pino logger the library writes to. */
export interface LibraryLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/**
 * The log of a catalog: first what failed (each folder skipped for its problems, each story whose edit is
 * broken and whose last good version stays live), then one line with every story served (id, key, date,
 * and DRAFT or SCHEDULED for a story readers of the real bot do not get) and every folder skipped, so the
 * last line an editor reads after an edit never looks like success when something failed.
 */
export function logCatalog(log: LibraryLog, catalog: Catalog, event: string, now = Date.now()): void {
  let failed = 0;
  for (const entry of catalog.skipped) {
    if (entry.reason === "draft") continue;
    failed++;
    log.error(
      { dir: entry.dir, problems: entry.problems.map(formatProblem) },
      `story ${entry.id ?? entry.dir} skipped: ${entry.problems.length} problem(s)`,
    );
  }
  for (const entry of catalog.keptLastGood) {
    failed++;
    log.error(
      { dir: entry.dir, problems: entry.problems.map(formatProblem) },
      `story ${entry.id ?? entry.dir} has ${entry.problems.length} problem(s) after an edit: its last good version stays live`,
    );
  }
  const served = catalog.stories.map((s) => {
    const state = storyState(s, now);
    return `${s.data.id} (key ${s.key}, ${s.data.published}${state === "live" ? "" : `, ${state.toUpperCase()}`})`;
  });
  const skipped = catalog.skipped.map(
    (s) => `${s.id ?? s.dir} (${s.reason === "broken" ? `${s.problems.length} problem(s)` : s.reason})`,
  );
  const drafts = catalog.stories.filter((s) => storyState(s, now) === "draft").map((s) => s.data.id);
  const scheduled = catalog.scheduled.map(
    (s) => `${s.data.id} (goes live ${new Date(s.published).toISOString()})`,
  );
  const withdrawn = [...catalog.withdrawn.values()].map((s) => s.data.id);
  log.info(
    {
      served: catalog.stories.map((s) => ({
        id: s.data.id,
        key: s.key,
        published: s.data.published,
        state: storyState(s, now),
      })),
      skipped: catalog.skipped.map((s) => ({ dir: s.dir, id: s.id, reason: s.reason })),
      ...(drafts.length > 0 ? { drafts } : {}),
      scheduled: catalog.scheduled.map((s) => ({ id: s.data.id, published: s.data.published })),
      withdrawn,
    },
    `${event}: ${failed > 0 ? `${failed} story folder(s) failed (above); ` : ""}serving ${served.join(", ")}${skipped.length > 0 ? `; skipping ${skipped.join(", ")}` : ""}` +
      `${scheduled.length > 0 ? `; scheduled ${scheduled.join(", ")}` : ""}` +
      `${withdrawn.length > 0 ? `; withdrawn ${withdrawn.join(", ")}` : ""}`,
  );
}

/**
 * The longest a timer waits (setTimeout's limit is about 24.8 days): a story scheduled further ahead is
 * looked at again then, and waited for anew.
 */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** What `StoryLibrary.open` takes besides the folder and the log. */
export interface LibraryOptions {
  includeDrafts?: boolean;
  /** The clock (ms since the epoch) that decides when a scheduled story goes live; default `Date.now`. */
  now?: () => number;
}

/**
 * The stories a running bot serves. Loads them once at start (refusing only when none is valid), and on
 * `reload()` scans again and swaps the whole catalog in one assignment, so an update sees either the old
 * catalog or the new one, never a mix. A broken edit keeps the last good version of that story; a reload
 * that finds nothing valid keeps everything as it was. A timer waits for the next scheduled story's time
 * and then swaps in the catalog with it live, with no scan and no reload; `onSwap` listeners hear of that
 * swap as of any other.
 */
export class StoryLibrary implements StorySource {
  private catalog: Catalog;
  private readonly listeners: Array<(catalog: Catalog) => void> = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  private constructor(
    readonly dir: string,
    private readonly log: LibraryLog,
    private readonly includeDrafts: boolean,
    private readonly now: () => number,
    catalog: Catalog,
  ) {
    this.catalog = catalog;
    this.schedule();
  }

  /** Loads the stories under `dir`, or throws a `StoryError` with every problem when none is live. */
  static open(dir: string, log: LibraryLog, options: LibraryOptions = {}): StoryLibrary {
    const now = options.now ?? (() => Date.now());
    const scan = scanStories(dir, { includeDrafts: options.includeDrafts === true, now: now() });
    if (scan.catalog === undefined) throw new StoryError(scan.problems);
    logCatalog(log, scan.catalog, "stories loaded");
    return new StoryLibrary(dir, log, options.includeDrafts === true, now, scan.catalog);
  }

  /** The catalog in force now. */
  get current(): Catalog {
    return this.catalog;
  }

  /**
   * Calls `listener` after every swap: a reload that changed the content, and a scheduled story going live
   * (e.g. to register the command menu anew, or to derive the push events of the new catalog).
   */
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
      scan = scanStories(this.dir, {
        includeDrafts: this.includeDrafts,
        previous: this.catalog,
        now: this.now(),
      });
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
    this.swap(scan.catalog, `stories reloaded (${reason})`);
    return true;
  }

  /** Stops waiting for scheduled stories (the process is shutting down, or a test is over). */
  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private swap(catalog: Catalog, event: string): void {
    this.catalog = catalog;
    logCatalog(this.log, catalog, event);
    for (const listener of this.listeners) {
      try {
        listener(catalog);
      } catch (err) {
        this.log.error({ err }, "a listener of the story catalog failed");
      }
    }
    this.schedule();
  }

  /** Waits for the next scheduled story's time (the timer does not keep the process alive). */
  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const next = this.catalog.scheduled[0];
    if (next === undefined || this.closed) return;
    const delay = Math.min(Math.max(0, next.published - this.now()), MAX_TIMER_MS);
    this.timer = setTimeout(() => this.goLive(), delay);
    this.timer.unref?.();
  }

  /** Makes every scheduled story whose time has come live, in one swap. */
  private goLive(): void {
    this.timer = undefined;
    const catalog = advanceCatalog(this.catalog, this.now());
    if (catalog === this.catalog) {
      this.schedule();
      return;
    }
    const live = catalog.stories.filter((story) => !this.catalog.byId.has(story.data.id));
    this.swap(catalog, `scheduled ${live.map((story) => story.data.id).join(", ")} now live`);
  }
}
