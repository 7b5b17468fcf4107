import { describe, expect, it } from "vitest";
import { snippet } from "../../../src/bot/render/snippet.js";

const bold = (s: ReturnType<typeof snippet>) =>
  s.rawEntities.filter((e) => e.type === "bold").map((e) => s.rawText.slice(e.offset, e.offset + e.length));

describe("snippet", () => {
  it("keeps a short passage whole and bolds each range", () => {
    const text = "Trump said he would call President Zelensky.";
    const s = snippet(text, [
      { start: 0, end: 5 },
      { start: 35, end: 43 },
    ]);
    expect(s.rawText).toBe(text);
    expect(bold(s)).toEqual(["Trump", "Zelensky"]);
  });

  it("cuts a long passage at word boundaries around the first match, with ellipses and shifted ranges", () => {
    const words = Array.from({ length: 200 }, (_, i) => `w${i}`);
    const text = words.join(" ");
    const start = text.indexOf("w120");
    const s = snippet(text, [{ start, end: start + 4 }], 100);
    expect(s.rawText.startsWith("…")).toBe(true);
    expect(s.rawText.endsWith("…")).toBe(true);
    expect(s.rawText.length).toBeLessThanOrEqual(102);
    expect(bold(s)).toEqual(["w120"]);
    // Whole words only: no cut inside a word on either side.
    for (const word of s.rawText.replace(/…/g, "").trim().split(" ")) expect(words).toContain(word);
  });

  it("drops ranges outside the window and clips those across its edge", () => {
    const text = `${"a ".repeat(300)}target ${"b ".repeat(300)}`;
    const at = text.indexOf("target");
    const s = snippet(text, [
      { start: at, end: at + 6 },
      { start: text.length - 2, end: text.length - 1 },
    ]);
    expect(bold(s)).toEqual(["target"]);
  });

  it("keeps Arabic ranges in UTF-16 units, as the search index gives them", () => {
    const text = "وجاءت المكالمة عقب صفقة تبادل للسجناء";
    const start = text.indexOf("تبادل");
    expect(bold(snippet(text, [{ start, end: start + 5 }]))).toEqual(["تبادل"]);
  });

  it("never splits a surrogate pair", () => {
    const text = `${"😀".repeat(200)} match`;
    const at = text.indexOf("match");
    const s = snippet(text, [{ start: at, end: at + 5 }], 50);
    // A lone surrogate would not survive a round trip through UTF-8.
    expect(Buffer.from(s.rawText, "utf8").toString("utf8")).toBe(s.rawText);
    expect(bold(s)).toEqual(["match"]);
  });
});
