import type { StorageAdapter } from "grammy";
import type { Cluster, Redis } from "ioredis";
import { INBOX_NAMESPACE } from "./inbox.js";
import { createRedisClient, type RedisClientOptions } from "./redis-client.js";
import { createRedisInbox, inboxNamespace, migrateInboxLayout } from "./redis-inbox.js";
import { adapterNamespace, checkName, checkTtl, closedError, decode, encode, scoped } from "./shared.js";
import { storageCall } from "./storage-error.js";
import type { AdapterOptions, CommonStoreOptions, Store } from "./types.js";

/** Default key prefix: every key is `khabar:[<scope>:]<namespace>:<key>`. */
export const DEFAULT_REDIS_PREFIX = "khabar:";

/** Options of {@link createRedisStore}: a URL (the store owns and closes the client) or an existing client. */
export type RedisStoreOptions = CommonStoreOptions & {
  /** Prepended to every key (default "khabar:"), so the bot can share a Redis database with other apps. */
  prefix?: string;
  /** Upper bound of {@link Store.ping} (default 1000 ms). */
  pingTimeoutMs?: number;
} & (
    | ({ url: string; client?: never } & RedisClientOptions)
    | {
        /**
         * Caller-owned client: not closed by `close()`; build it with `createRedisClient` to fail fast. A
         * Cluster client works too: every multi-key script keeps to one hash slot.
         */
        client: Redis | Cluster;
        url?: never;
      }
  );

/** A {@link Store} in Redis, shared by every webhook instance. */
export interface RedisStore extends Store {
  readonly kind: "redis";
  /** The ioredis client, e.g. for the rate limiter (`rateLimitReaders({ redis: store.client })`). */
  readonly client: Redis | Cluster;
  /** The key prefix in use. */
  readonly prefix: string;
}

/**
 * Creates a Redis-backed store. Values are plain strings under `<prefix>[<scope>:]<namespace>:<key>`;
 * TTLs use `SET key value EX ttl` (renewed on every write) and dedupe marks `SET … NX EX`, both single
 * atomic commands. A tiny adapter of our own instead of `@grammyjs/storage-redis`' `RedisAdapter`,
 * because that one has no per-adapter key prefix (only ioredis' client-wide `keyPrefix`, which would also
 * rename the rate limiter's keys on the shared client) and cannot do the `NX` dedupe anyway.
 * Failure behaviour: see {@link createRedisClient}; `ping()` is false while Redis is unreachable.
 */
export function createRedisStore(options: RedisStoreOptions): RedisStore {
  const { scope } = options;
  if (scope !== undefined) checkName("scope", scope);
  const prefix = options.prefix ?? DEFAULT_REDIS_PREFIX;
  const pingTimeoutMs = options.pingTimeoutMs ?? 1000;
  const owned = options.client === undefined;
  const client =
    options.client ??
    createRedisClient(options.url, {
      commandTimeoutMs: options.commandTimeoutMs,
      connectTimeoutMs: options.connectTimeoutMs,
      onError: options.onError,
      cluster: options.cluster,
    });

  let closing: Promise<void> | undefined;
  const assertOpen = (): void => {
    if (closing !== undefined) throw closedError("redis");
  };
  const healthKey = `${prefix}${scoped(scope, "health")}:probe`;

  const inboxNs = inboxNamespace(prefix, scoped(scope, INBOX_NAMESPACE));
  // Once per store, before its first inbox command; retried on the next command if it failed.
  let migrated: Promise<void> | undefined;
  const migrate = (): Promise<void> => {
    if (client.isCluster) return Promise.resolve();
    migrated ??= migrateInboxLayout(
      client as Redis,
      `${prefix}${scoped(scope, INBOX_NAMESPACE)}`,
      inboxNs,
    ).then(
      () => undefined,
      (error: unknown) => {
        migrated = undefined;
        throw error;
      },
    );
    return migrated;
  };

  return {
    kind: "redis",
    inbox: createRedisInbox(client, inboxNs, assertOpen, migrate),
    client,
    prefix,
    adapter<T>(namespace: string, adapterOptions: AdapterOptions = {}): StorageAdapter<T> {
      const keyPrefix = `${prefix}${adapterNamespace(scope, namespace)}:`;
      const { ttlSeconds } = adapterOptions;
      checkTtl(ttlSeconds);
      return {
        // Failures become StorageErrors: ioredis errors carry the command's arguments, i.e. the value.
        async read(key) {
          assertOpen();
          const json = await storageCall("redis", "read", namespace, () => client.get(keyPrefix + key));
          return json === null ? undefined : decode<T>(json);
        },
        async write(key, value) {
          assertOpen();
          const json = encode(value);
          await storageCall("redis", "write", namespace, () =>
            ttlSeconds === undefined
              ? client.set(keyPrefix + key, json)
              : client.set(keyPrefix + key, json, "EX", ttlSeconds),
          );
        },
        async delete(key) {
          assertOpen();
          await storageCall("redis", "delete", namespace, () => client.del(keyPrefix + key));
        },
      };
    },
    async ping() {
      if (closing !== undefined) return false;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), pingTimeoutMs);
      });
      // A real write, so a Redis that answers PING but refuses writes (out of memory, a read-only replica
      // after a failover, a full disk with AOF) shows as unhealthy.
      const answer = client.set(healthKey, String(Date.now()), "EX", 60).then(
        (reply) => reply === "OK",
        () => false,
      );
      try {
        return await Promise.race([answer, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    close() {
      closing ??= (async () => {
        if (!owned) return;
        if (client.status !== "ready") {
          // Connecting or between reconnect attempts: nothing to flush, just stop retrying.
          client.disconnect();
          return;
        }
        // QUIT lets in-flight replies arrive first (commandTimeout bounds it if the server stalls); then wait
        // for the socket to be really gone, so the process can exit with no open handles.
        const ended = new Promise<void>((resolve) => client.once("end", () => resolve()));
        await client.quit().catch(() => client.disconnect());
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([ended, new Promise((resolve) => (timer = setTimeout(resolve, 1000)))]);
        clearTimeout(timer);
        // Re-read through a function: TypeScript still narrows `status` to "ready" from the check above.
        const status = (): string => client.status;
        if (status() !== "end") client.disconnect();
      })();
      return closing;
    },
  };
}
