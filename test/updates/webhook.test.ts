import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createMemoryStore } from "../../src/storage/index.js";
import { createWebhookServer, type WebhookServer } from "../../src/updates/webhook.js";
import { postUpdate } from "../helpers/fake-bot-api-server.js";
import { createTestApp } from "../helpers/test-app.js";
import * as updates from "../helpers/updates.js";

const SECRET = "test-secret-0123456789-abcdefghijklmnop";
const servers: WebhookServer[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.stopAccepting();
    await server.closeConnections(100);
  }
});

async function serve(options: { timeoutMs?: number; store?: ReturnType<typeof createMemoryStore> } = {}) {
  const t = createTestApp(options.store ? { store: options.store } : {});
  const webhook = createWebhookServer({
    bot: t.bot,
    handleUpdate: t.durable.handleUpdate,
    store: t.store,
    logger: t.logger,
    path: "/hook",
    secretToken: SECRET,
    maxBodyBytes: 64 * 1024,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  });
  servers.push(webhook);
  await new Promise<void>((resolve) => webhook.server.listen(0, "127.0.0.1", resolve));
  const { port } = webhook.server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  return { ...t, webhook, base, hook: `${base}/hook` };
}

describe("webhook endpoint", () => {
  it("handles an update carrying the right secret", async () => {
    const s = await serve();
    const response = await postUpdate(s.hook, updates.command("/start"), { secret: SECRET });
    expect(response.status).toBe(200);
    expect(s.tg.callsTo("sendMessage")).toHaveLength(1);
  });

  it("answers 401 to a wrong or missing secret and handles nothing", async () => {
    const s = await serve();
    expect((await postUpdate(s.hook, updates.command("/start"), { secret: `${SECRET}x` })).status).toBe(401);
    expect((await postUpdate(s.hook, updates.command("/start"))).status).toBe(401);
    expect(s.tg.calls).toEqual([]);
    // At a bounded rate: the first at once, the next one only after the interval.
    expect(s.logs.filter((l) => l.msg.includes("secret token"))).toHaveLength(1);
  });

  it("answers 503 when the store cannot record the update, handles nothing, and takes the re-delivery", async () => {
    const store = createMemoryStore({ scope: "1000" });
    const admit = store.inbox.admit.bind(store.inbox);
    let failing = true;
    store.inbox.admit = (batch, lease) =>
      failing ? Promise.reject(new Error("store unavailable")) : admit(batch, lease);
    const s = await serve({ store });
    const update = updates.command("/start");
    expect((await postUpdate(s.hook, update, { secret: SECRET })).status).toBe(503);
    expect(s.tg.calls).toEqual([]);
    expect(s.logs.some((l) => l.msg.startsWith("cannot record the update in the store"))).toBe(true);
    failing = false;
    // Telegram re-delivers it: now recorded and answered, once.
    expect((await postUpdate(s.hook, update, { secret: SECRET })).status).toBe(200);
    expect(s.tg.callsTo("sendMessage")).toHaveLength(1);
  });

  it("handles a repeated update_id once", async () => {
    const s = await serve();
    const update = updates.command("/start");
    expect((await postUpdate(s.hook, update, { secret: SECRET })).status).toBe(200);
    expect((await postUpdate(s.hook, update, { secret: SECRET })).status).toBe(200);
    expect(s.tg.callsTo("sendMessage")).toHaveLength(1);
  });

  it("rejects bodies that are too large (413), not JSON or not an update (400)", async () => {
    const s = await serve();
    const big = { ...updates.command("/start"), padding: "x".repeat(65 * 1024) };
    expect((await postUpdate(s.hook, big as never, { secret: SECRET })).status).toBe(413);
    const post = (body: string) =>
      fetch(s.hook, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
        body,
      });
    expect((await post("{not json")).status).toBe(400);
    expect((await post('{"hello":1}')).status).toBe(400);
    expect(s.tg.calls).toEqual([]);
  });

  it("answers 404 elsewhere and 405 to other methods", async () => {
    const s = await serve();
    expect((await fetch(`${s.base}/other`, { method: "POST" })).status).toBe(404);
    const get = await fetch(s.hook);
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    const post = await fetch(`${s.base}/healthz`, { method: "POST" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
  });
});

describe("GET /healthz", () => {
  it("reports mode, storage and uptime", async () => {
    const s = await serve();
    const response = await fetch(`${s.base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: "ok",
      mode: "webhook",
      storage: { kind: "memory", reachable: true },
      uptime_s: expect.any(Number),
    });
  });

  it("answers 503 when storage is unreachable", async () => {
    const store = createMemoryStore({ scope: "1000" });
    const s = await serve({ store });
    await store.close();
    const response = await fetch(`${s.base}/healthz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: "unavailable", storage: { reachable: false } });
  });
});

describe("timeouts and shutdown", () => {
  it("answers 200 at the deadline and lets the slow update finish in the background", async () => {
    const s = await serve({ timeoutMs: 200 });
    s.tg.inject({ method: "sendMessage", fault: { kind: "delay", ms: 600 } });
    const began = Date.now();
    const response = await postUpdate(s.hook, updates.command("/start"), { secret: SECRET });
    expect(response.status).toBe(200);
    expect(Date.now() - began).toBeLessThan(550);
    expect(s.inFlight.size).toBe(1);
    expect(s.logs.some((l) => l.level === 40 && l.msg.startsWith("update still running"))).toBe(true);
    expect(await s.inFlight.idle(2000)).toBe(true);
    expect(s.tg.sent()).toHaveLength(1);
  });

  it("answers 503 to an update still arriving when shutdown begins, so Telegram re-sends it", async () => {
    const s = await serve();
    const body = JSON.stringify(updates.command("/start"));
    const response = new Promise<number>((resolve, reject) => {
      const req = request(s.hook, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          "x-telegram-bot-api-secret-token": SECRET,
        },
      });
      req.on("response", (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      // Half the body now: the server is reading this request when shutdown begins.
      req.write(body.slice(0, 10));
      setTimeout(() => {
        s.webhook.stopAccepting();
        req.end(body.slice(10));
      }, 50);
    });
    expect(await response).toBe(503);
    expect(s.tg.calls).toEqual([]);
  });
});
