import { createMemoryStore, type MemoryStoreOptions } from "./memory-storage.js";
import { createRedisStore, type RedisStoreOptions } from "./redis-storage.js";
import { createSqliteStore, type SqliteStoreOptions } from "./sqlite-storage.js";
import type { Store } from "./types.js";

export { createMemoryStore, type MemoryStore, type MemoryStoreOptions } from "./memory-storage.js";
export { createRedisClient, REDIS_DEFAULTS, type RedisClientOptions } from "./redis-client.js";
export {
  createRedisStore,
  DEFAULT_REDIS_PREFIX,
  type RedisStore,
  type RedisStoreOptions,
} from "./redis-storage.js";
export {
  createSqliteStore,
  SQLITE_FILE_NAME,
  type SqliteLocation,
  type SqliteStore,
  type SqliteStoreOptions,
} from "./sqlite-storage.js";
export { StorageError, type StorageOp } from "./storage-error.js";
export type { AdapterOptions, CommonStoreOptions, Store, StoreKind } from "./types.js";

/** Backend selection for {@link createStore}; the `kind` tag picks the backend, the rest is its options. */
export type StoreConfig =
  | ({ kind: "sqlite" } & SqliteStoreOptions)
  | ({ kind: "redis" } & RedisStoreOptions)
  | ({ kind: "memory" } & MemoryStoreOptions);

/**
 * Creates the configured store. Typical wiring: `REDIS_URL` set → `{ kind: "redis", url, scope }`,
 * otherwise `{ kind: "sqlite", dir: DATA_DIR, scope }`; pass `scope: String(botInfo.id)` so dedupe marks
 * (and sessions) of different bots sharing a database never collide.
 */
export function createStore(config: StoreConfig): Store {
  switch (config.kind) {
    case "sqlite":
      return createSqliteStore(config);
    case "redis":
      return createRedisStore(config);
    case "memory":
      return createMemoryStore(config);
  }
}
