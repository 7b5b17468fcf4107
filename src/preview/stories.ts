/**
 * The stories the preview serves. Unlike the bot on Telegram, the preview includes drafts (an editor looks
 * at a story before readers do) and marks them as such in /api/info.
 *
 * HOOK (story registry): the story-format work adds `"draft": true` to story.json and a story registry
 * with reload in src/content/. Until that lands, every story under the folder is loaded (today's loader
 * has no drafts to leave out), `draft` is read from the story data when present, and reloading is done
 * here by rebuilding the bot (src/preview/run.ts). Once the registry exists, load with drafts included
 * through it and reload through it instead.
 */
import { loadStoriesOrThrow } from "../content/load.js";
import type { Story } from "../content/story.js";
import type { StoryInfo } from "./simulator.js";

/** Every story under `contentDir`, drafts included; throws a StoryError listing every problem. */
export function loadPreviewStories(contentDir: string): Story[] {
  return loadStoriesOrThrow(contentDir);
}

/** What the page is told about each story. */
export function describeStories(stories: readonly Story[]): StoryInfo[] {
  return stories.map((story) => {
    const data = story.data as { id: string; language: string; title: Record<string, string | undefined> };
    const draft = (story.data as { draft?: unknown }).draft === true;
    return { id: data.id, title: data.title[data.language] ?? data.id, draft };
  });
}
