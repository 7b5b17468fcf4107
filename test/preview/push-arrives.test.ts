/// <reference lib="dom" />
/**
 * A push in the preview, in chromium against the real process (`npm run preview -- --content`): a reader
 * follows new stories, an editor writes a new story folder under the content directory, and the push
 * arrives in the reader's chat (title, standfirst, date, buttons), in the Arabic and the English interface.
 * Screenshots land in test-results/preview/ (git-ignored): push-arrives-ar.png, push-arrives-en.png.
 */
import { cpSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserHandle, browserAvailable, launchBrowser } from "../helpers/browser.js";
import { type BotProcess, killAllBots, msg, spawnBot, tempDataDir } from "../helpers/spawn-bot.js";
import { editStory } from "./desk-content.js";

const SHOTS = join(process.cwd(), "test-results", "preview");
const STEP_MS = 15_000;
const MAIN = ["--import", "tsx", "src/main.ts"];
const RIVERSIDE = "test/fixtures/stories/riverside-final";

/** Writes a new live story (the riverside fixture under `id`, published now) into the content folder. */
function publishStory(dir: string, id: string, title: string): void {
  const folder = join(dir, id);
  cpSync(RIVERSIDE, folder, { recursive: true });
  editStory(join(folder, "story.json"), (s) => {
    s.id = id;
    s.published = new Date().toISOString();
    s.title = { en: title };
  });
}

describe.skipIf(!browserAvailable())("a push arriving in the preview's chat", () => {
  let bot: BotProcess;
  let browser: BrowserHandle;
  let page: Page;
  let address: string;
  const pageErrors: string[] = [];
  const data = tempDataDir();
  const folder = tempDataDir();

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    // One story already live: the first start records it as seen, so it is never pushed.
    cpSync(RIVERSIDE, join(folder.dir, "riverside-final"), { recursive: true });
    bot = spawnBot({ PORT: "0", DATA_DIR: data.dir }, [...MAIN, "--preview", "--content", folder.dir]);
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

  const bubbles = (): Locator => page.locator("[data-role=bubble][data-from=bot]");

  async function open(lang: "ar" | "en"): Promise<void> {
    await page.goto(address);
    await page.waitForSelector("body[data-ready=true]", { timeout: STEP_MS });
    await page.locator("[data-role=lang-picker]").selectOption(lang);
    await page.locator("[data-role=new-reader]").click();
    await page.waitForFunction(() => document.querySelectorAll("[data-role=bubble]").length === 0);
  }

  async function send(text: string): Promise<Locator> {
    const before = await bubbles().count();
    await page.locator("[data-role=input]").fill(text);
    await page.locator("[data-role=send]").click();
    await page.waitForFunction(
      (n) => document.querySelectorAll("[data-role=bubble][data-from=bot]").length > n,
      before,
      { timeout: STEP_MS },
    );
    return bubbles().last();
  }

  it.each([
    ["ar", "harbour-push-ar", "Harbour crane arrives"],
    ["en", "harbour-push-en", "Harbour ferry returns"],
  ] as const)("the %s reader follows, a new story is saved, its push arrives", async (lang, id, title) => {
    await open(lang);
    const followed = await send("/follow");
    expect(await followed.locator("[data-role=text]").textContent()).toContain("🔔");
    const before = await bubbles().count();

    publishStory(folder.dir, id, title);
    await page.waitForFunction(
      (n) => document.querySelectorAll("[data-role=bubble][data-from=bot]").length > n,
      before,
      { timeout: 30_000 },
    );
    const push = bubbles().last();
    const text = (await push.locator("[data-role=text]").textContent()) ?? "";
    expect(text).toContain(title);
    // The standfirst and the date under it.
    expect(text).toContain("Riverside");
    const buttons = await push.locator("button[data-role=button]").allTextContents();
    expect(buttons.length).toBeGreaterThanOrEqual(3);
    await page.screenshot({ path: join(SHOTS, `push-arrives-${lang}.png`) });
    // Nothing else was pushed: the story live at the first start is not announced.
    const all = await bubbles().allTextContents();
    expect(all.filter((t) => t.includes("Riverside FC win the town final"))).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
