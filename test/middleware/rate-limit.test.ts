/**
 * The rate limit's Redis counters against a real redis-server: a crash between two limiter steps must never
 * leave a reader muted.
 */
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedisClient, createRedisStore, type RedisStore } from "../../src/storage/index.js";
import { type RedisServerHandle, redisAvailable, startRedis } from "../helpers/redis-server.js";
import { createTestApp } from "../helpers/test-app.js";
import * as updates from "../helpers/updates.js";

const SLOW_DOWN_AR = "مهلاً! وصلتني رسائل كثيرة بسرعة. انتظر لحظة ثم حاول مجدداً.";
/** The key a reader's counter lives under: `khabar:<bot id>:rate:<user id>` (see buildApp). */
const counterKey = (userId: number) => `khabar:1000:rate:${userId}`;

const texts = (calls: ReadonlyArray<{ method: string; payload: Record<string, unknown> }>) =>
  calls.filter((c) => c.method === "sendMessage").map((c) => String(c.payload.text));

describe.skipIf(!redisAvailable())("rate limit in Redis", () => {
  let redis: RedisServerHandle | undefined;
  let raw: Redis;
  const stores: RedisStore[] = [];
  beforeAll(async () => {
    redis = await startRedis();
    raw = createRedisClient(redis?.url ?? "");
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await raw.quit();
    await redis?.stop();
  });

  it("cannot mute a reader for good when a crash left their counter without an expiry", async () => {
    // What a process killed between INCR and PEXPIRE (two separate commands) leaves behind.
    await raw.set(counterKey(88), "1");
    expect(await raw.pttl(counterKey(88))).toBe(-1);

    const store = createRedisStore({ url: redis?.url ?? "", scope: "1000", prefix: "crash:" });
    stores.push(store);
    const t = createTestApp({ store });
    const burst: string[] = [];
    for (let i = 0; i < 6; i++) burst.push(...texts(await t.send(updates.command("/help", { userId: 88 }))));
    // The leftover count still counts in its window: the reader is told to slow down once.
    expect(burst.filter((text) => text === SLOW_DOWN_AR)).toHaveLength(1);
    expect(await raw.pttl(counterKey(88))).toBeGreaterThan(0);

    // One window later the reader is heard again.
    await new Promise((resolve) => setTimeout(resolve, 2600));
    const later = texts(await t.send(updates.command("/help", { userId: 88 })));
    expect(later).toHaveLength(1);
    expect(later[0]).not.toBe(SLOW_DOWN_AR);
  }, 20_000);

  it("counts with one atomic command per update, so no step can be left half done", async () => {
    const store = createRedisStore({ url: redis?.url ?? "", scope: "1000", prefix: "atomic:" });
    stores.push(store);
    const t = createTestApp({ store });
    const monitor = await raw.monitor();
    const commands: string[] = [];
    monitor.on("monitor", (_time: string, args: string[], source: string) => {
      // MONITOR also shows the commands a Lua script runs, from source "lua": those are the script's steps.
      if (source === "lua") return;
      if (args.some((arg) => arg.includes(":rate:"))) commands.push(String(args[0]).toLowerCase());
    });
    for (let i = 0; i < 3; i++) await t.send(updates.command("/help", { userId: 89 }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    monitor.disconnect();
    // Only scripts touch the counter (EVALSHA, or EVAL after a NOSCRIPT), and each update counts once.
    expect(commands.filter((name) => name !== "evalsha" && name !== "eval")).toEqual([]);
    expect(await raw.get(counterKey(89))).toBe("3");
    expect(await raw.pttl(counterKey(89))).toBeGreaterThan(0);
  }, 20_000);
});
