import { loadStory } from "../../src/content/load.js";
import type { Story } from "../../src/content/story.js";

/** The real story, loaded once per test file through the same loader the bot uses. */
export function realStory(): Story {
  const result = loadStory("content/putin-trump-call");
  if (!result.ok)
    throw new Error(`the story does not load:\n${result.problems.map((p) => p.message).join("\n")}`);
  return result.story;
}
