/// <reference lib="dom" />
/**
 * A push in the preview, in chromium against the real process (`npm run preview -- --content`): a reader
 * follows new stories, an editor writes a new story folder under the content directory, and the push
 * arrives in the reader's chat (title, standfirst, date, buttons), in the Arabic and the English interface.
 * While a push runs, the page shows its progress line. Screenshots land in test-results/preview/
 * (git-ignored): push-arrives-ar.png, push-arrives-en.png, push-progress.png.
 */
import { cpSync, mkdirSync, readFileSync } from "node:fs";
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
import { editStory } from "./desk-content.js";

const SHOTS = join(process.cwd(), "test-results", "preview");
const STEP_MS = 15_000;
const MAIN = ["--import", "tsx", "src/main.ts"];
const RIVERSIDE = "test/fixtures/stories/riverside-final";

/** A key of a Fluent file, as the bot renders it (plain single-line messages only). */
function label(lang: "ar" | "en", key: string): string {
  const ftl = readFileSync(join(process.cwd(), "locales", `${lang}.ftl`), "utf8");
  const line = ftl.split("\n").find((l) => l.startsWith(`${key} = `));
  if (line === undefined) throw new Error(`${key} is not in ${lang}.ftl`);
  return line.slice(key.length + 3).trim();
}

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
    // One push a second: the progress test's push lasts long enough to be seen.
    bot = spawnBot({ PORT: "0", DATA_DIR: data.dir, PUSH_RATE: "1" }, [
      ...MAIN,
      "--preview",
      "--content",
      folder.dir,
    ]);
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
  const bubbles = (): Locator => chat().bubbles();
  const open = (lang: "ar" | "en" | ""): Promise<void> => chat().open(lang);
  const send = (text: string): Promise<Locator> => chat().send(text);

  /** Follows new stories as a new reader in `lang`: with /follow, or with the menu's 🔔 button. */
  async function newFollower(lang: "ar" | "en", via: "command" | "button" = "command"): Promise<void> {
    await open(lang);
    if (via === "command") {
      await send("/follow");
    } else {
      const menu = await send("/start");
      await menu.locator("button[data-role=button]", { hasText: label(lang, "btn-follow") }).click();
    }
    // The follow settings, in place of the menu or as the answer, list what the reader follows now.
    const done = label(lang, "follow-you");
    await expect
      .poll(async () => (await bubbles().allTextContents()).some((t) => t.includes(done)), {
        timeout: STEP_MS,
      })
      .toBe(true);
  }

  /** Waits for the next message of the bot in this chat. */
  async function nextBubble(before: number): Promise<Locator> {
    await page.waitForFunction(
      (n) => document.querySelectorAll("[data-role=bubble][data-from=bot]").length > n,
      before,
      { timeout: 30_000 },
    );
    return bubbles().last();
  }

  it.each([
    ["ar", "harbour-push-ar", "Harbour crane arrives"],
    ["en", "harbour-push-en", "Harbour ferry returns"],
  ] as const)(
    "the %s reader follows, a new story is saved, its push arrives",
    async (lang, id, title) => {
      // One reader follows with the menu's 🔔 button, the other with the command.
      await newFollower(lang, lang === "ar" ? "button" : "command");
      const before = await bubbles().count();
      publishStory(folder.dir, id, title);
      const push = await nextBubble(before);

      const lines = await push
        .locator("[data-role=line]")
        .evaluateAll((all) =>
          all.map((line) => ({ text: line.textContent ?? "", dir: getComputedStyle(line).direction })),
        );
      const header = label(lang, "push-new").split(" · ")[0] ?? "";
      // The kind and the date, the title, the standfirst; in Arabic the note that it is the original.
      expect(lines[0]?.text).toContain(header);
      expect(lines[0]?.text).toContain(String(new Date().getUTCFullYear()));
      expect(lines[0]?.dir).toBe(lang === "ar" ? "rtl" : "ltr");
      // Arabic lines open with a right-to-left mark (a Latin one is also isolated), so it sits on the right.
      expect(lines[1]?.text.replace(/[\u200f\u2068\u2069]/gu, "")).toBe(title);
      expect(lines[1]?.dir).toBe(lang === "ar" ? "rtl" : "ltr");
      expect(lines.map((l) => l.text).join(" ")).toContain("Riverside FC beat Hillcrest 2-1 on Saturday");
      if (lang === "ar") expect(lines.at(-1)?.dir).toBe("rtl");
      const buttons = (await push.locator("button[data-role=button]").allTextContents()).map((b) =>
        b.replace(/^\u200f/, ""),
      );
      expect(buttons).toEqual([
        label(lang, "btn-full"),
        label(lang, "btn-stop-these"),
        label(lang, "btn-menu"),
      ]);
      // Once the push is done its progress line goes: the screenshot shows the chat alone.
      await page.locator("[data-role=push-progress]").waitFor({ state: "hidden", timeout: STEP_MS });
      await page.screenshot({ path: join(SHOTS, `push-arrives-${lang}.png`) });
      // Nothing else was pushed: the story live at the first start is not announced.
      const all = await bubbles().allTextContents();
      expect(all.filter((t) => t.includes("Riverside FC win the town final"))).toEqual([]);
      expect(pageErrors).toEqual([]);
    },
    60_000,
  );

  it("shows a progress line while a push runs, gone once it is done", async () => {
    // Three more followers: five in all, at PUSH_RATE=1 a push of about five seconds.
    for (const lang of ["en", "ar", "en"] as const) await newFollower(lang);
    const before = await bubbles().count();
    publishStory(folder.dir, "harbour-push-progress", "Harbour lights relit");
    const line = page.locator("[data-role=push-progress] [data-role=push]");
    await line.waitFor({ state: "visible", timeout: 30_000 });
    await expect
      .poll(() => line.textContent(), { timeout: 30_000 })
      .toMatch(/^📣 Push: sent [1-4] of 5 · story:harbour-push-progress$/);
    await page.screenshot({ path: join(SHOTS, "push-progress.png") });
    await page.locator("[data-role=push-progress]").waitFor({ state: "hidden", timeout: 30_000 });
    const push = await nextBubble(before);
    expect(await push.locator("[data-role=text]").textContent()).toContain("Harbour lights relit");
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
