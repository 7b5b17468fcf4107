/// <reference lib="dom" />
/**
 * Issue 20, Build 2, in a real browser at a phone's size (390×844): after the reader opens the full text
 * from the summary, the first line of the article is in view, in both languages. The preview keeps the chat
 * pinned to its bottom as Telegram's clients do (docs/long-answers.md), so this holds only because a page
 * of the full text fits the screen. Screenshots land in test-results/preview/ (git-ignored).
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { realStory } from "../bot/story-fixture.js";
import { type BrowserHandle, browserAvailable, launchBrowser } from "../helpers/browser.js";
import { type BotProcess, killAllBots, msg, spawnBot, tempDataDir } from "../helpers/spawn-bot.js";

const SHOTS = join(process.cwd(), "test-results", "preview");
const STEP_MS = 15_000;
const story = realStory();

describe.skipIf(!browserAvailable())("long answers on a phone-sized preview", () => {
  let bot: BotProcess;
  let browser: BrowserHandle;
  let page: Page;
  let address: string;
  const data = tempDataDir();

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    bot = spawnBot({ PORT: "0", DATA_DIR: data.dir });
    const ready = await bot.waitForLog(msg("preview ready"), 60_000);
    address = String(ready.address);
    browser = await launchBrowser();
    page = await browser.context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await killAllBots();
    data.remove();
  });

  it.each(["ar", "en"] as const)(
    "the full text opened from the summary shows the article's first line (%s)",
    async (lang) => {
      await page.goto(address);
      await page.waitForSelector("body[data-ready=true]", { timeout: STEP_MS });
      await page.locator("[data-role=lang-picker]").selectOption(lang);
      await page.locator("[data-role=new-reader]").click();
      await page.waitForFunction(() => document.querySelectorAll("[data-role=bubble]").length === 0);
      await page.locator("[data-role=input]").fill("/summary");
      await page.locator("[data-role=send]").click();
      const summary = page.locator("[data-role=bubble][data-from=bot]").last();
      await summary.waitFor({ timeout: STEP_MS });
      const full = summary.locator("button[data-role=button]", {
        hasText: lang === "ar" ? "النص الكامل" : "Full text",
      });
      await full.click();
      const first = story.data.sections[0]?.paragraphs[0]?.[lang] ?? "?";
      const firstWords = first.slice(0, 30);
      const line = page
        .locator("[data-role=bubble][data-from=bot] [data-role=line]", { hasText: firstWords })
        .last();
      await line.waitFor({ timeout: STEP_MS });
      // Let the chat settle where the page puts it after the edit.
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(SHOTS, `long-answer-full-from-summary-${lang}.png`) });
      const seen = await page.evaluate((words) => {
        const list = document.querySelector("[data-role=messages]");
        const lines = [...document.querySelectorAll("[data-role=bubble][data-from=bot] [data-role=line]")];
        const target = lines.reverse().find((l) => (l.textContent ?? "").includes(words));
        if (!list || !target) return { found: false, top: 0, bottom: 0, viewTop: 0, viewBottom: 0 };
        const range = document.createRange();
        range.selectNodeContents(target);
        // The first visual line of the paragraph: the first client rect of its text.
        const rect = range.getClientRects()[0] ?? target.getBoundingClientRect();
        const view = list.getBoundingClientRect();
        return {
          found: true,
          top: rect.top,
          bottom: rect.bottom,
          viewTop: Math.max(view.top, 0),
          viewBottom: Math.min(view.bottom, window.innerHeight),
        };
      }, firstWords);
      expect(seen.found).toBe(true);
      expect(seen.top).toBeGreaterThanOrEqual(seen.viewTop);
      expect(seen.bottom).toBeLessThanOrEqual(seen.viewBottom);
    },
    60_000,
  );
});
