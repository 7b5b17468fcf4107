import type { Story } from "./story.js";

/**
 * Where a story stands with readers: `draft` (marked so in story.json: never served to readers), `scheduled`
 * (its `published` is still to come) or `live`. The real bot serves only live stories; the preview serves
 * all three so an editor can read a story before readers do, and every screen of a story that is not live
 * says so.
 */
export type StoryState = "draft" | "scheduled" | "live";

/** The state of `story` at `now` (milliseconds since the epoch). */
export function storyState(story: Pick<Story, "data" | "published">, now = Date.now()): StoryState {
  if (story.data.draft === true) return "draft";
  if (story.published > now) return "scheduled";
  return "live";
}
