import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createRedisClient, createRedisStore, type RedisStore } from "../../src/storage/index.js";
import { type RedisServerHandle, redisAvailable, startRedis } from "../helpers/redis-server.js";
import { sleep } from "./util.js";

/** Runs `fn` and returns how long it took, so tests can assert "fails fast" rather than just "fails". */
async function timed<T>(fn: () => T | Promise<T>): Promise<{ ms: number; result: T | Error }> {
  const start = performance.now();
  let result: T | Error;
  try {
    result = await fn();
  } catch (error) {
    result = error instanceof Error ? error : new Error(String(error));
  }
  return { ms: performance.now() - start, result };
}

describe.skipIf(!redisAvailable())("redis store", () => {
  let server: RedisServerHandle;
  let raw: Redis;
  const stores: RedisStore[] = [];
  const extraServers: RedisServerHandle[] = [];

  beforeAll(async () => {
    const started = await startRedis();
    if (started === undefined) throw new Error("redis-server vanished");
    server = started;
    raw = new Redis(server.url);
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    await Promise.all(extraServers.splice(0).map((s) => s.stop()));
  });
  afterAll(async () => {
    raw.disconnect();
    await server.stop();
  });

  const open = (options: Partial<{ prefix: string; scope: string; url: string }> = {}): RedisStore => {
    const store = createRedisStore({ url: server.url, prefix: "khabar-r:", ...options });
    stores.push(store);
    return store;
  };

  it("puts every key under prefix + scope + namespace, with Redis-side TTLs", async () => {
    const store = open({ scope: "123456" });
    expect(store.kind).toBe("redis");
    expect(store.prefix).toBe("khabar-r:");
    await store.adapter<string>("session", { ttlSeconds: 30 }).write("42", "مرحبا");
    await store.adapter<string>("profile").write("42", "forever");
    expect((await raw.keys("khabar-r:*")).sort()).toEqual([
      "khabar-r:123456:profile:42",
      "khabar-r:123456:session:42",
    ]);
    expect(await raw.get("khabar-r:123456:session:42")).toBe('"مرحبا"');
    const sessionTtl = await raw.ttl("khabar-r:123456:session:42");
    expect(sessionTtl).toBeGreaterThan(25);
    expect(sessionTtl).toBeLessThanOrEqual(30);
    expect(await raw.ttl("khabar-r:123456:profile:42")).toBe(-1);
  });

  it("keeps the inbox under one hash tag, and moves an inbox of the earlier layout over on first use", async () => {
    // The earlier layout, as a running bot left it: update 7 pending, update 8 done.
    const update = (id: number) => JSON.stringify({ update_id: id, message: { message_id: id, text: "x" } });
    await raw.hset("khabar-m:55:inbox:7", "p", update(7), "l", 0, "a", 1);
    await raw.expire("khabar-m:55:inbox:7", 3600);
    await raw.hset("khabar-m:55:inbox:8", "l", 0, "a", 1);
    await raw.expire("khabar-m:55:inbox:8", 3600);
    await raw.zadd("khabar-m:55:inbox:pending", 7, "7");

    const store = open({ prefix: "khabar-m:", scope: "55" });
    const lease = { owner: "after-upgrade", ms: 1000 };
    const claimed = await store.inbox.claimUnfinished(lease, { limit: 10 });
    // Its one attempt moves with it (a claim itself counts none: attempts are handlers that ran).
    expect(claimed.map((c) => [c.update.update_id, c.attempts])).toEqual([[7, 1]]);
    // A done update re-sent by Telegram is still known as done.
    expect(await store.inbox.admit([JSON.parse(update(8))], lease)).toEqual([]);
    expect((await raw.keys("khabar-m:*")).sort()).toEqual([
      "khabar-m:{55:inbox}:7",
      "khabar-m:{55:inbox}:8",
      "khabar-m:{55:inbox}:layout",
      "khabar-m:{55:inbox}:pending",
    ]);
    expect(await raw.ttl("khabar-m:{55:inbox}:7")).toBeGreaterThan(3000);
  });

  it("uses the default prefix khabar:", async () => {
    const store = createRedisStore({ url: server.url });
    stores.push(store);
    await store.adapter<number>("session").write("7", 1);
    expect(await raw.get("khabar:session:7")).toBe("1");
    await raw.del("khabar:session:7");
  });

  it("exposes its client for the rate limiter and leaves a caller-owned client open", async () => {
    const client = createRedisClient(server.url);
    const store = createRedisStore({ client, prefix: "khabar-own:" });
    expect(store.client).toBe(client);
    await store.adapter<number>("session").write("1", 1);
    await store.close();
    expect(await store.ping()).toBe(false);
    expect(await client.get("khabar-own:session:1")).toBe("1"); // still usable by its owner
    await client.quit();

    const owned = open();
    await owned.ping();
    await owned.close();
    expect(owned.client.status).toBe("end");
  });

  it("ping() is false and commands fail fast once the server is gone, then it heals", async () => {
    const own = await startRedis();
    if (own === undefined) throw new Error("redis-server vanished");
    extraServers.push(own);
    const errors: Error[] = [];
    const store = createRedisStore({ url: own.url, prefix: "khabar-down:", onError: (e) => errors.push(e) });
    stores.push(store);
    const sessions = store.adapter<string>("session", { ttlSeconds: 60 });
    expect(await store.ping()).toBe(true);
    await sessions.write("42", "before");

    await own.stop();
    const ping = await timed(() => store.ping());
    expect(ping.result).toBe(false);
    expect(ping.ms).toBeLessThan(1500);
    const read = await timed(() => sessions.read("42"));
    expect(read.result).toBeInstanceOf(Error);
    expect(read.ms).toBeLessThan(2500);
    const write = await timed(() => sessions.write("42", "during"));
    expect(write.result).toBeInstanceOf(Error);
    expect(write.ms).toBeLessThan(2500);

    // Several reconnect attempts happen meanwhile, but the outage is reported once.
    await sleep(700);
    expect(errors.length).toBe(1);

    const again = await startRedis({ port: own.port });
    if (again === undefined) throw new Error("redis-server vanished");
    extraServers.push(again);
    const deadline = Date.now() + 5000;
    while (!(await store.ping()) && Date.now() < deadline) await sleep(100);
    expect(await store.ping()).toBe(true);
    await sessions.write("42", "after"); // the restarted server is empty (no persistence)
    expect(await sessions.read("42")).toBe("after");
  });

  it("never hangs when Redis is unreachable from the start", async () => {
    const dead = await startRedis();
    if (dead === undefined) throw new Error("redis-server vanished");
    await dead.stop(); // a port where nothing listens
    const errors: Error[] = [];
    const store = createRedisStore({ url: dead.url, onError: (e) => errors.push(e) });
    stores.push(store);
    const ping = await timed(() => store.ping());
    expect(ping.result).toBe(false);
    expect(ping.ms).toBeLessThan(1500);
    const read = await timed(() => store.adapter("session").read("1"));
    expect(read.result).toBeInstanceOf(Error);
    expect(read.ms).toBeLessThan(3000);
    expect(errors.length).toBeGreaterThanOrEqual(1);
    const close = await timed(() => store.close());
    expect(close.ms).toBeLessThan(1000);
  });
});
