/**
 * A content folder for the editor's desk tests: the riverside fixture as a draft (the newest story), a live
 * copy of it under another id (older), and a way to make an edit of the live one that breaks it.
 */
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const RIVERSIDE = "test/fixtures/stories/riverside-final";

type StoryJson = Record<string, unknown> & { quotes: Array<{ speaker: string }> };

/** Rewrites a story.json through `change`. */
export function editStory(file: string, change: (story: StoryJson) => void): void {
  const story = JSON.parse(readFileSync(file, "utf8")) as StoryJson;
  change(story);
  writeFileSync(file, JSON.stringify(story, null, 2));
}

/** Fills `dir` with the two stories; returns their story.json files. */
export function deskContent(dir: string): { dir: string; draftFile: string; liveFile: string } {
  cpSync(RIVERSIDE, join(dir, "riverside-draft"), { recursive: true });
  cpSync(RIVERSIDE, join(dir, "riverside-live"), { recursive: true });
  const draftFile = join(dir, "riverside-draft", "story.json");
  const liveFile = join(dir, "riverside-live", "story.json");
  editStory(draftFile, (s) => {
    s.id = "riverside-draft";
    s.draft = true;
  });
  editStory(liveFile, (s) => {
    s.id = "riverside-live";
    s.published = "2026-11-01T09:00:00Z";
  });
  return { dir, draftFile, liveFile };
}

/** An edit an editor could make by mistake: the first quote names a person the story does not have. */
export function breakLiveStory(liveFile: string): void {
  editStory(liveFile, (s) => {
    const [first] = s.quotes;
    if (first) first.speaker = "nobody";
  });
}
