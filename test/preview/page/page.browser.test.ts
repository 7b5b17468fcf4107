/// <reference lib="dom" />
/**
 * The preview page's own behaviour in a real browser (chromium via playwright-core), against the dev mock
 * server (the real bot through the test harness, plus scripted events): what a reader can do in the page
 * beyond walking the bot, which the preview server's browser tests cover. Finds things by data-* roles only.
 * Without /usr/bin/chromium these tests are skipped with a warning; KHABAR_REQUIRE_BROWSER=1 makes that an
 * error.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockServer, startMockServer } from "../mock-server.js";

const CHROMIUM = process.env.KHABAR_CHROMIUM ?? "/usr/bin/chromium";
const available = existsSync(CHROMIUM);
if (!available) {
  if (process.env.KHABAR_REQUIRE_BROWSER === "1")
    throw new Error(`KHABAR_REQUIRE_BROWSER=1 but no ${CHROMIUM}`);
  console.warn(`preview page browser tests skipped: no chromium at ${CHROMIUM}`);
}
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];
const STEP = { timeout: 15_000 };

describe.skipIf(!available)("the preview page in chromium", () => {
  let mock: MockServer;
  let context: BrowserContext;
  let profile: string;
  let page: Page;
  let bot: string;

  beforeAll(async () => {
    mock = await startMockServer();
    profile = mkdtempSync(join(tmpdir(), "khabar-page-"));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: ARGS,
      headless: true,
      viewport: { width: 520, height: 900 },
    });
    const info = (await (await fetch(`${mock.url}/api/info`)).json()) as { bot: { username: string } };
    bot = info.bot.username;
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await mock?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  /** A fresh page with a new reader in a private chat, in this language. */
  async function open(lang: "ar" | "en" | "", query = ""): Promise<void> {
    await page?.close();
    page = await context.newPage();
    page.on("pageerror", (error) => console.error(`page error: ${error.message}`));
    await page.goto(`${mock.url}/${query}`);
    await page.waitForSelector("body[data-ready=true]", STEP);
    await page.selectOption("[data-role=chat-type]", "private");
    await page.selectOption("[data-role=lang-picker]", lang);
    await page.click("[data-role=new-reader]");
    await page.waitForFunction(
      () => document.querySelectorAll("[data-role=bubble]").length === 0,
      null,
      STEP,
    );
  }

  const chatId = (): Promise<number> =>
    page.evaluate(() => Number(JSON.parse(localStorage.getItem("khabar-preview") ?? "{}").userId));

  /** Puts a message from the bot into the reader's chat, as if the bot had sent it. */
  async function botSays(message: Record<string, unknown>): Promise<void> {
    const before = await page.locator("[data-role=bubble][data-from=bot]").count();
    await post("/mock/event", {
      type: "message",
      chatId: await chatId(),
      message: {
        message_id: 0,
        date: 1_800_000_000,
        from: { id: 1000, is_bot: true, first_name: "Khabar" },
        ...message,
      },
    });
    await page.waitForFunction(
      (n) => document.querySelectorAll("[data-role=bubble][data-from=bot]").length > n,
      before,
      STEP,
    );
  }

  async function post(path: string, body: unknown): Promise<void> {
    const response = await fetch(`${mock.url}${path}`, { method: "POST", body: JSON.stringify(body) });
    expect(response.ok).toBe(true);
  }

  /** The texts of the reader's bubbles, in order. */
  const readerTexts = (): Promise<string[]> =>
    page.locator("[data-role=bubble][data-from=user] [data-role=text]").allTextContents();

  async function send(text: string): Promise<void> {
    const before = await page.locator("[data-role=bubble][data-from=bot]").count();
    await page.fill("[data-role=input]", text);
    await page.press("[data-role=input]", "Enter");
    await page.waitForFunction(
      (n) => document.querySelectorAll("[data-role=bubble][data-from=bot]").length > n,
      before,
      STEP,
    );
  }

  it("shows the bot's description on an empty chat, and hides it once there are messages", async () => {
    await open("en");
    const description = page.locator("[data-role=description]");
    await expect.poll(() => description.isVisible()).toBe(true);
    expect(await description.textContent()).toContain("This bot gives you one news story");
    await send("/start");
    await expect.poll(() => description.isVisible()).toBe(false);
  });

  it("restores the chat from the history on reload", async () => {
    await open("en");
    await send("/start");
    await send("/help");
    const ids = () =>
      page
        .locator("[data-role=bubble]")
        .evaluateAll((all) => all.map((b) => b.getAttribute("data-message-id")));
    const before = await ids();
    expect(before.length).toBe(4);
    await page.reload();
    await page.waitForSelector("body[data-ready=true]", STEP);
    await expect.poll(ids).toEqual(before);
  });

  it("sends a bot command clicked in a message, and /start <payload> for a deep link to this bot", async () => {
    await open("en");
    await botSays({
      text: "Try /help or open the summary.",
      entities: [
        { type: "bot_command", offset: 4, length: 5 },
        { type: "text_link", offset: 22, length: 7, url: `https://t.me/${bot}?start=summary` },
      ],
    });
    await page.click("[data-role=bot-command]");
    await expect.poll(readerTexts, STEP).toEqual(["/help"]);
    await page.locator("[data-role=deep-link]").first().click();
    await expect.poll(readerTexts, STEP).toEqual(["/help", "/start summary"]);
  });

  it("turns a URL button with a deep link into /start <payload>, and fills the input for inline buttons", async () => {
    await open("en");
    await botSays({
      text: "Buttons",
      reply_markup: {
        inline_keyboard: [
          [{ text: "Sections", url: `https://t.me/${bot}?start=sections` }],
          [{ text: "Search here", switch_inline_query_current_chat: "trump" }],
        ],
      },
    });
    await page.click("button[data-role=button][data-kind=url]");
    await expect.poll(readerTexts, STEP).toEqual(["/start sections"]);
    await page.click("button[data-role=button][data-kind=switch_inline]");
    await expect.poll(() => page.inputValue("[data-role=input]")).toBe(`@${bot} trump`);
  });

  it("hides a spoiler until it is clicked, and expands a collapsed quote", async () => {
    await open("en");
    const text = "The secret is out.\nline 1\nline 2\nline 3\nline 4\nline 5";
    await botSays({
      text,
      entities: [
        { type: "spoiler", offset: 4, length: 6 },
        { type: "expandable_blockquote", offset: 19, length: text.length - 19 },
      ],
    });
    const spoiler = page.locator("[data-role=spoiler]");
    expect(await spoiler.evaluate((e) => getComputedStyle(e).color)).toBe("rgba(0, 0, 0, 0)");
    await spoiler.click();
    await expect.poll(() => spoiler.getAttribute("data-revealed")).toBe("true");
    await expect.poll(() => spoiler.evaluate((e) => getComputedStyle(e).color)).not.toBe("rgba(0, 0, 0, 0)");

    const quote = page.locator("blockquote[data-expandable]");
    expect(await quote.getAttribute("data-expanded")).toBe("false");
    const collapsed = (await quote.boundingBox())?.height ?? 0;
    await page.click("[data-role=expand]");
    await expect.poll(() => quote.getAttribute("data-expanded")).toBe("true");
    expect((await quote.boundingBox())?.height ?? 0).toBeGreaterThan(collapsed + 20);
  });

  it("lists the command menu in the reader's language, falls back to the default list, and sends a pick", async () => {
    await open("en");
    await page.click("[data-role=commands-button]");
    const menu = page.locator("[data-role=command-menu]");
    await expect.poll(() => menu.isVisible()).toBe(true);
    expect(await menu.locator("[data-role=command][data-command=summary]").textContent()).toContain(
      "The story in brief",
    );
    await page.selectOption("[data-role=lang-picker]", "");
    await page.click("[data-role=commands-button]");
    await page.click("[data-role=commands-button]");
    // No language_code: the default list, which this bot registers in Arabic (DEFAULT_LOCALE ar).
    expect(await menu.locator("[data-role=command][data-command=summary]").textContent()).toMatch(
      /\p{Script=Arabic}/u,
    );
    await menu.locator("[data-role=command][data-command=help]").click();
    await expect.poll(readerTexts, STEP).toEqual(["/help"]);
  });

  it("shows a callback answer as a toast, an alert as a modal, and stops a spinner nobody answers", async () => {
    await open("en", "?callback-timeout=1500");
    await botSays({
      text: "Answers",
      reply_markup: {
        inline_keyboard: [
          [
            { text: "Toast", callback_data: "mock:toast:Saved." },
            { text: "Alert", callback_data: "mock:alert:Are you sure?" },
            { text: "Silent", callback_data: "mock:silent" },
          ],
        ],
      },
    });
    await page.click("button[data-callback-data='mock:toast:Saved.']");
    await expect.poll(() => page.locator("[data-role=toast]").allTextContents(), STEP).toEqual(["Saved."]);
    // A toast goes away by itself, as Telegram's does.
    await expect.poll(() => page.locator("[data-role=toast]").count(), STEP).toBe(0);

    await page.click("button[data-callback-data='mock:alert:Are you sure?']");
    const alert = page.locator("[data-role=alert]");
    await expect.poll(() => alert.isVisible(), STEP).toBe(true);
    expect(await alert.textContent()).toContain("Are you sure?");
    await page.click("[data-role=alert-ok]");
    await expect.poll(() => alert.count()).toBe(0);

    const silent = page.locator("button[data-callback-data='mock:silent']");
    await silent.click();
    await expect.poll(() => silent.getAttribute("data-pressed")).toBe("true");
    await expect.poll(() => silent.getAttribute("data-pressed"), STEP).toBeNull();
    expect(await page.locator("[data-role=notice]").last().textContent()).toContain("did not answer");
  });

  it("shows a call Telegram would refuse as a red notice with its error text and method", async () => {
    await open("en");
    await send("/start");
    await post("/mock/event", {
      type: "error",
      chatId: await chatId(),
      method: "editMessageText",
      errorCode: 400,
      description: 'Bad Request: can\'t parse entities: Unsupported start tag "x" at byte offset 3',
    });
    const notice = page.locator("[data-role=error]");
    await expect.poll(() => notice.count(), STEP).toBe(1);
    expect(await notice.getAttribute("data-method")).toBe("editMessageText");
    expect(await notice.textContent()).toContain('Unsupported start tag "x" at byte offset 3');
    expect(await notice.evaluate((e) => getComputedStyle(e).color)).toMatch(/^rgb\((1[5-9]\d|2\d\d),/);
  });

  it("queries inline mode while typing @bot …, shows the results, and sends the one picked via the bot", async () => {
    await open("en");
    const queries: string[] = [];
    page.on("request", (request) => {
      if (request.url().endsWith("/api/inline")) queries.push(JSON.parse(request.postData() ?? "{}").query);
    });
    await page.fill("[data-role=input]", `@${bot} peskov`);
    await expect.poll(() => queries, STEP).toEqual(["peskov"]);
    await post("/mock/event", {
      type: "inline-results",
      queryId: "last",
      results: [
        {
          type: "article",
          id: "quotes-peskov",
          title: "Dmitry Peskov",
          description: "2 quotes",
          input_message_content: { message_text: "Dmitry Peskov, quoted in the story" },
          reply_markup: {
            inline_keyboard: [[{ text: "Open", url: `https://t.me/${bot}?start=quotes-peskov` }]],
          },
        },
      ],
    });
    const result = page.locator(
      "[data-role=inline-results] [data-role=inline-result][data-result-id=quotes-peskov]",
    );
    await expect.poll(() => result.isVisible(), STEP).toBe(true);
    await result.click();
    await expect.poll(() => page.locator("[data-role=inline-results]").isVisible()).toBe(false);
    const sent = page.locator("[data-role=bubble][data-from=user]").last();
    expect(await sent.locator("[data-role=via]").textContent()).toBe(`via @${bot}`);
    expect(await sent.locator("[data-role=text]").textContent()).toBe("Dmitry Peskov, quoted in the story");
    expect(await sent.locator("button[data-role=button]").textContent()).toBe("Open");
    // The server made the message, so it is in the history.
    await page.reload();
    await page.waitForSelector("body[data-ready=true]", STEP);
    await expect.poll(() => page.locator("[data-role=bubble] [data-role=via]").count(), STEP).toBe(1);
  });

  it("writes in a group chat, addressing commands from the menu to the bot", async () => {
    await open("en");
    const chats: Array<{ type?: string }> = [];
    page.on("request", (request) => {
      if (request.url().endsWith("/api/message")) chats.push(JSON.parse(request.postData() ?? "{}").chat);
    });
    await page.selectOption("[data-role=chat-type]", "group");
    await page.click("[data-role=commands-button]");
    await page.click("[data-role=command-menu] [data-role=command][data-command=start]");
    await expect.poll(readerTexts, STEP).toEqual([`/start@${bot}`]);
    await page.waitForSelector("[data-role=bubble][data-from=bot]", STEP);
    expect(chats.map((c) => c.type)).toEqual(["group"]);
    await page.selectOption("[data-role=chat-type]", "private");
  });

  it("lays out an Arabic keyboard left to right in the order sent, each line taking its own direction", async () => {
    await open("ar");
    await send("/start");
    const menu = page.locator("[data-role=bubble][data-from=bot]").last();
    const lefts = await menu
      .locator("[data-role=row]")
      .first()
      .locator("button[data-role=button]")
      .evaluateAll((buttons) => buttons.map((b) => b.getBoundingClientRect().left));
    expect(lefts.length).toBe(2);
    expect(lefts[0]).toBeLessThan(lefts[1] ?? 0);
    const directions = await menu
      .locator("[data-role=line]")
      .evaluateAll((lines) =>
        lines.filter((l) => (l.textContent ?? "").trim() !== "").map((l) => getComputedStyle(l).direction),
      );
    expect(new Set(directions)).toEqual(new Set(["rtl"]));
  });
});
