/**
 * What the page is told about the stories the preview serves and the ones it cannot. Unlike the bot on
 * Telegram, the preview serves drafts and scheduled stories (an editor reads a story before readers do)
 * and says which they are; and each story folder with problems is listed with its problems, as
 * `content:check` prints them, and with which version of that story readers of the preview get.
 */
import { formatProblems } from "../content/authoring/check-report.js";
import type { Catalog } from "../content/library.js";
import type { Story } from "../content/story.js";
import { type StoryState, storyState } from "../content/story-state.js";

/** What /api/info tells the page about a story served. */
export interface StoryInfo {
  id: string;
  title: string;
  /** True for a draft (kept for pages that read this field). */
  draft: boolean;
  state: StoryState;
}

/** A story folder with problems. */
export interface ProblemInfo {
  /** The story's id, or its folder when the file could not be read that far. */
  story: string;
  /** Each problem, one line as `content:check` prints it. */
  problems: string[];
  /**
   * The version served instead: the last good one (its title and when the preview loaded it), or
   * undefined when this story is not served at all.
   */
  live?: { title: string; loadedAt: string };
}

/** What /api/info tells the page about the content. */
export interface CatalogInfo {
  stories: StoryInfo[];
  problems: ProblemInfo[];
}

/** When this process first served each version of a story (a version is one loaded Story object). */
const loadedAt = new WeakMap<Story, string>();

function titleOf(story: Story): string {
  return story.data.title[story.data.language] ?? story.data.id;
}

/** The page's view of a catalog at `now`. */
export function describeCatalog(catalog: Catalog, now = Date.now()): CatalogInfo {
  for (const story of catalog.stories) {
    if (!loadedAt.has(story)) loadedAt.set(story, new Date(now).toISOString());
  }
  const stories = catalog.stories.map((story) => {
    const state = storyState(story, now);
    return { id: story.data.id, title: titleOf(story), draft: state === "draft", state };
  });
  const problems: ProblemInfo[] = [];
  for (const entry of catalog.keptLastGood) {
    const last = entry.id === undefined ? undefined : catalog.byId.get(entry.id);
    problems.push({
      story: entry.id ?? entry.dir,
      problems: formatProblems(entry.problems),
      ...(last === undefined ? {} : { live: { title: titleOf(last), loadedAt: loadedAt.get(last) ?? "" } }),
    });
  }
  for (const entry of catalog.skipped) {
    if (entry.reason === "draft") continue;
    problems.push({ story: entry.id ?? entry.dir, problems: formatProblems(entry.problems) });
  }
  return { stories, problems };
}
