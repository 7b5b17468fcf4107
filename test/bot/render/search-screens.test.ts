import { describe, expect, it } from "vitest";
import { nothingFoundScreen, resultsScreen } from "../../../src/bot/render/screens/search.js";
import type { View } from "../../../src/bot/render/view.js";
import { searchStory } from "../../../src/bot/typed/typed-text.js";
import { createHarness, story } from "../harness.js";

/** A view whose translator records every variable it is given. */
function recorded(lang: "ar" | "en") {
  const view = createHarness().views.for(lang, story);
  const seen: string[] = [];
  const t: View["t"] = (key, vars) => {
    for (const value of Object.values(vars ?? {})) seen.push(String(value));
    return view.t(key, vars);
  };
  return { view: { ...view, t }, seen };
}

describe.each(["ar", "en"] as const)("search screens (%s)", (lang) => {
  it("echo the reader's words without passing them through the translator (and its cache)", () => {
    const { view, seen } = recorded(lang);
    const none = nothingFoundScreen(view, "zqx secret words");
    expect(none.messages[0]?.text).toContain("zqx secret words");
    const hits = searchStory(story, "Pennsylvania");
    const results = resultsScreen(view, "Pennsylvania", hits, 0, "abcdef");
    expect(results.messages[0]?.text).toContain("Pennsylvania");
    expect(seen.some((value) => value.includes("secret") || value.includes("Pennsylvania"))).toBe(false);
  });

  it("isolate the reader's words in both interfaces", () => {
    const { view } = recorded(lang);
    for (const words of ["Biden", "بايدن"]) {
      const text = nothingFoundScreen(view, words).messages[0]?.text ?? "";
      expect(text).toContain(`\u2068${words}\u2069`);
    }
  });
});
