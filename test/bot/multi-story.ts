import { fixedCatalog } from "../../src/content/library.js";
import { loadStory } from "../../src/content/load.js";
import type { StoryData } from "../../src/content/schema.js";
import { indexStory, type Story } from "../../src/content/story.js";
import { realStory } from "./story-fixture.js";

/** The second fixture story's folder: English, no translation, no summary, no card, two speakers. */
export const RIVERSIDE_DIR = "test/fixtures/stories/riverside-final";

/** The second fixture story, loaded (and so checked) through the bot's own loader. */
export function riversideStory(): Story {
  const result = loadStory(RIVERSIDE_DIR);
  if (!result.ok)
    throw new Error(`the fixture does not load:\n${result.problems.map((p) => p.message).join("\n")}`);
  return result.story;
}

/**
 * The third fixture story's folder: Arabic, with an English title and standfirst, a woman speaker (Salma
 * Haddad) and a `source` (outlet, author, link and a date-time).
 */
export const LIBRARY_DIR = "test/fixtures/stories/library-opening";

/** The third fixture story, loaded through the bot's own loader. */
export function libraryStory(): Story {
  const result = loadStory(LIBRARY_DIR);
  if (!result.ok)
    throw new Error(`the fixture does not load:\n${result.problems.map((p) => p.message).join("\n")}`);
  return result.story;
}

/** A copy of a story under another id (and so another key) and date, for catalogs of many stories. */
export function storyCopy(story: Story, id: string, published: string): Story {
  const data: StoryData = { ...story.data, id, published, key: undefined };
  delete data.key;
  return indexStory(data, story.source);
}

/** The real story and the fixture, served side by side (the fixture is newer). */
export function twoStories() {
  const real = realStory();
  const riverside = riversideStory();
  return { real, riverside, stories: fixedCatalog([real, riverside]) };
}

/** Fixture stories for the editors' cases: scheduled, corrected and withdrawn. */
export const EDITOR_FIXTURES = {
  /** Scheduled: `published` 2026-12-10T09:00:00Z; names Maria Lopez (as "maria-lopez"), quotes Sara Haddad. */
  scheduled: "harbour-opening",
  /** Two corrections: `vote-count` (English and Arabic note, paragraph vote-1), `cost-figure` (English only). */
  corrected: "bridge-vote",
  /** Withdrawn on 2026-11-21, with an English and an Arabic note. */
  withdrawn: "mill-fire",
} as const;

/** The time the scheduled fixture goes live. */
export const SCHEDULED_AT = Date.parse("2026-12-10T09:00:00Z");

/** A fixture story of `test/fixtures/stories`, loaded (and so checked) through the bot's own loader. */
export function fixtureStory(id: string): Story {
  const result = loadStory(`test/fixtures/stories/${id}`);
  if (!result.ok)
    throw new Error(`the fixture ${id} does not load:\n${result.problems.map((p) => p.message).join("\n")}`);
  return result.story;
}

/** A story as it was before a change to its data (e.g. before it was withdrawn or corrected). */
export function storyWith(story: Story, change: (data: StoryData) => void): Story {
  const data: StoryData = structuredClone(story.data);
  change(data);
  return indexStory(data, story.source);
}
