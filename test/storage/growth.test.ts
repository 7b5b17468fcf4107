import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONVERSATION_TTL_SECONDS, createBot } from "../../src/bot/create-bot.js";
import { fixedCatalog } from "../../src/content/library.js";
import { createMemoryFollowStore } from "../../src/push/memory-follow-store.js";
import { INBOX_TTL_SECONDS } from "../../src/storage/inbox.js";
import { createRedisStore, createSqliteStore } from "../../src/storage/index.js";
import type { Store } from "../../src/storage/types.js";
import { createDurable } from "../../src/updates/durable.js";
import { createTestBotOptions } from "../helpers/fake-fetch.js";
import { FAKE_BOT_TOKEN, FakeTelegram } from "../helpers/fake-telegram.js";
import { type RedisServerHandle, startRedis } from "../helpers/redis-server.js";
import { story } from "../helpers/test-app.js";
import * as updates from "../helpers/updates.js";

/** The bot with the store and the inbox of production (no rate limit: the mix is instant). */
function createApp(store: Store) {
  const tg = new FakeTelegram();
  const logger = pino({ level: "silent" });
  const { bot } = createBot({
    token: FAKE_BOT_TOKEN,
    stories: fixedCatalog([story]),
    store,
    logger,
    defaultLang: "ar",
    botConfig: createTestBotOptions(tg),
    follows: createMemoryFollowStore(),
  });
  const door = createDurable({ inbox: store.inbox, logger, handle: (update) => bot.handleUpdate(update) });
  return { send: (update: Parameters<typeof bot.handleUpdate>[0]) => tg.deliver(door, update) };
}

const READERS = 60;

/**
 * The mix every reader goes through: a finished conversation (typed name), a cancelled one, one left by
 * another command, one abandoned half-way (reader id divisible by 5), and plain reading in between.
 */
async function runMix(app: ReturnType<typeof createApp>): Promise<number> {
  let sent = 0;
  for (let r = 1; r <= READERS; r++) {
    const me = { chatId: 10_000 + r, userId: 10_000 + r, lang: r % 2 ? "ar" : "en" };
    const steps = [
      updates.command("/start", me),
      updates.command("/quotes", me),
      updates.message("ترمب", me),
      updates.command("/quotes", me),
      updates.command("/cancel", me),
      updates.command("/quotes", me),
      updates.message("nobody", me),
      updates.command("/summary", me),
      updates.command("/quotes", me),
      ...(r % 5 === 0 ? [] : [updates.message("peskov", me)]),
    ];
    for (const update of steps) {
      await app.send(update);
      sent++;
    }
  }
  return sent;
}

describe("storage growth with SQLite", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "khabar-growth-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps no state for finished conversations; abandoned ones and inbox entries expire", async () => {
    let now = Date.UTC(2026, 10, 28);
    const store = createSqliteStore({ dir, scope: "1000", now: () => now, sweepIntervalMs: 0 });
    const app = createApp(store);
    const sent = await runMix(app);
    // Let the last grouped commit run.
    await new Promise((resolve) => setImmediate(resolve));
    const db = new Database(store.file, { readonly: true });
    const count = (ns: string) =>
      (db.prepare("SELECT count(*) AS n FROM kv WHERE ns = ?").get(`1000:${ns}`) as { n: number }).n;
    const inbox = (where = "1") =>
      (
        db.prepare(`SELECT count(*) AS n FROM inbox WHERE scope = '1000:inbox' AND ${where}`).get() as {
          n: number;
        }
      ).n;

    // Only the abandoned ones: each at the question, which keeps a record of its own.
    expect(count("conv") + count("question")).toBe(READERS / 5);
    expect(inbox()).toBe(sent);
    expect(inbox("payload IS NOT NULL")).toBe(0); // every update done: only its mark is left
    expect(count("session")).toBe(0); // nobody changed language or opened a section

    now += CONVERSATION_TTL_SECONDS * 1000 + 1000;
    store.sweep();
    expect(count("conv") + count("question")).toBe(0);
    now += INBOX_TTL_SECONDS * 1000;
    store.sweep();
    expect(inbox()).toBe(0);
    db.close();
    await store.close();
  });
});

describe("storage growth with Redis", () => {
  let redis: RedisServerHandle | undefined;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it("keeps no keys for finished conversations, and every abandoned one and inbox entry has a TTL", async (context) => {
    if (!redis) return context.skip();
    const store = createRedisStore({ url: redis.url, scope: "1000" });
    const app = createApp(store);
    const sent = await runMix(app);
    const keys = async (ns: string) => store.client.keys(`khabar:1000:${ns}:*`);
    const conv = [...(await keys("conv")), ...(await keys("question"))];
    expect(conv).toHaveLength(READERS / 5);
    // The inbox's keys share one hash tag; its layout marker is not an entry.
    const seen = (await store.client.keys("khabar:{1000:inbox}:*")).filter((key) => !key.endsWith(":layout"));
    // One entry per update; the set of pending ones is empty, so Redis removed it.
    expect(seen).toHaveLength(sent);
    for (const key of [...conv, ...seen.slice(0, 50)]) {
      const ttl = await store.client.ttl(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(Math.max(CONVERSATION_TTL_SECONDS, INBOX_TTL_SECONDS));
    }
    expect(await keys("session")).toEqual([]);
    await store.close();
  });
});
