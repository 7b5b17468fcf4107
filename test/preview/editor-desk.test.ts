/// <reference lib="dom" />
/**
 * The preview as the editor's desk, in chromium against the real process (`npm run preview -- --content`):
 * a draft story carries its mark on its screens and in /stories, and a broken edit shows up in the page's
 * problem panel with the version that stays live, in the Arabic and the English interface. Screenshots
 * land in test-results/preview/ (git-ignored): editor-desk-ar.png, editor-desk-en.png, editor-desk-stories-*.png.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BrowserHandle,
  browserAvailable,
  launchBrowser,
  type PreviewChat,
  previewChat,
} from "../helpers/browser.js";
import { type BotProcess, killAllBots, msg, spawnBot, tempDataDir } from "../helpers/spawn-bot.js";
import { breakLiveStory, deskContent } from "./desk-content.js";

const SHOTS = join(process.cwd(), "test-results", "preview");
const STEP_MS = 15_000;
const MAIN = ["--import", "tsx", "src/main.ts"];

/** A key of a Fluent file, as the bot renders it (plain single-line messages only). */
function label(lang: "ar" | "en", key: string): string {
  const ftl = readFileSync(join(process.cwd(), "locales", `${lang}.ftl`), "utf8");
  const line = ftl.split("\n").find((l) => l.startsWith(`${key} = `));
  if (line === undefined) throw new Error(`${key} is not in ${lang}.ftl`);
  return line.slice(key.length + 3).trim();
}

describe.skipIf(!browserAvailable())("the editor's desk in chromium", () => {
  let bot: BotProcess;
  let browser: BrowserHandle;
  let page: Page;
  let address: string;
  const pageErrors: string[] = [];
  const data = tempDataDir();
  const folder = tempDataDir();
  const content = deskContent(folder.dir);

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    bot = spawnBot({ PORT: "0", DATA_DIR: data.dir }, [...MAIN, "--preview", "--content", content.dir]);
    const ready = await bot.waitForLog(msg("preview ready"), 60_000);
    address = String(ready.address);
    await bot.waitForLog(msg("watching the content directory for changes"), 30_000);
    browser = await launchBrowser();
    page = await browser.context.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await killAllBots();
    data.remove();
    folder.remove();
  });

  // The page exists once beforeAll has run: the driver is made on first use.
  const chat = (): PreviewChat => previewChat(page, () => address, STEP_MS);
  const open = (lang: "ar" | "en" | ""): Promise<void> => chat().open(lang);
  const send = (text: string): Promise<Locator> => chat().send(text);

  it("shows no problem panel while the content is good", async () => {
    await open("en");
    await expect.poll(() => page.locator("[data-role=problems]").isHidden()).toBe(true);
  });

  it("shows a broken edit's problems and the version that stays live, without a reload of the page", async () => {
    breakLiveStory(content.liveFile);
    const panel = page.locator("[data-role=problems]");
    await panel.waitFor({ state: "visible", timeout: 20_000 });
    const problems = await panel.locator("[data-role=problem]").allTextContents();
    expect(problems).toEqual([
      expect.stringMatching(/quotes\[0\] \(lopez-1\)\.speaker: names person "nobody"/),
    ]);
    expect(await panel.locator("[data-role=live-version]").textContent()).toContain(
      "the last good version, «Riverside FC win the town final»",
    );
  });

  it.each(["ar", "en"] as const)(
    "marks the draft on its screens and in /stories, beside the problem panel, in the %s interface",
    async (lang) => {
      await open(lang);
      const draftMark = label(lang, "story-mark-draft");
      const start = await send("/start");
      // The draft is the newest story: /start opens it, its mark first.
      const startText = (await start.locator("[data-role=text]").textContent()) ?? "";
      expect(startText.replace(/^[\u200e\u200f]/, "").startsWith(draftMark)).toBe(true);
      await expect.poll(() => page.locator("[data-role=problems]").isVisible()).toBe(true);
      await page.screenshot({ path: join(SHOTS, `editor-desk-${lang}.png`) });

      const list = await send("/stories");
      const listText = (await list.locator("[data-role=text]").textContent()) ?? "";
      expect(listText.split(draftMark)).toHaveLength(2);
      const buttons = await list.locator("button[data-role=button]").allTextContents();
      expect(buttons.filter((b) => b.includes("🚧"))).toHaveLength(1);
      // The live story is listed without a mark.
      expect(buttons.filter((b) => b.includes("Riverside"))).toHaveLength(2);
      await page.screenshot({ path: join(SHOTS, `editor-desk-stories-${lang}.png`) });
      expect(pageErrors).toEqual([]);
    },
  );
});
