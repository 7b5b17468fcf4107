/**
 * A request the webhook server refuses before its body arrives (401 without the secret, 404 elsewhere)
 * must cost nothing once answered: no slow-body timer left behind, no later "body too slow" line, and the
 * connection released, however many strangers send such requests.
 */
import { createHook } from "node:async_hooks";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createWebhookServer, type WebhookServer } from "../../src/updates/webhook.js";
import { postHead, type RawClient, rawClient } from "../helpers/slow-clients.js";
import { createTestApp } from "../helpers/test-app.js";

const SECRET = "test-secret-0123456789-abcdefghijklmnop";
/** The slow-body cut comes `requestTimeoutMs - headersTimeoutMs` (at least 1 s) after the headers. */
const LIMITS = { headersTimeoutMs: 1000, requestTimeoutMs: 2000, socketTimeoutMs: 30_000 };
const servers: WebhookServer[] = [];
const clients: RawClient[] = [];

beforeAll(() => timerHook.enable());
afterAll(() => timerHook.disable());

afterEach(async () => {
  for (const client of clients.splice(0)) client.stop();
  for (const server of servers.splice(0)) {
    server.stopAccepting();
    await server.closeConnections(100);
  }
});

async function serve() {
  const t = createTestApp();
  const webhook = createWebhookServer({
    bot: t.bot,
    handleUpdate: t.durable.handleUpdate,
    store: t.store,
    logger: t.logger,
    path: "/hook",
    secretToken: SECRET,
    limits: LIMITS,
  });
  servers.push(webhook);
  await new Promise<void>((resolve) => webhook.server.listen(0, "127.0.0.1", resolve));
  return { ...t, port: (webhook.server.address() as AddressInfo).port };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * Waits for `settled` for at most `ms`, clearing its own timer whichever comes first: a timer left pending
 * here would be counted as one the server holds.
 */
async function atMost(settled: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([settled, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
/** Timers alive now, unref'd ones included (which `getActiveResourcesInfo` leaves out). */
const liveTimers = new Set<number>();
const timerHook = createHook({
  init(id, type) {
    if (type === "Timeout") liveTimers.add(id);
  },
  destroy(id) {
    liveTimers.delete(id);
  },
});
const timers = () => liveTimers.size;

/** Sends headers announcing a 1 KB body and never sends it; resolves once the status line is back. */
function refused(port: number, path: string): Promise<RawClient> {
  const client = rawClient(port, (socket) => {
    socket.write(postHead(path, { "content-type": "application/json", "content-length": 1024 }));
    return undefined;
  });
  clients.push(client);
  return new Promise((resolve, reject) => {
    const began = Date.now();
    const poll = setInterval(() => {
      if (/^HTTP\/1\.1 \d{3}/.test(client.received())) {
        clearInterval(poll);
        resolve(client);
      } else if (Date.now() - began > 5000) {
        clearInterval(poll);
        reject(new Error(`no answer to ${path}`));
      }
    }, 5);
  });
}

describe("a request refused before its body arrives", () => {
  it("leaves no timer, no false 'body too slow' line and no open connection, round after round", async () => {
    const s = await serve();
    const baseline = timers();
    const leftOver: number[] = [];
    for (let round = 0; round < 5; round++) {
      const answered = await Promise.all(
        Array.from({ length: 40 }, (_, i) => refused(s.port, i % 2 === 0 ? "/hook" : "/nowhere")),
      );
      for (const client of answered) expect(client.received()).toMatch(/^HTTP\/1\.1 (401|404) /);
      // Each answer has been read: whatever the server still holds for these requests is held for nothing.
      await sleep(50);
      leftOver.push(timers() - baseline);
      // The server closes each connection itself: the body it refused will never be read.
      const open = answered.filter((c) => !c.socket.destroyed);
      await atMost(Promise.all(open.map((c) => c.closed)), 500);
      expect(answered.filter((c) => !c.socket.destroyed)).toHaveLength(0);
    }
    // A handful of the server's own timers (the Date header cache, connection checks), not one per request.
    expect(Math.max(...leftOver)).toBeLessThanOrEqual(5);
    // Past the slow-body deadline: none of the refused requests is reported as a slow body.
    await sleep(1500);
    expect(s.logs.filter((l) => l.msg.includes("body too slow"))).toEqual([]);
  }, 30_000);
});
