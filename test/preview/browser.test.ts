/// <reference lib="dom" />
/**
 * The preview in a real browser: `npm start` without a token (the real process), chromium on the page it
 * prints, and a reader who walks the bot the way a person would. Finds things only by the page's data-*
 * roles. Screenshots land in test-results/preview/ (git-ignored).
 */
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Message } from "grammy/types";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { realStory } from "../bot/story-fixture.js";
import {
  type BrowserHandle,
  browserAvailable,
  launchBrowser,
  type PreviewChat,
  previewChat,
} from "../helpers/browser.js";
import { type BotProcess, killAllBots, msg, spawnBot, tempDataDir } from "../helpers/spawn-bot.js";

const SHOTS = join(process.cwd(), "test-results", "preview");
const STEP_MS = 15_000;

/** A key of a Fluent file, read as the bot will render it (plain single-line messages only). */
function label(lang: "ar" | "en", key: string): string {
  const ftl = readFileSync(join(process.cwd(), "locales", `${lang}.ftl`), "utf8");
  const line = ftl.split("\n").find((l) => l.startsWith(`${key} = `));
  if (line === undefined) throw new Error(`${key} is not in ${lang}.ftl`);
  return line.slice(key.length + 3).trim();
}

/** The direction a line should take by Telegram's rule: its first strong character. */
function expectedDirection(text: string): "rtl" | "ltr" | undefined {
  const strong = /[\p{Script=Arabic}\p{Script=Hebrew}\u200F]|[\p{L}\u200E]/u.exec(text)?.[0];
  if (strong === undefined) return undefined;
  return /[\p{Script=Arabic}\p{Script=Hebrew}\u200F]/u.test(strong) ? "rtl" : "ltr";
}

describe.skipIf(!browserAvailable())("the preview page in chromium", () => {
  let bot: BotProcess;
  let browser: BrowserHandle;
  let page: Page;
  let address: string;
  let lastChatId: number | undefined;
  const pageErrors: string[] = [];
  const data = tempDataDir();

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    // Exactly what a newcomer runs: no BOT_TOKEN, no NODE_ENV.
    bot = spawnBot({ PORT: "0", DATA_DIR: data.dir });
    const ready = await bot.waitForLog(msg("preview ready"), 60_000);
    address = String(ready.address);
    browser = await launchBrowser();
    page = await browser.context.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
    // The chat the page's reader is in, as the page itself sends it with each message.
    page.on("request", (request) => {
      if (!request.url().endsWith("/api/message")) return;
      const body = JSON.parse(request.postData() ?? "{}") as { chat?: { id?: number } };
      lastChatId = body.chat?.id;
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await killAllBots();
    data.remove();
  });

  // The page exists once beforeAll has run: the driver is made on first use.
  const chat = (): PreviewChat => previewChat(page, () => address, STEP_MS);
  const bubbles = (): Locator => chat().bubbles();
  const lastBot = (): Locator => bubbles().last();
  const open = (lang: "ar" | "en" | ""): Promise<void> => chat().open(lang);
  const send = (text: string): Promise<Locator> => chat().send(text);

  /** What the bot's messages show now, to notice any change a press causes. */
  const chatState = (): Promise<string> =>
    page.evaluate(() =>
      [...document.querySelectorAll("[data-role=bubble][data-from=bot]")]
        .map((b) => `${b.getAttribute("data-message-id")}:${b.textContent}`)
        .join("|"),
    );

  /** Presses a button and waits until the chat shows something new (an edit or a new message). */
  async function press(button: Locator): Promise<void> {
    const before = await chatState();
    await button.click();
    await page.waitForFunction(
      (state) =>
        [...document.querySelectorAll("[data-role=bubble][data-from=bot]")]
          .map((b) => `${b.getAttribute("data-message-id")}:${b.textContent}`)
          .join("|") !== state,
      before,
      { timeout: STEP_MS },
    );
  }

  /** Every bot bubble's keyboard shows the rows and buttons in the order the bot sent them. */
  async function expectKeyboardsAsSent(chatId: number): Promise<void> {
    const sent = await page.evaluate(async (id) => {
      const body = (await (await fetch(`/api/history?chat=${id}`)).json()) as { messages: Message[] };
      return body.messages;
    }, chatId);
    for (const message of sent) {
      if (message.from?.is_bot !== true) continue;
      const expected = (message.reply_markup?.inline_keyboard ?? []).map((row) => row.map((b) => b.text));
      const shown = await page.evaluate((id) => {
        const bubble = document.querySelector(`[data-role=bubble][data-message-id="${id}"]`);
        if (bubble === null) return undefined;
        return [...bubble.querySelectorAll("[data-role=keyboard] [data-role=row]")].map((row) =>
          [...row.querySelectorAll("button[data-role=button]")].map((b) => b.textContent ?? ""),
        );
      }, message.message_id);
      expect(shown, `keyboard of message ${message.message_id}`).toEqual(expected);
    }
  }

  /** Each line of a bubble takes the direction of its first strong character, as in Telegram. */
  async function lineDirections(bubble: Locator): Promise<{ text: string; direction: string }[]> {
    return bubble
      .locator("[data-role=line]")
      .evaluateAll((lines) =>
        lines.map((line) => ({ text: line.textContent ?? "", direction: getComputedStyle(line).direction })),
      );
  }

  async function expectDirectionsByFirstStrong(bubble: Locator): Promise<void> {
    for (const line of await lineDirections(bubble)) {
      const expected = expectedDirection(line.text);
      if (expected !== undefined) expect(line.direction, `line "${line.text}"`).toBe(expected);
    }
  }

  /** Nothing the bot did was refused by the model (red notices), and the page itself did not throw. */
  const noErrors = async (): Promise<void> => {
    const errors = await page.locator("[data-role=error]").allTextContents();
    expect(errors).toEqual([]);
    expect(pageErrors).toEqual([]);
  };

  async function shot(name: string): Promise<void> {
    await page.screenshot({ path: join(SHOTS, `${name}.png`) });
  }

  it("answers /start with the story's menu in Arabic, every line right to left", {
    timeout: 120_000,
  }, async () => {
    await open("ar");
    const menu = await send("/start");
    // Summary, Full text, Sections, Quotes, the card, People, Language, Help and 🔔 Follow.
    await expect.poll(() => menu.locator("[data-role=keyboard] button[data-role=button]").count()).toBe(9);
    const lines = await lineDirections(menu);
    const nonEmpty = lines.filter((l) => l.text.trim() !== "");
    expect(nonEmpty.length).toBeGreaterThan(3);
    for (const line of nonEmpty) expect(line.direction, `line "${line.text}"`).toBe("rtl");
    await noErrors();
    await shot("start-ar");
  });

  it("shows the bot's description on an empty chat, in the reader's language", {
    timeout: 120_000,
  }, async () => {
    for (const lang of ["en", "ar"] as const) {
      await open(lang);
      const card = page.locator("[data-role=description] .description-text");
      await expect
        .poll(() => card.textContent(), { timeout: STEP_MS })
        .toContain(realStory().data.title[lang] ?? "missing");
      expect(await card.textContent()).toContain(lang === "en" ? "Khabar" : "خبر");
      await shot(`description-${lang}`);
    }
    await noErrors();
  });

  it("answers every main-menu button", { timeout: 240_000 }, async () => {
    for (let i = 0; i < 8; i++) {
      // A new reader per button: the bot limits each reader to 5 updates in 2 s, faster than a person
      // taps but not than this test.
      await open("ar");
      const menu = await send("/start");
      const button = menu.locator("[data-role=keyboard] button[data-role=button]").nth(i);
      expect(await button.textContent()).not.toBe("");
      await press(button);
      await noErrors();
      // Every screen leaves a way on: the newest message has buttons.
      await expect.poll(() => lastBot().locator("button[data-role=button]").count()).toBeGreaterThan(0);
      await shot(`menu-${i + 1}-ar`);
    }
  });

  it("takes a typed name for the quotes and shows that speaker's quotes", { timeout: 120_000 }, async () => {
    await open("ar");
    const ask = await send("/quotes");
    await expect.poll(async () => (await ask.textContent()) ?? "").toContain("؟");
    const quotes = await send("ترمب");
    await expect.poll(async () => (await quotes.textContent()) ?? "").toContain("ترامب");
    await expectDirectionsByFirstStrong(quotes);
    await noErrors();
    await shot("quotes-ar");
  });

  it("switches the interface language with the Language screen", { timeout: 120_000 }, async () => {
    await open("ar");
    const choice = await send("/language");
    await press(choice.locator("button[data-role=button]", { hasText: "English" }));
    // The press is answered with a toast in the new language, and the screen becomes the menu.
    await expect
      .poll(() => page.locator("[data-role=toast]").allTextContents())
      .toContain(label("en", "language-set"));
    const menu = await send("/start");
    await expect.poll(async () => (await menu.textContent()) ?? "").toContain(label("en", "menu-hint"));
    const first = (await lineDirections(menu))[0];
    expect(first?.direction).toBe("ltr");
    await noErrors();
    await shot("start-en");
  });

  it("follows the page's language picker for a new reader", { timeout: 120_000 }, async () => {
    await open("en");
    const menu = await send("/start");
    await expect.poll(async () => (await menu.textContent()) ?? "").toContain(label("en", "menu-hint"));
    await expectDirectionsByFirstStrong(menu);
    await noErrors();
  });

  it("opens a section and walks it with next and previous, editing in place", {
    timeout: 120_000,
  }, async () => {
    await open("ar");
    const toc = await send("/sections");
    await press(toc.locator("[data-role=keyboard] button[data-role=button]").first());
    const section = lastBot();
    const id = await section.getAttribute("data-message-id");
    const first = await section.textContent();
    await shot("section-1-ar");

    const count = await bubbles().count();
    await press(section.locator("button[data-role=button]", { hasText: label("ar", "btn-next") }));
    const same = page.locator(`[data-role=bubble][data-message-id="${id}"]`);
    const second = await same.textContent();
    expect(second).not.toBe(first);
    // Edited in place: the same message, no new one.
    expect(await bubbles().count()).toBe(count);
    await expectDirectionsByFirstStrong(same);
    await shot("section-2-ar");

    await press(same.locator("button[data-role=button]", { hasText: label("ar", "btn-prev") }));
    await expect.poll(() => same.textContent()).toBe(first);
    await noErrors();
  });

  for (const lang of ["en", "ar"] as const) {
    it(`lays out every keyboard in the order the bot sent it (${lang})`, { timeout: 120_000 }, async () => {
      await open(lang);
      await send("/start");
      await send("/people");
      await send("/sections");
      await send("/help");
      expect(lastChatId).toBeDefined();
      await expectKeyboardsAsSent(lastChatId ?? 0);
      await noErrors();
      await shot(`keyboards-${lang}`);
    });
  }

  it("shows group behaviour: commands answered, plain text left alone", { timeout: 120_000 }, async () => {
    await open("en");
    await page.locator("[data-role=chat-type]").selectOption("group");
    const menu = await send("/start");
    await expect.poll(async () => (await menu.textContent()) ?? "").toContain(label("en", "menu-hint"));
    expect(lastChatId).toBeLessThan(0);
    const before = await bubbles().count();
    await page.locator("[data-role=input]").fill("just chatting");
    await page.locator("[data-role=send]").click();
    await page.locator("[data-role=bubble][data-from=user]", { hasText: "just chatting" }).waitFor();
    // Give the bot time to (wrongly) answer before concluding it did not.
    await page.waitForTimeout(1000);
    expect(await bubbles().count()).toBe(before);
    await noErrors();
    await shot("group-en");
    await page.locator("[data-role=chat-type]").selectOption("private");
  });
});
