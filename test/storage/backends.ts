import { rmSync } from "node:fs";
import type { Cluster } from "ioredis";
import {
  createMemoryStore,
  createRedisStore,
  createSqliteStore,
  type Store,
  type StoreKind,
} from "../../src/storage/index.js";
import { type RedisClusterHandle, startRedisCluster } from "../helpers/redis-cluster.js";
import { type RedisServerHandle, redisAvailable, startRedis } from "../helpers/redis-server.js";
import { sleep, tempDir } from "./util.js";

/** One test's isolated slice of a backend: stores opened here share data (when the backend can). */
export interface TestSpace {
  /** Opens a store instance over this test's data (a second call simulates a second process/instance). */
  open(options?: { scope?: string }): Store;
  /** Lets `ms` pass: a fake clock for SQLite/memory, a real sleep for Redis (whose TTLs live in the server). */
  advance(ms: number): Promise<void>;
  /** Closes every store opened here and removes temporary files. */
  dispose(): Promise<void>;
}

/** A backend under test, parametrising the shared contract suite. */
export interface Backend {
  readonly kind: StoreKind;
  /** How the suite names it, when its kind alone does not tell it apart (default: the kind). */
  readonly label?: string;
  /** False → the suite is skipped (Redis without redis-server). */
  readonly available: boolean;
  /** Whether two stores opened in one space see each other's data (memory: no). */
  readonly shared: boolean;
  setup(): Promise<void>;
  teardown(): Promise<void>;
  begin(): TestSpace;
}

/** A fake epoch-ms clock shared by all stores of a space. */
function fakeClock(): { now: () => number; advance: (ms: number) => Promise<void> } {
  let t = Date.UTC(2025, 0, 1);
  return {
    now: () => t,
    advance: async (ms) => {
      t += ms;
    },
  };
}

/** Tracks opened stores so a test cannot leak timers or connections. */
function tracker(): { track: (store: Store) => Store; closeAll: () => Promise<void> } {
  const stores: Store[] = [];
  return {
    track: (store) => {
      stores.push(store);
      return store;
    },
    closeAll: async () => {
      await Promise.all(stores.map((store) => store.close()));
    },
  };
}

export const sqliteBackend: Backend = {
  kind: "sqlite",
  available: true,
  shared: true,
  setup: async () => {},
  teardown: async () => {},
  begin() {
    const dir = tempDir();
    const clock = fakeClock();
    const { track, closeAll } = tracker();
    return {
      open: (options = {}) =>
        track(createSqliteStore({ dir, now: clock.now, sweepIntervalMs: 0, ...options })),
      advance: clock.advance,
      dispose: async () => {
        await closeAll();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

export const memoryBackend: Backend = {
  kind: "memory",
  available: true,
  shared: false,
  setup: async () => {},
  teardown: async () => {},
  begin() {
    const clock = fakeClock();
    const { track, closeAll } = tracker();
    return {
      open: (options = {}) => track(createMemoryStore({ now: clock.now, sweepIntervalMs: 0, ...options })),
      advance: clock.advance,
      dispose: closeAll,
    };
  },
};

let redisServer: RedisServerHandle | undefined;
let redisSpaces = 0;

export const redisBackend: Backend = {
  kind: "redis",
  available: redisAvailable(),
  shared: true,
  setup: async () => {
    redisServer = await startRedis();
  },
  teardown: async () => {
    await redisServer?.stop();
    redisServer = undefined;
  },
  begin() {
    const server = redisServer;
    if (server === undefined) throw new Error("redis backend used without setup()");
    // A unique prefix per test keeps tests independent on the one shared server.
    const prefix = `khabar-test-${process.pid}-${++redisSpaces}:`;
    const { track, closeAll } = tracker();
    return {
      open: (options = {}) => track(createRedisStore({ url: server.url, prefix, ...options })),
      advance: sleep,
      dispose: closeAll,
    };
  },
};

let redisCluster: RedisClusterHandle | undefined;

/**
 * The Redis store on a three-node Redis Cluster: a Cluster refuses any script or command whose keys lie in
 * more than one hash slot, so the whole contract passing here shows every one keeps to one slot.
 */
export const redisClusterBackend: Backend = {
  kind: "redis",
  label: "redis cluster",
  available: redisAvailable(),
  shared: true,
  setup: async () => {
    redisCluster = await startRedisCluster();
  },
  teardown: async () => {
    await redisCluster?.stop();
    redisCluster = undefined;
  },
  begin() {
    const cluster = redisCluster;
    if (cluster === undefined) throw new Error("redis cluster backend used without setup()");
    const prefix = `khabar-cluster-${process.pid}-${++redisSpaces}:`;
    const { track, closeAll } = tracker();
    const clients: Cluster[] = [];
    return {
      open: (options = {}) => {
        const client = cluster.client();
        clients.push(client);
        return track(createRedisStore({ client, prefix, ...options }));
      },
      advance: sleep,
      dispose: async () => {
        await closeAll();
        for (const client of clients) client.disconnect();
      },
    };
  },
};

export const backends: readonly Backend[] = [sqliteBackend, redisBackend, redisClusterBackend, memoryBackend];
