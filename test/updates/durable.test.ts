/**
 * At-least-once handling with effects once, through the real door (`durable.handleUpdate` of the production
 * app, which the transports call): an update counts as done only when its handler finished, so a crash
 * half-way leaves it to be handled again, while a re-delivery of a finished update gets no second reply.
 */

import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import type { Lease } from "../../src/storage/inbox.js";
import { createMemoryStore } from "../../src/storage/index.js";
import { ATTEMPT_AFTER_MS, createDurable, DEFAULT_LEASE_MS } from "../../src/updates/durable.js";
import { createTestApp } from "../helpers/test-app.js";
import * as updates from "../helpers/updates.js";

const stores: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("de-duplication", () => {
  it("handles again an update whose first handling never finished (a crash half-way)", async () => {
    let now = Date.UTC(2026, 11, 1);
    const store = createMemoryStore({ scope: "1000", now: () => now });
    stores.push(store);
    // First process: the reply hangs (the process dies before it goes out), so handling never finishes.
    const first = createTestApp({ store });
    first.tg.inject({ method: "sendMessage", fault: { kind: "delay", ms: 60_000 } });
    const update = updates.command("/help", { updateId: 501 });
    void first.durable.handleUpdate(update).catch(() => undefined);
    await until(() => first.tg.calls.some((call) => call.method === "sendMessage"));
    // Telegram re-delivers it (never confirmed); the dead process's claim has run out by then.
    now += DEFAULT_LEASE_MS + 1;
    const second = createTestApp({ store });
    await second.send(update);
    expect(second.tg.sent()).toHaveLength(1);
  });

  it("gives no second reply to a re-delivery of an update that was handled", async () => {
    const store = createMemoryStore({ scope: "1000" });
    stores.push(store);
    const app = createTestApp({ store });
    const update = updates.command("/help", { updateId: 502 });
    await app.send(update);
    await app.send(update);
    expect(app.tg.sent()).toHaveLength(1);
  });
});

describe("attempts", () => {
  it("count once a handler has run ATTEMPT_AFTER_MS without finishing, never for a claim alone", async () => {
    const store = createMemoryStore({ scope: "1000" });
    stores.push(store);
    const logger = pino({ level: "silent" });
    // A handler that never finishes: its process is as good as dead, whenever the test takes its updates.
    const door = createDurable({ inbox: store.inbox, logger, handle: () => new Promise<void>(() => {}) });
    const other: Lease = { owner: "another-instance", ms: DEFAULT_LEASE_MS };
    void door.handleUpdate(updates.command("/help", { updateId: 601 }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const early = await store.inbox.claimUnfinished(other, { limit: 10, takeOver: true });
    expect(early.map((c) => [c.update.update_id, c.attempts])).toEqual([[601, 0]]);

    void door.handleUpdate(updates.command("/help", { updateId: 602 }));
    await new Promise((resolve) => setTimeout(resolve, ATTEMPT_AFTER_MS + 100));
    const late = await store.inbox.claimUnfinished(other, { limit: 10, takeOver: true });
    expect(late.map((c) => [c.update.update_id, c.attempts])).toEqual([[602, 1]]);
  });
});

describe("replies a crash can repeat", () => {
  it("an update's reply waits while API_MAX_IN_FLIGHT updates have replies accepted and no done mark yet", async () => {
    const store = createMemoryStore({ scope: "1000" });
    stores.push(store);
    // The done marks are held back: as if the store's commit came late, or the process were about to die.
    let commit: () => void = () => undefined;
    const committed = new Promise<void>((resolve) => {
      commit = resolve;
    });
    const finish = store.inbox.finish.bind(store.inbox);
    store.inbox.finish = async (id) => {
      await committed;
      await finish(id);
    };
    const app = createTestApp({ store, env: { API_MAX_IN_FLIGHT: "2" } });
    const handled = [1, 2, 3].map((reader) =>
      app.durable.handleUpdate(updates.command("/help", { updateId: 700 + reader, userId: reader })),
    );
    await until(() => app.tg.sent().length === 2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Two replies accepted, their updates not marked done: a crash now would repeat those two, no more.
    expect(app.tg.sent()).toHaveLength(2);
    commit();
    await Promise.all(handled);
    const readers = app.tg.sent().map((m) => m.chat.id);
    expect(readers.sort()).toEqual([1, 2, 3]);
  });
});
