/**
 * `npm start` in long-polling mode, as a child process against the fake Bot API server: configuration
 * errors, the first reply, a conversation surviving SIGKILL, and a second poller.
 */
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { type FakeBotApiServer, startFakeBotApiServer } from "../helpers/fake-bot-api-server.js";
import { FAKE_BOT_TOKEN } from "../helpers/fake-telegram.js";
import { killAllBots, LEVEL, msg, spawnBot, tempDataDir } from "../helpers/spawn-bot.js";
import { createTestApp, story } from "../helpers/test-app.js";
import * as updates from "../helpers/updates.js";

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  await killAllBots();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function fakeApi(): Promise<FakeBotApiServer> {
  const api = await startFakeBotApiServer();
  cleanups.push(() => api.close());
  return api;
}

function dataDir(): string {
  const data = tempDataDir();
  cleanups.push(data.remove);
  return data.dir;
}

function startPolling(api: FakeBotApiServer, dir: string, env: Record<string, string> = {}) {
  return spawnBot({ BOT_TOKEN: api.token, BOT_API_ROOT: api.apiRoot, DATA_DIR: dir, ...env });
}

/** Rows in the SQLite store's conversation namespace: the conversation's state was committed. */
function storedConversations(dir: string): number {
  const db = new Database(`${dir}/khabar.sqlite`, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare("SELECT count(*) AS n FROM kv WHERE ns = ?").get("1000:conv") as { n: number };
    return row.n;
  } finally {
    db.close();
  }
}

async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe("configuration errors", () => {
  it("in production, explains in one line how to get a token when BOT_TOKEN is missing, and exits 1", async () => {
    const bot = spawnBot({ NODE_ENV: "production" });
    const exit = await bot.waitForExit();
    expect(exit.code).toBe(1);
    const lines = bot.stderr().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("@BotFather");
    expect(lines[0]).toContain("BOT_TOKEN");
  });

  it("gives one clear message per bad variable, never a secret's value, and exits 1", async () => {
    const bot = spawnBot({
      BOT_TOKEN: FAKE_BOT_TOKEN,
      BOT_MODE: "webhook",
      PORT: "abc",
      WEBHOOK_SECRET: "too-short-secret",
    });
    const exit = await bot.waitForExit();
    expect(exit.code).toBe(1);
    const lines = bot.stderr().trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines.find((l) => l.includes("PORT"))).not.toContain("abc");
    expect(lines.find((l) => l.includes("WEBHOOK_SECRET"))).toContain("32 to 256 characters");
    expect(bot.output()).not.toContain("too-short-secret");
    expect(bot.output()).not.toContain(FAKE_BOT_TOKEN);
  });

  it("refuses to start when its only story is broken, listing every problem", async () => {
    const dir = dataDir();
    const storyDir = join(dir, "putin-trump-call");
    cpSync("test/fixtures/stories/putin-trump-call", storyDir, { recursive: true });
    const file = join(storyDir, "story.json");
    const broken = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    delete broken.title;
    delete broken.standfirst;
    writeFileSync(file, JSON.stringify(broken));
    const bot = spawnBot({ BOT_TOKEN: FAKE_BOT_TOKEN, CONTENT_DIR: dir, DATA_DIR: dataDir() });
    expect((await bot.waitForExit()).code).toBe(1);
    const problems = bot.stderr().trim().split("\n");
    expect(problems).toHaveLength(2);
    expect(problems.find((l) => l.includes("story.json title"))).toBeDefined();
    expect(problems.find((l) => l.includes("story.json standfirst"))).toBeDefined();
    const fatal = await bot.waitForLog((l) => l.level === LEVEL.fatal);
    expect(fatal).toMatchObject({ problems: 2, msg: "no story is valid: not starting" });
  });

  it("does not echo a malformed token", async () => {
    const bot = spawnBot({ BOT_TOKEN: "12345:not-a-real-token" });
    expect((await bot.waitForExit()).code).toBe(1);
    expect(bot.stderr()).toContain("BOT_TOKEN does not look like a bot token");
    expect(bot.output()).not.toContain("not-a-real-token");
  });
});

describe("long polling (npm start)", () => {
  it("exits 1 with a clear line when Telegram rejects the token (401)", async () => {
    const api = await fakeApi();
    const bot = spawnBot({
      BOT_TOKEN: "1000:AAwrong-token-for-the-fake-server",
      BOT_API_ROOT: api.apiRoot,
      DATA_DIR: dataDir(),
    });
    expect((await bot.waitForExit()).code).toBe(1);
    const fatal = await bot.waitForLog((l) => l.level === LEVEL.fatal);
    expect(fatal.msg).toContain("Telegram rejected BOT_TOKEN (401 Unauthorized");
    expect(bot.output()).not.toContain("AAwrong-token-for-the-fake-server");
  });

  it("deletes the webhook, then answers /start with the main menu, even without a command menu", async () => {
    const api = await fakeApi();
    api.tg.webhook = { url: "https://old.example.com/hook" };
    // A Bot API server lacking setMyCommands: a warning, and the bot goes on.
    api.tg.inject({
      method: "setMyCommands",
      fault: { kind: "error", error_code: 404, description: "Not Found: method not found" },
      times: Number.POSITIVE_INFINITY,
    });
    const bot = startPolling(api, dataDir());
    await bot.waitForLog(msg("polling for updates"));
    expect(api.tg.webhook).toBeUndefined();
    api.pushUpdate(updates.command("/start"));
    const reply = await api.waitForCall((c) => c.method === "sendMessage");

    const expected = (await createTestApp().send(updates.command("/start"))).find(
      (c) => c.method === "sendMessage",
    );
    expect(reply.payload.reply_markup).toEqual(expected?.payload.reply_markup);
    expect(reply.payload.text).toBe(expected?.payload.text);
    const data = (reply.payload.reply_markup as { inline_keyboard: Array<Array<{ callback_data: string }>> })
      .inline_keyboard;
    expect(data.flat().length).toBeGreaterThan(3);
    const warning = await bot.waitForLog(msg(/^could not register the command menu/));
    expect(warning.level).toBe(LEVEL.warn);
  });

  it("sends deleteWebhook alongside getMe, and once more after getMe when that early call failed", async () => {
    const api = await fakeApi();
    api.tg.webhook = { url: "https://old.example.com/hook" };
    // A 400 is not retried: the early call fails for good, and start-up sends it again once getMe is done.
    api.tg.inject({
      method: "deleteWebhook",
      fault: { kind: "error", error_code: 400, description: "Bad Request: try again" },
    });
    const bot = startPolling(api, dataDir());
    await bot.waitForLog(msg("polling for updates"));
    expect(api.tg.webhook).toBeUndefined();
    const deletes = api.tg.callsTo("deleteWebhook");
    expect(deletes.map((c) => c.error?.error_code ?? "ok")).toEqual([400, "ok"]);
    const getMe = api.tg.callsTo("getMe")[0];
    expect(getMe).toBeDefined();
    // The second one went out only after getMe had been answered.
    expect(deletes[1]?.at ?? 0).toBeGreaterThanOrEqual(getMe?.at ?? Number.POSITIVE_INFINITY);
  });

  it("registers its description in both languages, and a failure there is a warning", async () => {
    const api = await fakeApi();
    api.tg.inject({
      method: "setMyShortDescription",
      fault: { kind: "error", error_code: 404, description: "Not Found: method not found" },
      times: Number.POSITIVE_INFINITY,
    });
    const bot = startPolling(api, dataDir());
    const warning = await bot.waitForLog(msg(/^could not register the bot description/), 30_000);
    expect(warning.level).toBe(LEVEL.warn);
    // The Arabic description went through before the short one failed; the bot still answers.
    expect(api.tg.profile.description.get("ar")).toContain(story.data.title.ar);
    await bot.waitForLog(msg("polling for updates"));
    api.pushUpdate(updates.command("/start"));
    await api.waitForCall((c) => c.method === "sendMessage");
  });

  it("continues a /quotes conversation after SIGKILL and a restart on the same DATA_DIR", async () => {
    const api = await fakeApi();
    const dir = dataDir();
    const first = startPolling(api, dir);
    await first.waitForLog(msg("polling for updates"));
    api.pushUpdate(updates.command("/quotes"));
    const question = await api.waitForCall((c) => c.method === "sendMessage");
    expect(String(question.payload.text)).toContain("اقتباسات مَن تريد");
    // The polling process holds its file exclusively, so the state cannot be watched from here; a kill
    // before the conversation state commits leaves /quotes in the inbox, and the restart asks again.
    await new Promise((resolve) => setTimeout(resolve, 300));
    first.kill("SIGKILL");
    expect((await first.waitForExit()).signal).toBe("SIGKILL");

    api.tg.clear();
    const second = startPolling(api, dir);
    await second.waitForLog(msg("polling for updates"));
    api.pushUpdate(updates.message("بيسكوف"));
    const peskov = story.quotesBy.get("peskov") ?? [];
    expect(peskov.length).toBeGreaterThan(0);
    const firstQuote = peskov[0]?.ar ?? "";
    const answer = await api.waitForCall(
      (c) => c.method === "sendMessage" && String(c.payload.text).includes(firstQuote),
    );
    for (const quote of peskov) expect(String(answer.payload.text)).toContain(quote.ar);
    second.kill("SIGTERM");
    expect((await second.waitForExit()).code).toBe(0);
    // Finished conversations leave no state behind.
    expect(storedConversations(dir)).toBe(0);
  });

  it("holds its SQLite file alone: no memory-mapped -shm, and a second bot on the same DATA_DIR exits 1", async () => {
    const api = await fakeApi();
    const dir = dataDir();
    const bot = startPolling(api, dir);
    await bot.waitForLog(msg("polling for updates"));
    api.pushUpdate(updates.command("/help"));
    await api.waitForCall((c) => c.method === "sendMessage");
    // The WAL index lives in the process's memory: there is no -shm to truncate (which was a SIGBUS).
    expect(existsSync(join(dir, "khabar.sqlite-shm"))).toBe(false);
    const other = startPolling(api, dir);
    expect((await other.waitForExit(20_000)).code).toBe(1);
    const fatal = await other.waitForLog((l) => l.level === LEVEL.fatal);
    expect(fatal.msg).toContain("in use by another process");
  }, 30_000);

  it("exits non-zero with a clear line when another poller takes over (409), without spinning", async () => {
    const api = await fakeApi();
    const bot = startPolling(api, dataDir());
    await bot.waitForLog(msg("polling for updates"));
    await until(() => api.tg.isPolling);
    // A second poller: Telegram answers the older long poll with 409 Conflict.
    const began = Date.now();
    const other = fetch(`${api.apiRoot}/bot${api.token}/getUpdates?timeout=1`);
    const exit = await bot.waitForExit(8000);
    expect(exit.at - began).toBeLessThan(3000);
    expect(exit.code).toBe(1);
    const fatal = await bot.waitForLog((l) => l.level === LEVEL.fatal);
    expect(fatal.msg).toContain("409 Conflict");
    expect(fatal.msg).toContain("another process is polling");
    // The bot polled once before the conflict and never again.
    expect(api.tg.callsTo("getUpdates").filter((c) => c.error?.error_code === 409)).toHaveLength(1);
    await (await other).text();
  });
});
