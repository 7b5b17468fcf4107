import { BUILT_IN_COMMANDS } from "../../src/bot/render/screens/menu.js";
import { loadStory } from "../../src/content/load.js";
import type { Card } from "../../src/content/schema.js";
import type { Story } from "../../src/content/story.js";

/** The fixture copy of the live story, so behaviour tests do not depend on what content/ holds. */
export const PUTIN_TRUMP_DIR = "test/fixtures/stories/putin-trump-call";

/** The real story (its fixture copy), loaded once per test file through the same loader the bot uses. */
export function realStory(): Story {
  const result = loadStory(PUTIN_TRUMP_DIR);
  if (!result.ok)
    throw new Error(`the story does not load:\n${result.problems.map((p) => p.message).join("\n")}`);
  return result.story;
}

/** The real story's prisoner-exchange card (the old `exchange` screen), which the tests rely on. */
export function exchangeCard(story: Story): Card {
  const card = story.cards.get("exchange");
  if (!card) throw new Error("the story has no exchange card");
  return card;
}

/** Every command the bot answers while it serves the real story: its own and the story's card alias. */
export const COMMANDS: readonly string[] = [...BUILT_IN_COMMANDS, "exchange"];
