/// <reference lib="dom" />
/**
 * Issue 20, Build 6, in a real browser: the preview's "Mention the bot in another chat" box sends a guest
 * mention to the real bot (npm start without a token) and shows its answer under the mention, with the
 * Read the story button. Screenshots land in test-results/preview/ (git-ignored).
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserHandle, browserAvailable, launchBrowser } from "../helpers/browser.js";
import { type BotProcess, killAllBots, msg, spawnBot, tempDataDir } from "../helpers/spawn-bot.js";

const SHOTS = join(process.cwd(), "test-results", "preview");
const STEP_MS = 15_000;

describe.skipIf(!browserAvailable())("the preview's guest box", () => {
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

  it.each([
    ["ar", "بيسكوف", "دميتري بيسكوف", "اقرأ الخبر"],
    ["en", "Peskov", "Dmitry Peskov", "Read the story"],
  ] as const)("answers a mention in another chat (%s)", async (lang, words, name, read) => {
    await page.goto(address);
    await page.waitForSelector("body[data-ready=true]", { timeout: STEP_MS });
    await page.locator("[data-role=lang-picker]").selectOption(lang);
    await page.locator("[data-role=new-reader]").click();
    await page.locator("[data-role=guest] summary").click();
    const input = page.locator("[data-role=guest-input]");
    await expect.poll(() => input.inputValue()).toMatch(/^@\w+ $/u);
    await input.fill(`${await input.inputValue()}${words}`);
    await page.locator("[data-role=guest-form] button[type=submit]").click();
    const answer = page.locator("[data-role=guest-messages] [data-role=bubble][data-from=bot]").last();
    await answer.waitFor({ timeout: STEP_MS });
    await expect.poll(() => answer.textContent()).toContain(name);
    await expect.poll(() => answer.locator("button[data-role=button]").first().textContent()).toContain(read);
    // The reader's main chat is untouched.
    expect(await page.locator("[data-role=messages] [data-role=bubble]").count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, `guest-box-${lang}.png`) });
  });
});
