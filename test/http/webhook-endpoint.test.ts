/**
 * The webhook's HTTP layer in process (Hono on a Node server), with small limits so deadlines pass quickly.
 */
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { HttpLimits } from "../../src/http/limits.js";
import { createWebhookServer, type WebhookServer } from "../../src/updates/webhook.js";
import { postUpdate } from "../helpers/fake-bot-api-server.js";
import { postHead, rawClient, trickle } from "../helpers/slow-clients.js";
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

async function serve(limits: Partial<HttpLimits> = {}) {
  const t = createTestApp();
  const webhook = createWebhookServer({
    bot: t.bot,
    handleUpdate: t.durable.handleUpdate,
    store: t.store,
    logger: t.logger,
    path: "/hook",
    secretToken: SECRET,
    maxBodyBytes: 64 * 1024,
    limits: {
      headersTimeoutMs: 1000,
      requestTimeoutMs: 2000,
      idleTimeoutMs: 1000,
      socketTimeoutMs: 3000,
      ...limits,
    },
  });
  servers.push(webhook);
  await new Promise<void>((resolve) => webhook.server.listen(0, "127.0.0.1", resolve));
  const { port } = webhook.server.address() as AddressInfo;
  return { ...t, webhook, port, hook: `http://127.0.0.1:${port}/hook` };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("webhook HTTP layer", () => {
  it("answers 5xx, never 200, when handleUpdate rejects, so Telegram re-delivers", async () => {
    const s = await serve();
    // What a store that cannot record the update does (see the durable inbox): handleUpdate rejects.
    s.bot.handleUpdate = () => Promise.reject(new Error("store cannot record the update"));
    const response = await postUpdate(s.hook, updates.command("/start"), { secret: SECRET });
    expect(response.status).toBeGreaterThanOrEqual(500);
    expect(s.logs.some((l) => l.level === 50 && l.msg.startsWith("webhook update not taken"))).toBe(true);
  });

  it("answers a stranger 401 from the headers alone and closes the connection without reading the body", async () => {
    const s = await serve();
    const client = rawClient(s.port, (socket) => {
      socket.write(postHead("/hook", { "content-type": "application/json", "content-length": 1024 * 1024 }));
      return trickle(socket, Buffer.alloc(16 * 1024, "x"), 200, 1024 * 1024, 10_000);
    });
    const closedAt = await client.closed;
    expect(client.received()).toMatch(/^HTTP\/1\.1 401 /);
    expect(client.received().toLowerCase()).toContain("connection: close");
    expect(closedAt - client.openedAt).toBeLessThan(1500);
  });

  it("answers 413 to a chunked body past the limit", async () => {
    const s = await serve();
    const client = rawClient(s.port, (socket) => {
      socket.write(
        postHead("/hook", {
          "content-type": "application/json",
          "transfer-encoding": "chunked",
          "x-telegram-bot-api-secret-token": SECRET,
        }),
      );
      const piece = "x".repeat(16 * 1024);
      const frame = `${piece.length.toString(16)}\r\n${piece}\r\n`;
      return trickle(socket, frame, 5, 10 * frame.length, 5000);
    });
    await Promise.race([client.closed, sleep(5000)]);
    client.stop();
    expect(client.received()).toMatch(/^HTTP\/1\.1 413 /);
    expect(s.tg.calls).toEqual([]);
  });

  it("cuts an authenticated body that trickles past the request deadline, and handles nothing", async () => {
    const s = await serve();
    const client = rawClient(s.port, (socket) => {
      socket.write(
        postHead("/hook", {
          "content-type": "application/json",
          "content-length": 100,
          "x-telegram-bot-api-secret-token": SECRET,
        }),
      );
      return trickle(socket, "{", 200);
    });
    const closedAt = await Promise.race([client.closed, sleep(8000).then(() => Infinity)]);
    client.stop();
    expect(closedAt - client.openedAt).toBeLessThan(5000);
    expect(s.tg.calls).toEqual([]);
    expect(s.logs.some((l) => l.msg === "request body too slow: connection closed")).toBe(true);
  });

  it("closes a kept-alive connection left idle", async () => {
    const s = await serve({ idleTimeoutMs: 500 });
    const body = JSON.stringify(updates.command("/help"));
    const client = rawClient(s.port, (socket) => {
      socket.write(
        postHead("/hook", {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          "x-telegram-bot-api-secret-token": SECRET,
        }) + body,
      );
      return undefined;
    });
    const closedAt = await Promise.race([client.closed, sleep(8000).then(() => Infinity)]);
    expect(client.received()).toMatch(/^HTTP\/1\.1 200 /);
    expect(closedAt - client.openedAt).toBeLessThan(4000);
  });

  it("refuses connections past the cap and logs that at a bounded rate", async () => {
    const s = await serve({ maxConnections: 3 });
    const holders = [0, 1, 2].map(() => rawClient(s.port));
    await sleep(200);
    const refused = [0, 1, 2, 3, 4].map(() => rawClient(s.port));
    const closedAt = await Promise.all(refused.map((client) => client.closed));
    for (const client of [...holders, ...refused]) client.stop();
    expect(Math.max(...closedAt.map((at, i) => at - (refused[i]?.openedAt ?? 0)))).toBeLessThan(1500);
    expect(s.logs.filter((l) => l.msg.startsWith("connection refused"))).toHaveLength(1);
    // Once the holders are gone, updates get in again.
    await sleep(100);
    expect((await postUpdate(s.hook, updates.command("/help"), { secret: SECRET })).status).toBe(200);
  });
});
