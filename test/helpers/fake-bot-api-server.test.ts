import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Bot, GrammyError } from "grammy";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type FakeBotApiServer, postUpdate, startFakeBotApiServer } from "./fake-bot-api-server.js";
import { ERRORS, FAKE_BOT_TOKEN } from "./fake-telegram.js";
import * as updates from "./updates.js";

interface Body {
  ok: boolean;
  result?: unknown;
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number };
}

describe("fake Bot API server", () => {
  let server: FakeBotApiServer;
  /** POSTs JSON to a method, as grammY does. */
  const api = async (method: string, payload: Record<string, unknown> = {}, token = FAKE_BOT_TOKEN) => {
    const res = await fetch(`${server.apiRoot}/bot${token}/${method}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(payload),
    });
    return { status: res.status, body: (await res.json()) as Body };
  };
  const updateIds = (body: Body) => (body.result as { update_id: number }[]).map((u) => u.update_id);

  beforeEach(async () => {
    updates.resetUpdateIds();
    server = await startFakeBotApiServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it("listens on 127.0.0.1 on an ephemeral port and answers getMe", async () => {
    expect(server.apiRoot).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const { status, body } = await api("getMe");
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, result: { id: 1000, username: "khabar_test_bot" } });
  });

  it("answers a wrong token with 401 Unauthorized", async () => {
    const { status, body } = await api("getMe", {}, "1000:wrong");
    expect(status).toBe(401);
    expect(body).toEqual({ ok: false, error_code: 401, description: "Unauthorized" });
  });

  it("returns errors with their HTTP status and Telegram's body", async () => {
    const { status, body } = await api("sendMessage", { chat_id: 42, text: "" });
    expect(status).toBe(400);
    expect(body).toEqual({ ok: false, error_code: 400, description: ERRORS.textEmpty });
    server.tg.inject({ method: "sendMessage", fault: { kind: "error", error_code: 429, retry_after: 2 } });
    const limited = await api("sendMessage", { chat_id: 42, text: "x" });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({
      description: "Too Many Requests: retry after 2",
      parameters: { retry_after: 2 },
    });
    expect((await api("nope")).body).toMatchObject({ error_code: 404, description: ERRORS.methodNotFound });
  });

  it("accepts form bodies and query strings too", async () => {
    const form = new URLSearchParams({
      chat_id: "42",
      text: "form",
      reply_markup: JSON.stringify({ inline_keyboard: [[{ text: "a", callback_data: "a" }]] }),
    });
    const res = await fetch(`${server.apiRoot}/bot${FAKE_BOT_TOKEN}/sendMessage`, {
      method: "POST",
      body: form,
    });
    expect(await res.json()).toMatchObject({
      ok: true,
      result: { text: "form", reply_markup: { inline_keyboard: [[{ callback_data: "a" }]] } },
    });
    const query = await fetch(`${server.apiRoot}/bot${FAKE_BOT_TOKEN}/sendMessage?chat_id=42&text=query`);
    expect(await query.json()).toMatchObject({ ok: true, result: { text: "query", chat: { id: 42 } } });
  });

  it("destroys the connection on a drop fault", async () => {
    server.tg.inject({ method: "getMe", fault: { kind: "drop" } });
    await expect(api("getMe")).rejects.toThrow(TypeError);
    expect((await api("getMe")).status).toBe(200);
  });

  describe("getUpdates", () => {
    it("confirms with offset and caps with limit", async () => {
      const ids = [1, 2, 3].map((i) => server.pushUpdate(updates.message(`m${i}`)));
      expect(ids).toEqual([1, 2, 3]);
      expect(updateIds((await api("getUpdates", { limit: 2 })).body)).toEqual([1, 2]);
      // Without a higher offset nothing is confirmed: the same updates come back.
      expect(updateIds((await api("getUpdates", {})).body)).toEqual([1, 2, 3]);
      expect(updateIds((await api("getUpdates", { offset: 3 })).body)).toEqual([3]);
      expect(updateIds((await api("getUpdates", { offset: 4 })).body)).toEqual([]);
      expect(server.tg.pendingUpdates).toHaveLength(0);
      // Ids that would go backwards are replaced so the bot's offset never skips an update.
      expect(server.pushUpdate(updates.message("late", { updateId: 2 }))).toBe(4);
      expect(server.pushUpdate({ message: updates.message("no id").message })).toBe(5);
    });

    it("holds a long poll until an update arrives", async () => {
      const started = performance.now();
      const poll = api("getUpdates", { timeout: 10 });
      await vi.waitFor(() => expect(server.tg.isPolling).toBe(true), { timeout: 2000, interval: 5 });
      server.pushUpdate(updates.message("wake up"));
      const { body } = await poll;
      expect(body.result).toEqual([
        expect.objectContaining({ message: expect.objectContaining({ text: "wake up" }) }),
      ]);
      expect(performance.now() - started).toBeLessThan(2000);
    });

    it("ends an idle long poll with [] after the timeout", async () => {
      const started = performance.now();
      const { body } = await api("getUpdates", { timeout: 0.15 }); // the fake accepts fractions, for fast tests
      const elapsed = performance.now() - started;
      expect(body).toEqual({ ok: true, result: [] });
      expect(elapsed).toBeGreaterThanOrEqual(140);
      expect(elapsed).toBeLessThan(1000);
    });

    it("answers the older of two concurrent polls with 409", async () => {
      const first = api("getUpdates", { timeout: 10 });
      await vi.waitFor(() => expect(server.tg.isPolling).toBe(true), { timeout: 2000, interval: 5 });
      const second = api("getUpdates", { timeout: 10 });
      const firstResult = await first;
      expect(firstResult.status).toBe(409);
      expect(firstResult.body).toEqual({ ok: false, error_code: 409, description: ERRORS.conflictOtherPoll });
      server.pushUpdate(updates.message("for the survivor"));
      expect((await second).body.result).toHaveLength(1);
    });

    it("refuses getUpdates while a webhook is set", async () => {
      await api("setWebhook", { url: "https://bot.example.com/hook" });
      const { status, body } = await api("getUpdates", {});
      expect(status).toBe(409);
      expect(body.description).toBe(ERRORS.conflictWebhook);
      await api("deleteWebhook", {});
      expect((await api("getUpdates", {})).status).toBe(200);
    });

    it("respects allowed_updates", async () => {
      await api("getUpdates", { allowed_updates: ["callback_query"] });
      server.pushUpdate(updates.message("ignored"));
      server.pushUpdate(updates.callback("x"));
      const { body } = await api("getUpdates", {});
      expect(body.result).toEqual([expect.objectContaining({ callback_query: expect.anything() })]);
    });
  });

  it("makes a grammY bot exit with 409 when another instance polls", async () => {
    const bot = new Bot(FAKE_BOT_TOKEN, { client: { apiRoot: server.apiRoot } });
    const running = bot.start({ timeout: 10 });
    // Once the bot's long poll is waiting on the server, a rival poll (a second instance) kicks it out.
    await vi.waitFor(() => expect(server.tg.isPolling).toBe(true), { timeout: 2000, interval: 5 });
    const rival = api("getUpdates", { timeout: 0 });
    await expect(running).rejects.toBeInstanceOf(GrammyError);
    await expect(running).rejects.toMatchObject({ error_code: 409 });
    await rival;
  });

  it("serves a grammY bot over HTTP with long polling", async () => {
    const bot = new Bot(FAKE_BOT_TOKEN, { client: { apiRoot: server.apiRoot } });
    bot.command("start", (ctx) => ctx.reply("hi"));
    bot.on("callback_query:data", (ctx) => ctx.answerCallbackQuery());
    const running = bot.start({ timeout: 30 });
    server.pushUpdate(updates.command("/start"));
    const sent = await server.waitForCall((c) => c.method === "sendMessage");
    expect(sent.result).toMatchObject({ text: "hi", chat: { id: 42 } });
    const press = updates.callback("p:1");
    server.pushUpdate(press);
    await server.waitForCall((c) => c.method === "answerCallbackQuery");
    expect(server.tg.answeredCallbackQueries.get(press.callback_query.id)).toBe(1);
    expect(server.tg.callsTo("getMe")).toHaveLength(1);
    const started = performance.now();
    await bot.stop();
    await running;
    expect(performance.now() - started).toBeLessThan(1000);
    expect(server.tg.violations).toEqual([]);
  });

  it("rejects waitForCall with the methods it saw", async () => {
    await api("getMe");
    await api("getUpdates", {});
    await expect(server.waitForCall((c) => c.method === "sendMessage", 50)).rejects.toThrow(
      /no matching call within 50 ms\. Calls seen \(2\): getMe, getUpdates\./,
    );
  });

  it("closes promptly with a long poll pending", async () => {
    const poll = api("getUpdates", { timeout: 30 }).catch((error: unknown) => error);
    await vi.waitFor(() => expect(server.tg.isPolling).toBe(true), { timeout: 2000, interval: 5 });
    const started = performance.now();
    await server.close();
    await poll;
    expect(performance.now() - started).toBeLessThan(500);
    await server.close(); // idempotent
  });

  it("posts updates to a webhook with the secret header", async () => {
    const received: { secret: string | undefined; body: string }[] = [];
    const hook = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => {
        body += chunk.toString();
      });
      req.on("end", () => {
        const header = req.headers["x-telegram-bot-api-secret-token"];
        received.push({ secret: Array.isArray(header) ? header[0] : header, body });
        res.end("ok");
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = hook.address() as AddressInfo;
      const update = updates.message("via webhook");
      const answer = await postUpdate(`http://127.0.0.1:${port}/hook`, update, { secret: "s3cret" });
      expect(answer).toEqual({ status: 200, body: "ok" });
      expect(received[0]?.secret).toBe("s3cret");
      expect(JSON.parse(received[0]?.body ?? "")).toEqual(update);
    } finally {
      await new Promise((resolve) => hook.close(resolve));
    }
  });
});
