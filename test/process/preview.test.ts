/**
 * The preview as a newcomer and an editor start it: the real process, no token, no Telegram. The page's
 * behaviour is covered in a browser (test/preview/browser.test.ts); here: how it starts, what it prints,
 * what it serves, and that it follows content changes.
 */
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Message } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { FAKE_BOT_TOKEN } from "../helpers/fake-telegram.js";
import { killAllBots, LEVEL, msg, spawnBot, tempDataDir } from "../helpers/spawn-bot.js";

const dirs: (() => void)[] = [];
afterEach(async () => {
  await killAllBots();
  for (const remove of dirs.splice(0)) remove();
});

function dataDir(): string {
  const { dir, remove } = tempDataDir();
  dirs.push(remove);
  return dir;
}

const editor = { id: 555, first_name: "Editor", language_code: "en" };

async function post(address: string, path: string, body: unknown): Promise<Response> {
  return fetch(`${address}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

/** The chat's history once the bot has answered at least `botMessages` times. */
async function botReplies(address: string, chatId: number, botMessages = 1): Promise<Message[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const body = (await (await fetch(`${address}/api/history?chat=${chatId}`)).json()) as {
      messages: Message[];
    };
    const replies = body.messages.filter((m) => m.from?.is_bot === true);
    if (replies.length >= botMessages) return replies;
    if (Date.now() > deadline) throw new Error(`no answer from the bot: ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function storyCopy(): { dir: string; file: string } {
  const dir = dataDir();
  cpSync("test/fixtures/stories/putin-trump-call", join(dir, "putin-trump-call"), { recursive: true });
  return { dir, file: join(dir, "putin-trump-call", "story.json") };
}

function retitle(file: string, title: string): void {
  const story = JSON.parse(readFileSync(file, "utf8")) as { title: Record<string, string> };
  story.title = { ...story.title, en: title };
  writeFileSync(file, JSON.stringify(story, null, 2));
}

/** The entry point as spawnBot runs it by default, for adding the preview's options. */
const MAIN = ["--import", "tsx", "src/main.ts"];

/** What the preview logs once it serves edited content. */
const RELOADED = /^stories reloaded \(content changed\)/;

/** Repeats an edit until `done` says it took effect (at most ~15 s). */
async function editUntil(edit: () => void, done: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 7; attempt++) {
    edit();
    if (await done()) return;
  }
  throw new Error("the preview never picked up the edit");
}

describe("the preview process", () => {
  it("starts without a token outside production, on loopback, and says how to switch to Telegram", async () => {
    const bot = spawnBot({ PORT: "0", DATA_DIR: dataDir() });
    const ready = await bot.waitForLog(msg("preview ready"), 30_000);
    const address = String(ready.address);
    expect(address).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // The line for people is written beside the log line; let it arrive.
    await expect
      .poll(
        () =>
          bot
            .output()
            .split("\n")
            .find((l) => l.startsWith("khabar preview:")) ?? "",
      )
      .toContain(address);
    const line = bot
      .output()
      .split("\n")
      .find((l) => l.startsWith("khabar preview:"));
    expect(line).toContain("BOT_TOKEN");

    const page = await fetch(address);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).toMatch(/<meta charset="utf-8"\s*\/?>/i);

    const sent = await post(address, "/api/message", {
      chat: { id: editor.id, type: "private" },
      from: editor,
      text: "/start",
    });
    expect(await sent.json()).toMatchObject({
      ok: true,
      message: { text: "/start", entities: [{ type: "bot_command", offset: 0, length: 6 }] },
    });
    const [menu] = await botReplies(address, editor.id);
    // The story's eight ways to read it and 🔔 Follow.
    expect(menu?.reply_markup?.inline_keyboard.flat()).toHaveLength(9);

    const info = (await (await fetch(`${address}/api/info`)).json()) as {
      bot: { username: string };
      commands: Record<string, unknown[]>;
      description: Record<string, string>;
      shortDescription: Record<string, string>;
    };
    expect(info.bot.username).toBe("khabar_preview_bot");
    // The page shows the description on an empty chat: set in both languages and the default.
    expect(info.description.ar).toContain("خبر");
    expect(info.description.en).toContain("Khabar");
    expect(info.description[""]).toBeTruthy();
    expect(info.shortDescription.en).toContain("Arabic and English");
    expect(info.commands.ar?.length).toBeGreaterThan(0);
    expect(info.commands.en?.length).toBeGreaterThan(0);

    bot.kill("SIGTERM");
    expect((await bot.waitForExit()).code).toBe(0);
  });

  it("does the same from the compiled bundle that npm start runs, page included", async () => {
    const bot = spawnBot({ PORT: "0", DATA_DIR: dataDir() }, ["scripts/start.mjs"]);
    // A build on a loaded machine can take a while.
    const address = String((await bot.waitForLog(msg("preview ready"), 80_000)).address);
    const page = await fetch(address);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("/page/");
    await post(address, "/api/message", {
      chat: { id: editor.id, type: "private" },
      from: editor,
      text: "/start",
    });
    const [menu] = await botReplies(address, editor.id);
    expect(menu?.reply_markup?.inline_keyboard.flat().length).toBeGreaterThan(0);
  }, 100_000);

  it("keeps the page's event stream open through quiet spells longer than the HTTP layer's idle limit", async () => {
    const bot = spawnBot({ PORT: "0", DATA_DIR: dataDir() });
    const address = String((await bot.waitForLog(msg("preview ready"), 30_000)).address);
    const stream = await fetch(`${address}/api/events`);
    const reader = stream.body?.getReader();
    if (!reader) throw new Error("no event stream");
    let text = "";
    const decoder = new TextDecoder();
    const reading = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        text += decoder.decode(value);
      }
    })();
    // Silent connections are cut after 10 s; the stream must outlive that.
    await new Promise((resolve) => setTimeout(resolve, 12_000));
    await post(address, "/api/message", {
      chat: { id: editor.id, type: "private" },
      from: editor,
      text: "/start",
    });
    await expect.poll(() => text, { timeout: 10_000 }).toContain('"type":"message"');
    expect(text).toContain(": keep-alive");
    await reader.cancel();
    await reading.catch(() => undefined);
  }, 40_000);

  it("answers bad page requests with 400 and a reason, never a crash", async () => {
    const bot = spawnBot({ PORT: "0", DATA_DIR: dataDir() });
    const address = String((await bot.waitForLog(msg("preview ready"), 30_000)).address);
    const empty = await post(address, "/api/message", {
      chat: { id: 1, type: "private" },
      from: editor,
      text: " ",
    });
    expect(empty.status).toBe(400);
    const noButton = await post(address, "/api/callback", {
      chat: { id: editor.id, type: "private" },
      from: editor,
      messageId: 99,
      data: "x",
    });
    expect(noButton.status).toBe(404);
    expect((await fetch(`${address}/page/..%2Fsimulator.ts`)).status).toBe(404);
    expect(bot.child.exitCode).toBeNull();
  });

  it("npm run preview -- --content <dir> previews that folder and rebuilds when a file changes", async () => {
    const { dir, file } = storyCopy();
    retitle(file, "Draft title one");
    // A token in the environment does not matter: the preview never talks to Telegram.
    const bot = spawnBot({ PORT: "0", DATA_DIR: dataDir(), BOT_TOKEN: FAKE_BOT_TOKEN }, [
      ...MAIN,
      "--preview",
      "--content",
      dir,
    ]);
    const ready = await bot.waitForLog(msg("preview ready"), 30_000);
    expect(ready.content).toBe(dir);
    const address = String(ready.address);

    const ask = async (text: string, n: number): Promise<string> => {
      await post(address, "/api/message", { chat: { id: editor.id, type: "private" }, from: editor, text });
      return (await botReplies(address, editor.id, n)).at(-1)?.text ?? "";
    };
    expect(await ask("/start", 1)).toContain("Draft title one");

    // A watcher may still be starting when the first edit lands; an editor saves again, and so does this.
    await editUntil(
      () => retitle(file, "Draft title two"),
      () =>
        bot.waitForLog(msg(RELOADED), 2000).then(
          () => true,
          () => false,
        ),
    );
    expect(await ask("/start", 2)).toContain("Draft title two");

    writeFileSync(file, "{ not json");
    const kept = await bot.waitForLog(msg(/its last good version stays live/), 15_000);
    expect(kept.level).toBe(LEVEL.error);
    expect(await ask("/start", 3)).toContain("Draft title two");
  });

  it("refuses an unknown option with one line", async () => {
    const bot = spawnBot({}, [...MAIN, "--preview", "--contnet", "x"]);
    expect((await bot.waitForExit()).code).toBe(1);
    const lines = bot.stderr().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("--contnet");
  });
});
