import { describe, expect, it } from "vitest";
import { storyPassages } from "../../src/content/story-search.js";
import { realStory } from "../bot/story-fixture.js";

const story = realStory();

describe("a story's search index", () => {
  it("holds every paragraph, quote, fact and summary point, in each language it has", () => {
    const passages = storyPassages(story.data);
    const count = (kind: string) => passages.filter((p) => p.kind === kind).length;
    const paragraphs = story.data.sections.flatMap((s) => s.paragraphs);
    expect(count("paragraph")).toBe(paragraphs.length * 2);
    expect(count("quote")).toBe(story.data.quotes.length * 2);
    expect(count("summary")).toBe(story.data.summary.length * 2);
    expect(count("fact")).toBeGreaterThan(0);
    expect(passages.filter((p) => p.kind === "fact").every((p) => p.id.startsWith("exchange/"))).toBe(true);
  });

  it("is built once with the story and finds words with clitics in either language", () => {
    expect(story.search.search("والشرق الأوسط").length).toBeGreaterThan(0);
    expect(story.search.search("Pennsylvania").map((hit) => hit.lang)).toContain("en");
    expect(story.search.search("بنسلفانيا").map((hit) => hit.kind)).toEqual(
      expect.arrayContaining(["paragraph", "fact"]),
    );
  });
});
