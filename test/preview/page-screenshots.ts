/**
 * Screenshots of the preview page against the mock server, to look at (not a test): the Arabic and the
 * English menu, a section walked with next, the quotes screen, an error notice and an entity showcase, in the
 * light and the dark theme. Written to test-results/preview-page/ (git-ignored).
 *
 *   npx tsx test/preview/page-screenshots.ts
 */
import { mkdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Page } from "playwright-core";
import { startMockServer } from "./mock-server.js";

const OUT = fileURLToPath(new URL("../../test-results/preview-page/", import.meta.url));
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];

/** Every entity type in one message, with Arabic and emoji before the entities to exercise UTF-16 offsets. */
function showcase(botUsername: string) {
  const parts: Array<[string, Record<string, unknown> | null]> = [
    ["👋 ", null],
    ["عريض", { type: "bold" }],
    [" و", null],
    ["مائل", { type: "italic" }],
    [" bold ", { type: "bold" }],
    ["italic", { type: "italic" }],
    [" ", null],
    ["under", { type: "underline" }],
    [" ", null],
    ["struck", { type: "strikethrough" }],
    [" ", null],
    ["secret", { type: "spoiler" }],
    [" ", null],
    ["code()", { type: "code" }],
    ["\nLinks: ", null],
    ["example.com", { type: "url" }],
    [", ", null],
    ["the summary", { type: "text_link", url: `https://t.me/${botUsername}?start=summary` }],
    [", ", null],
    ["/help", { type: "bot_command" }],
    [", ", null],
    ["@durov", { type: "mention" }],
    [", ", null],
    ["#news", { type: "hashtag" }],
    [" ", null],
    ["$USD", { type: "cashtag" }],
    [", ", null],
    ["a@b.org", { type: "email" }],
    ["\n", null],
    ["«اقتباس» قال المتحدث\nسطر ثانٍ من الاقتباس", { type: "blockquote" }],
    ["\n", null],
    ["Long quote line 1\nline 2\nline 3\nline 4\nline 5", { type: "expandable_blockquote" }],
    ["\n", null],
    ['const story = load("putin-trump-call");\nconsole.log(story.title);', { type: "pre", language: "ts" }],
  ];
  let text = "";
  const entities: Array<Record<string, unknown>> = [];
  for (const [part, entity] of parts) {
    if (entity) entities.push({ ...entity, offset: text.length, length: part.length });
    text += part;
  }
  return {
    message_id: 0,
    date: Math.floor(Date.now() / 1000),
    from: { id: 1000, is_bot: true, first_name: "Khabar", username: botUsername },
    text,
    entities,
    reply_markup: {
      inline_keyboard: [
        [
          { text: "Stale button", callback_data: "zz" },
          { text: "Open site", url: "https://example.com" },
        ],
        [
          { text: "Share", switch_inline_query: "trump" },
          { text: "Copy link", copy_text: { text: `https://t.me/${botUsername}?start=menu` } },
        ],
      ],
    },
  };
}

async function lastBot(page: Page) {
  return page.locator("[data-role=bubble][data-from=bot]").last();
}

/** Presses a button of the last bot message whose callback data matches, and waits for the answer. */
async function press(page: Page, data: RegExp) {
  const bubble = await lastBot(page);
  const buttons = bubble.locator("button[data-role=button][data-kind=callback]");
  const count = await buttons.count();
  for (let i = 0; i < count; i++) {
    const button = buttons.nth(i);
    if (data.test((await button.getAttribute("data-callback-data")) ?? "")) {
      await button.click();
      await page.waitForFunction('!document.querySelector("[data-pressed=true]")');
      await page.waitForTimeout(150);
      return;
    }
  }
  throw new Error(`no button matching ${data}`);
}

async function send(page: Page, text: string) {
  const before = await page.locator("[data-role=bubble][data-from=bot]").count();
  await page.fill("[data-role=input]", text);
  await page.press("[data-role=input]", "Enter");
  await page.waitForFunction(
    `document.querySelectorAll("[data-role=bubble][data-from=bot]").length > ${before}`,
  );
  await page.waitForTimeout(150);
}

async function fresh(page: Page, lang: string) {
  await page.click("[data-role=new-reader]");
  await page.selectOption("[data-role=lang-picker]", lang);
  await page.waitForTimeout(200);
}

async function main() {
  await mkdir(OUT, { recursive: true });
  const mock = await startMockServer();
  const profile = join(tmpdir(), `khabar-shots-${process.pid}`);
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    args: ARGS,
    headless: true,
    viewport: { width: 520, height: 900 },
  });
  try {
    for (const scheme of ["light", "dark"] as const) {
      const page = await browser.newPage();
      await page.emulateMedia({ colorScheme: scheme });
      page.on("pageerror", (error) => console.error(`page error: ${error.message}`));
      page.on("console", (message) => {
        if (message.type() === "error") console.error(`page console: ${message.text()}`);
      });
      await page.goto(mock.url);
      await page.waitForSelector("body[data-ready=true]");
      const shot = (name: string) => page.screenshot({ path: join(OUT, `${scheme}-${name}.png`) });

      await page.selectOption("[data-role=chat-type]", "private");
      await fresh(page, "ar");
      await shot("empty-ar");
      await send(page, "/start");
      await shot("menu-ar");

      await press(page, /^t$/);
      await press(page, /^s:/);
      await press(page, /^s:/);
      await shot("section-ar");

      await fresh(page, "en");
      await send(page, "/start");
      await shot("menu-en");
      await press(page, /^t$/);
      await press(page, /^s:/);
      await press(page, /^s:/);
      await shot("section-en");

      await send(page, "/quotes");
      await press(page, /^q:/);
      await shot("quotes-en");

      const chatId = Number(await page.evaluate('JSON.parse(localStorage.getItem("khabar-preview")).userId'));
      const info = (await (await fetch(`${mock.url}/api/info`)).json()) as { bot: { username: string } };
      await fetch(`${mock.url}/mock/event`, {
        method: "POST",
        body: JSON.stringify({ type: "message", chatId, message: showcase(info.bot.username) }),
      });
      await fetch(`${mock.url}/mock/event`, {
        method: "POST",
        body: JSON.stringify({
          type: "error",
          chatId,
          method: "sendMessage",
          errorCode: 400,
          description: "Bad Request: message is too long",
        }),
      });
      await page.waitForSelector("[data-role=error]", { timeout: 5000 }).catch(async (error) => {
        await shot("failure");
        console.error(await page.evaluate("document.body.dataset.ready"), chatId);
        throw error;
      });
      await page.locator("[data-role=spoiler]").first().click();
      await shot("entities-error");
      await page.locator("button[data-callback-data=zz]").click();
      await page.waitForSelector("[data-role=toast]");
      await shot("toast");
      // Later screens without it: a toast goes by itself after a few seconds.
      await page.waitForSelector("[data-role=toast]", { state: "detached", timeout: 10_000 });
      await page.click("[data-role=commands-button]");
      await shot("commands");
      await page.click("[data-role=commands-button]");

      await page.fill("[data-role=input]", `@${info.bot.username} trump`);
      await page.waitForTimeout(800);
      await fetch(`${mock.url}/mock/event`, {
        method: "POST",
        body: JSON.stringify({
          type: "inline-results",
          queryId: "last",
          results: [
            {
              type: "article",
              id: "quotes-trump",
              title: "Donald Trump: 7 quotes",
              description: "“We agreed to have our respective teams start negotiations immediately”",
              input_message_content: { message_text: "Donald Trump, quoted in the story", entities: [] },
              reply_markup: {
                inline_keyboard: [
                  [{ text: "Open in the bot", url: `https://t.me/${info.bot.username}?start=quotes-trump` }],
                ],
              },
            },
            {
              type: "article",
              id: "person-trump",
              title: "دونالد ترامب",
              description: "الرئيس الأمريكي",
              input_message_content: { message_text: "دونالد ترامب: الرئيس الأمريكي" },
            },
          ],
          button: { text: "Open the bot", start_parameter: "menu" },
        }),
      });
      await page.waitForSelector("[data-role=inline-result]");
      await shot("inline");
      await page.locator("[data-role=inline-result]").first().click();
      await page.waitForTimeout(200);
      await shot("inline-sent");

      await page.evaluate(
        'import("/page/overlays.js").then((m) => m.showAlert(document, "تنبيه: هذا نص تنبيه طويل بعض الشيء.\\nSecond line"))',
      );
      await page.waitForSelector("[data-role=alert]");
      await shot("alert");
      await page.click("[data-role=alert-ok]");

      await page.selectOption("[data-role=chat-type]", "group");
      await page.waitForTimeout(300);
      await page.click("[data-role=commands-button]");
      await page.click("[data-role=command-menu] [data-role=command][data-command=start]");
      await page.waitForSelector("[data-role=bubble][data-from=bot]");
      await send(page, "/people");
      await shot("group");

      await page.setViewportSize({ width: 360, height: 740 });
      await page.selectOption("[data-role=chat-type]", "private");
      await fresh(page, "ar");
      await send(page, "/sections");
      await shot("narrow-ar");
      await page.setViewportSize({ width: 520, height: 900 });
      await page.close();
    }
  } finally {
    await browser.close();
    await mock.close();
    await rm(profile, { recursive: true, force: true });
  }
  console.log(`screenshots in ${OUT}`);
}

await main();
