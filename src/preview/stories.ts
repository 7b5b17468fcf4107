/**
 * What the page is told about the stories the preview serves. Unlike the bot on Telegram, the preview
 * includes drafts (an editor looks at a story before readers do) and marks them as such in /api/info.
 */
import type { Story } from "../content/story.js";
import type { StoryInfo } from "./simulator.js";

/** Each served story: id, title in its own language, and whether it is a draft. */
export function describeStories(stories: readonly Story[]): StoryInfo[] {
  return stories.map((story) => ({
    id: story.data.id,
    title: story.data.title[story.data.language] ?? story.data.id,
    draft: story.data.draft === true,
  }));
}
