import { Api } from "grammy";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createModelFetch } from "../../src/preview/telegram-model/fetch.js";
import { PushEngine } from "../../src/push/engine.js";
import { OutgoingCalls } from "../../src/push/outgoing-calls.js";
import { createRedisFollowStore } from "../../src/push/redis-follow-store.js";
import { createRedisLedger } from "../../src/push/redis-ledger.js";
import { createRedisClient } from "../../src/storage/index.js";
import { FAKE_BOT_TOKEN, FakeTelegram } from "../helpers/fake-telegram.js";
import { type RedisServerHandle, redisAvailable, startRedis } from "../helpers/redis-server.js";
import { correctionEvent, EN, type StoryState, storyEvent, testRender } from "./push-harness.js";

let redis: RedisServerHandle | undefined;
const clients: Array<ReturnType<typeof createRedisClient>> = [];
beforeAll(async () => {
  if (redisAvailable()) redis = await startRedis();
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await redis?.stop();
});

/** One instance: its own Redis connection, scheduler and engine, on the shared Redis and fake Telegram. */
function instance(tg: FakeTelegram, stories: Map<string, StoryState>, scope: string) {
  const client = createRedisClient(redis?.url ?? "");
  clients.push(client);
  const calls = new OutgoingCalls({ pushRate: 1000, perChatMs: 0 });
  const api = new Api(FAKE_BOT_TOKEN, { fetch: createModelFetch(tg) });
  api.config.use(calls.pushLane());
  const follows = createRedisFollowStore(client, "khabar:", scope);
  const ledger = createRedisLedger(client, "khabar:", scope);
  const engine = new PushEngine({
    api,
    follows,
    ledger,
    render: testRender(stories),
    renderDigest: () => undefined,
    logger: pino({ level: "silent" }),
    pushRate: 1000,
  });
  return { follows, ledger, engine };
}

describe.runIf(redisAvailable())("push engine on Redis (two instances)", () => {
  it("pushes each event once across instances, and a correction edits the pushes and reaches the story's readers", async () => {
    const tg = new FakeTelegram();
    const stories = new Map<string, StoryState>([["b", { title: "B" }]]);
    const a = instance(tg, stories, "e1");
    const b = instance(tg, stories, "e1");
    for (let chat = 1; chat <= 40; chat++) await a.follows.follow(chat, { kind: "new" }, EN);
    await a.follows.follow(-1009, { kind: "story", storyId: "b" }, EN);
    a.engine.start([]);
    b.engine.start([]);
    await Promise.all([a.engine.idle(), b.engine.idle()]);
    a.engine.offer([storyEvent("b")]);
    b.engine.offer([storyEvent("b")]);
    await Promise.all([a.engine.idle(), b.engine.idle()]);
    const sends = tg.callsTo("sendMessage").filter((c) => c.error === undefined);
    expect(sends).toHaveLength(40);
    expect(new Set(sends.map((c) => c.payload.chat_id)).size).toBe(40);
    expect(await a.ledger.progress("story:b")).toMatchObject({ sent: 40, waiting: 0 });

    stories.set("b", { title: "B", corrected: "score fixed" });
    a.engine.offer([storyEvent("b"), correctionEvent("b", "c1")]);
    b.engine.offer([storyEvent("b"), correctionEvent("b", "c1")]);
    await Promise.all([a.engine.idle(), b.engine.idle()]);
    const corrections = tg
      .callsTo("sendMessage")
      .filter((c) => String(c.payload.text).startsWith("Corrected"));
    expect(corrections).toHaveLength(41);
    expect(tg.callsTo("editMessageText")).toHaveLength(40);
    const first = tg.history(7)[0];
    expect(first && "text" in first ? first.text : "").toBe("New (en): B [corrected: score fixed]");
    await Promise.all([a.engine.stop(1000), b.engine.stop(1000)]);
  }, 30_000);

  it("records a blocked chat as stopped and moves a migrated group", async () => {
    const tg = new FakeTelegram();
    const stories = new Map<string, StoryState>([["c", { title: "C" }]]);
    const a = instance(tg, stories, "e2");
    await a.follows.follow(5, { kind: "new" }, EN);
    await a.follows.follow(-300, { kind: "new" }, EN);
    tg.blocked.add(5);
    tg.migrated.set(-300, -1000300);
    a.engine.start([]);
    await a.engine.idle();
    a.engine.offer([storyEvent("c")]);
    await a.engine.idle();
    expect(await a.follows.prefsOf(5)).toBeUndefined();
    expect(tg.sentTo(-1000300).map((m) => m.text)).toEqual(["New (en): C"]);
    expect(await a.ledger.progress("story:c")).toMatchObject({ sent: 1, stopped: 1, waiting: 0 });
    await a.engine.stop(1000);
  }, 30_000);
});
