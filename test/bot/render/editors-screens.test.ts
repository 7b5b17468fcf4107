/** The screens of the editors' marks, rendered apart from any handler: corrections and withdrawals. */
import { describe, expect, it } from "vitest";
import { createI18n, translator } from "../../../src/bot/i18n.js";
import { formatDay } from "../../../src/bot/render/dates.js";
import {
  correctedLine,
  correctionsScreen,
  latestCorrection,
} from "../../../src/bot/render/screens/corrections.js";
import { menuScreen } from "../../../src/bot/render/screens/menu.js";
import { withdrawnScreen } from "../../../src/bot/render/screens/withdrawn.js";
import type { View } from "../../../src/bot/render/view.js";
import type { Lang } from "../../../src/content/schema.js";
import type { Story } from "../../../src/content/story.js";
import { EDITOR_FIXTURES, fixtureStory, riversideStory, storyWith } from "../multi-story.js";

const i18n = createI18n("ar");
const bridge = fixtureStory(EDITOR_FIXTURES.corrected);
const mill = fixtureStory(EDITOR_FIXTURES.withdrawn);
const riverside = riversideStory();
const view = (story: Story, lang: Lang, stories: Story[] = [story]): View => ({
  story,
  lang,
  t: translator(i18n, lang),
  stories,
});
const plain = (text: string) => text.replace(/[\u200f\u2068\u2069]/g, "");

describe("dates", () => {
  it("show the day the editors wrote, in the reader's language, whatever the offset", () => {
    expect(formatDay("2026-12-02", "en")).toBe("2 December 2026");
    expect(formatDay("2026-12-02T23:30:00-05:00", "en")).toBe("2 December 2026");
    expect(formatDay("2026-12-02", "ar")).toBe("2 ديسمبر 2026");
  });
});

describe("corrections", () => {
  it("the latest correction dates the 'Corrected' line; a story never corrected has none", () => {
    expect(latestCorrection(bridge)?.id).toBe("cost-figure");
    expect(correctedLine(view(bridge, "en")).map((l) => l.rawText)).toEqual(["Corrected 3 December 2026"]);
    expect(correctedLine(view(riverside, "en"))).toEqual([]);
    expect(menuScreen(view(riverside, "en")).messages[0]?.rawText).not.toContain("Corrected");
  });

  it("the notes screen is undefined for a story never corrected (a stale button)", () => {
    expect(correctionsScreen(view(riverside, "en"))).toBeUndefined();
  });

  it("lists the notes newest first; a correction without paragraphs has no 'In:' line and no button", () => {
    const noParagraphs = storyWith(bridge, (d) => {
      d.corrections = [{ id: "typo", date: "2026-12-04", en: "A typo in the standfirst was fixed." }];
    });
    const screen = correctionsScreen(view(noParagraphs, "en"));
    expect(plain(screen?.messages[0]?.rawText ?? "")).toBe(
      "Corrections by the editors\nCouncil approves the new footbridge\n\n4 December 2026\n\nA typo in the standfirst was fixed.",
    );
    expect(screen?.keyboard?.inline_keyboard.flat().map((b) => b.text)).toEqual(["🏠 Menu"]);
  });

  it("every Arabic line starts right-to-left, the untranslated English note included in its own direction", () => {
    const screen = correctionsScreen(view(bridge, "ar"));
    const text = screen?.messages[0]?.rawText ?? "";
    expect(text).toContain("The cost is 1.2 million pounds, not 2.1 million.");
    for (const line of text.split("\n").filter((l) => l !== "" && !l.startsWith("The cost"))) {
      expect(line.startsWith("\u200f") || /^[\u0600-\u06ff]/.test(line)).toBe(true);
    }
  });
});

describe("withdrawn", () => {
  it("says who withdrew it, when and why, and leads to the menu of the stories still served", () => {
    const screen = withdrawnScreen(view(riverside, "en"), mill);
    expect(plain(screen.messages[0]?.rawText ?? "")).toBe(
      "Fire at the old mill\nWithdrawn by the editors on 21 November 2026:\n\nthe fire was at another building; this report was wrong.",
    );
    expect(screen.keyboard?.inline_keyboard.flat().map((b) => b.text)).toEqual(["🏠 Menu"]);
    const two = withdrawnScreen(view(riverside, "en", [riverside, bridge]), mill);
    expect(two.keyboard?.inline_keyboard.flat().map((b) => b.text)).toEqual(["🏠 Menu", "📚 More stories"]);
  });
});
