import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FollowStore, PushPrefs } from "../../src/push/follow-store.js";
import { createMemoryFollowStore } from "../../src/push/memory-follow-store.js";
import { createRedisFollowStore } from "../../src/push/redis-follow-store.js";
import { createSqliteFollowStore } from "../../src/push/sqlite-follow-store.js";
import { createRedisClient } from "../../src/storage/index.js";
import { type RedisServerHandle, redisAvailable, startRedis } from "../helpers/redis-server.js";

const EN: PushPrefs = { lang: "en", mode: "instant" };
const AR: PushPrefs = { lang: "ar", mode: "digest", digestHour: 7, timeZone: "Asia/Riyadh" };

let redis: RedisServerHandle | undefined;
let client: ReturnType<typeof createRedisClient> | undefined;
let n = 0;
beforeAll(async () => {
  if (redisAvailable()) {
    redis = await startRedis();
    if (redis) client = createRedisClient(redis.url);
  }
});
afterAll(async () => {
  client?.disconnect();
  await redis?.stop();
});

const backends: Array<[string, () => FollowStore | undefined]> = [
  ["memory", () => createMemoryFollowStore()],
  ["sqlite", () => createSqliteFollowStore(new Database(":memory:"), "1000")],
  ["redis", () => (client === undefined ? undefined : createRedisFollowStore(client, "khabar:", `t${++n}`))],
];

describe.each(backends)("FollowStore contract (%s)", (_name, make) => {
  it("follows once per topic, keeps the first prefs and the follow order, pages by chat id", async () => {
    const store = make();
    if (store === undefined) return;
    await store.follow(30, { kind: "new" }, EN);
    await store.follow(30, { kind: "person", personId: "putin" }, AR);
    await store.follow(30, { kind: "new" }, AR);
    await store.follow(-100200, { kind: "new" }, AR);
    await store.follow(7, { kind: "new" }, EN);
    expect(await store.topicsOf(30)).toEqual([{ kind: "new" }, { kind: "person", personId: "putin" }]);
    expect(await store.prefsOf(30)).toEqual(EN);
    expect(await store.count({ kind: "new" })).toBe(3);
    const first = await store.followers({ kind: "new" }, undefined, 2);
    expect(first.followers.map((f) => f.chatId)).toEqual([-100200, 7]);
    expect(first.followers[0]?.prefs).toEqual(AR);
    const second = await store.followers({ kind: "new" }, first.next, 2);
    expect(second).toEqual({ followers: [{ chatId: 30, prefs: EN }], next: undefined });
  });

  it("reads several chats' prefs at once, leaving out chats that follow nothing", async () => {
    const store = make();
    if (store === undefined) return;
    expect(await store.prefsOfMany([])).toEqual(new Map());
    await store.follow(5, { kind: "new" }, EN);
    await store.follow(-100300, { kind: "new" }, AR);
    await store.follow(9, { kind: "new" }, EN);
    await store.forget(9);
    const found = await store.prefsOfMany([5, 9, -100300, 5, 404]);
    expect(found).toEqual(
      new Map<number, PushPrefs>([
        [5, EN],
        [-100300, AR],
      ]),
    );
  });

  it("unfollows, forgets, sets prefs only for known chats, and moves a chat", async () => {
    const store = make();
    if (store === undefined) return;
    await store.follow(1, { kind: "new" }, EN);
    await store.follow(1, { kind: "story", storyId: "s" }, EN);
    await store.unfollow(1, { kind: "new" });
    expect(await store.topicsOf(1)).toEqual([{ kind: "story", storyId: "s" }]);
    expect(await store.count({ kind: "new" })).toBe(0);
    await store.setPrefs(1, AR);
    await store.setPrefs(2, AR);
    expect(await store.prefsOf(1)).toEqual(AR);
    expect(await store.prefsOf(2)).toBeUndefined();
    await store.moveChat(1, -1001);
    expect(await store.topicsOf(1)).toEqual([]);
    expect(await store.topicsOf(-1001)).toEqual([{ kind: "story", storyId: "s" }]);
    expect(await store.prefsOf(-1001)).toEqual(AR);
    expect(
      (await store.followers({ kind: "story", storyId: "s" }, undefined, 10)).followers.map((f) => f.chatId),
    ).toEqual([-1001]);
    await store.forget(-1001);
    expect(await store.topicsOf(-1001)).toEqual([]);
    expect(await store.prefsOf(-1001)).toBeUndefined();
    expect(await store.count({ kind: "story", storyId: "s" })).toBe(0);
  });
});
