/**
 * Issue 20, Build 2: long answers open at their beginning on a phone. Telegram's clients keep the chat
 * pinned to its bottom when a message arrives or grows by an edit, so the full text comes a phone screen at
 * a time (whole paragraphs, previous / next in place): every page fits the screen and is read from its start.
 */
import { describe, expect, it } from "vitest";
import { FULL_PAGE_BUDGET } from "../../../src/bot/render/screens/full-text.js";
import { decodeTarget } from "../../../src/bot/routes.js";
import { createHarness, type Harness, story, updates } from "../harness.js";

const bare = (text: string) => text.replace(/[\u200e\u200f\u2066-\u2069]/gu, "");

/** Every page of the full text shown on one message, following its Next button. */
async function allPages(h: Harness, lang: "ar" | "en", from: ReturnType<Harness["last"]>): Promise<string[]> {
  const seen: string[] = [];
  let shown = from;
  for (let i = 0; i < 10; i++) {
    seen.push(bare(shown.text));
    const next = shown.buttons.find((b) => {
      const route = decodeTarget(b.data)?.route;
      return route?.to === "full" && b.text.includes(lang === "ar" ? "التالي" : "Next");
    });
    if (!next) break;
    await h.press(shown, next.data, { lang });
    shown = h.shown(shown.chatId, shown.messageId);
  }
  return seen;
}

describe.each(["ar", "en"] as const)("the full text in %s", (lang) => {
  it("comes in pages that each fit a phone screen, every paragraph once and in order", async () => {
    const h = createHarness();
    await h.send(updates.command(`/start full-${lang}`, { lang }));
    const pages = await allPages(h, lang, h.last());
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(page.length).toBeLessThanOrEqual(FULL_PAGE_BUDGET);
    const whole = pages.join("\n");
    let at = -1;
    for (const paragraph of story.data.sections.flatMap((s) => s.paragraphs)) {
      const words = paragraph[lang] ?? "";
      const found = whole.indexOf(words);
      expect(found, paragraph.id).toBeGreaterThan(at);
      expect(whole.indexOf(words, found + 1), paragraph.id).toBe(-1);
      at = found;
    }
    const total = pages.length;
    expect(pages.at(-1)).toContain(
      lang === "ar" ? `الصفحة ${total} من ${total}` : `Page ${total} of ${total}`,
    );
  });

  it("opened from the summary, starts with the headline and the article's first paragraph, within one screen", async () => {
    const h = createHarness();
    await h.send(updates.command("/summary", { lang }));
    const summary = h.last();
    const full = summary.buttons.find((b) => decodeTarget(b.data)?.route.to === "full");
    await h.press(summary, full?.data ?? "", { lang });
    const page = bare(h.shown(summary.chatId, summary.messageId).text);
    expect(page.length).toBeLessThanOrEqual(FULL_PAGE_BUDGET);
    expect(page.split("\n")[0]).toBe(`📰 ${story.data.title[lang]}`);
    expect(page).toContain(story.data.sections[0]?.paragraphs[0]?.[lang] ?? "?");
  });
});
