/**
 * An English line in an Arabic-interface message (an untranslated story's title or standfirst) sits on the
 * right like every line there, and still reads left to right with its punctuation at its end: the line is
 * marked right-to-left and its own text isolated, as the Unicode Bidirectional Algorithm draws it.
 */
import { describe, expect, it } from "vitest";
import { fixedCatalog } from "../../../src/content/library.js";
import { drawnColumns } from "../../helpers/visual-order.js";
import { createHarness, textOf, updates } from "../harness.js";
import { riversideStory } from "../multi-story.js";

const STANDFIRST = "captain spoke after the match.";

describe("an English line in the Arabic interface", () => {
  it("keeps its full stop at its end, and the message's lines start right to left", async () => {
    const story = riversideStory();
    const h = createHarness({ stories: fixedCatalog([story]), defaultLang: "ar" });
    const [reply] = await h.send(updates.command("/start", { lang: "ar" }));
    const line = textOf(reply)
      .split("\n")
      .find((l) => l.includes(STANDFIRST));
    if (line === undefined) throw new Error("the standfirst is not on the first screen");
    const columns = drawnColumns(line);
    const stop = line.lastIndexOf(".");
    const lastLetter = line.lastIndexOf("h", stop);
    // Drawn right after "match", not at the far end of the line.
    expect(columns[stop]).toBe((columns[lastLetter] ?? -2) + 1);
    expect(line.startsWith("\u200f")).toBe(true);
  });
});
