/**
 * `npm start` with BOT_MODE=webhook, as a child process: Telegram's side is played by the test (POSTing
 * updates with the secret header) and the fake Bot API server (receiving the replies).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeBotApiServer, postUpdate, startFakeBotApiServer } from "../helpers/fake-bot-api-server.js";
import { postHead, rawClient } from "../helpers/slow-clients.js";
import { type BotProcess, killAllBots, msg, spawnBot, tempDataDir } from "../helpers/spawn-bot.js";
import * as updates from "../helpers/updates.js";

const SECRET = "khabar-webhook-secret-0123456789abcdef";
const WEBHOOK_URL = "https://bot.example.com/telegram/hook";

let api: FakeBotApiServer;
let bot: BotProcess;
let base: string;
let hook: string;
const data = tempDataDir();

beforeAll(async () => {
  api = await startFakeBotApiServer();
  bot = spawnBot({
    BOT_TOKEN: api.token,
    BOT_API_ROOT: api.apiRoot,
    BOT_MODE: "webhook",
    WEBHOOK_SECRET: SECRET,
    WEBHOOK_URL,
    WEBHOOK_PATH: "/hook",
    HOST: "127.0.0.1",
    PORT: "0",
    DATA_DIR: data.dir,
    LOG_LEVEL: "debug",
  });
  const listening = await bot.waitForLog(msg("webhook server listening"));
  base = `http://127.0.0.1:${String(listening.port)}`;
  hook = `${base}/hook`;
  await bot.waitForLog(msg("webhook registered with Telegram"));
});

afterAll(async () => {
  await killAllBots();
  await api.close();
  data.remove();
});

/** Lets a wrongly accepted update reach the fake API before asserting that nothing was sent. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe("webhook mode (npm start)", () => {
  it("registers the webhook with its secret and update types, and never polls", () => {
    expect(api.tg.webhook).toEqual({
      url: WEBHOOK_URL,
      secret_token: SECRET,
      allowed_updates: ["message", "callback_query", "inline_query", "guest_message", "my_chat_member"],
    });
    expect(api.tg.callsTo("getUpdates")).toEqual([]);
    expect(api.tg.callsTo("deleteWebhook")).toEqual([]);
  });

  it("registers the command menu at start", async () => {
    await bot.waitForLog(msg("command menu registered"));
    expect(api.tg.getCommands({ type: "default" }, "en").map((c) => c.command)).toContain("quotes");
    expect(api.tg.getCommands({ type: "default" }, "ar").length).toBeGreaterThan(0);
  });

  it("handles an update with the right secret: 200 and a reply", async () => {
    api.tg.clear();
    const response = await postUpdate(hook, updates.command("/start", { userId: 501 }), { secret: SECRET });
    expect(response.status).toBe(200);
    const reply = await api.waitForCall((c) => c.method === "sendMessage");
    expect(reply.payload.chat_id).toBe(501);
  });

  it("answers 401 to a wrong or missing secret and sends nothing", async () => {
    api.tg.clear();
    const wrong = await postUpdate(hook, updates.command("/start", { userId: 502 }), {
      secret: "x".repeat(40),
    });
    const missing = await postUpdate(hook, updates.command("/start", { userId: 502 }));
    expect([wrong.status, missing.status]).toEqual([401, 401]);
    await settle();
    expect(api.tg.calls).toEqual([]);
  });

  it("answers GET /healthz with JSON", async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(await response.json()).toEqual({
      status: "ok",
      mode: "webhook",
      storage: { kind: "sqlite", reachable: true },
      uptime_s: expect.any(Number),
    });
  });

  it("replies once to the same update_id posted twice", async () => {
    api.tg.clear();
    const update = updates.command("/help", { userId: 503 });
    const first = await postUpdate(hook, update, { secret: SECRET });
    const second = await postUpdate(hook, update, { secret: SECRET });
    expect([first.status, second.status]).toEqual([200, 200]);
    await settle();
    expect(api.tg.sentTo(503)).toHaveLength(1);
    await bot.waitForLog((l) => l.msg === "duplicate update skipped" && l.update_id === update.update_id);
  });

  it("answers 413 to an oversized body, 404 elsewhere, 405 to other methods", async () => {
    api.tg.clear();
    // A declared body of 2 MiB: the server answers 413 and closes without reading it, so the answer is read
    // on a raw connection (a client still writing the body may see its write cut instead of the answer).
    const { port } = new URL(hook);
    const oversized = rawClient(Number(port), (socket) => {
      socket.write(
        postHead("/hook", {
          "content-type": "application/json",
          "content-length": 2 * 1024 * 1024,
          "x-telegram-bot-api-secret-token": SECRET,
        }),
      );
      return undefined;
    });
    await oversized.closed;
    expect(oversized.received()).toMatch(/^HTTP\/1\.1 413 /);
    expect((await fetch(`${base}/elsewhere`)).status).toBe(404);
    expect((await fetch(hook)).status).toBe(405);
    await settle();
    expect(api.tg.calls).toEqual([]);
  });
});
