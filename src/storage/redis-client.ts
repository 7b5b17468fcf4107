import { createRequire } from "node:module";
import type { Cluster, Redis } from "ioredis";
import { redactedRedisError } from "./storage-error.js";

type IoRedis = typeof import("ioredis");

let ioredis: IoRedis | undefined;

/**
 * ioredis, loaded on first use rather than at start-up: it is ~60 modules and ~100 ms of loading that only
 * Redis deployments need (SQLite is the default), about a tenth of the process's start-up time (see bench/).
 */
function loadIoredis(): IoRedis {
  ioredis ??= createRequire(import.meta.url)("ioredis") as IoRedis;
  return ioredis;
}

/** Failure-handling knobs of {@link createRedisClient}. */
export interface RedisClientOptions {
  /** Any command (including ones queued before the first connect) rejects after this long (default 2000 ms). */
  commandTimeoutMs?: number;
  /** TCP connect timeout per attempt (default 3000 ms). */
  connectTimeoutMs?: number;
  /**
   * Called with the first connection error of each outage (not once per reconnect attempt, which would
   * flood the log every 100–2000 ms). Defaults to `console.warn`.
   */
  onError?: (error: Error) => void;
  /**
   * The URL is one node of a Redis Cluster: build a cluster client, which finds the other nodes from it and
   * sends each command to the node holding its key's slot. The password, user and TLS of the URL apply to
   * every node.
   */
  cluster?: boolean;
}

/** Defaults chosen so a webhook handler can never wait on Redis for longer than Telegram's timeout. */
export const REDIS_DEFAULTS = { commandTimeoutMs: 2000, connectTimeoutMs: 3000 } as const;

/**
 * Creates an ioredis client that fails fast instead of hanging:
 * - before the first successful connect, commands wait in the offline queue, but at most `commandTimeoutMs`;
 * - once connected, the offline queue is switched off, so while Redis is down every command rejects
 *   immediately ("Stream isn't writeable…") instead of piling up; the webhook answers 500 and Telegram
 *   redelivers later;
 * - commands already sent when the connection drops are rejected after one reconnect attempt
 *   (`maxRetriesPerRequest: 1`), and `commandTimeout` bounds a stalled/half-open connection too;
 * - it keeps reconnecting forever (backoff capped at 2 s) so an instance heals without a restart, and the
 *   outage is reported once through `onError`, not silently.
 * Share this client with other Redis users (e.g. the rate limiter) so they inherit the same behaviour.
 */
export function createRedisClient(url: string, options: RedisClientOptions & { cluster: true }): Cluster;
export function createRedisClient(url: string, options?: RedisClientOptions & { cluster?: false }): Redis;
export function createRedisClient(url: string, options?: RedisClientOptions): Redis | Cluster;
export function createRedisClient(url: string, options: RedisClientOptions = {}): Redis | Cluster {
  const onError =
    options.onError ??
    ((error: Error) => console.warn(`khabar redis: ${error.message} (will keep retrying)`));
  const common = {
    commandTimeout: options.commandTimeoutMs ?? REDIS_DEFAULTS.commandTimeoutMs,
    connectTimeout: options.connectTimeoutMs ?? REDIS_DEFAULTS.connectTimeoutMs,
    maxRetriesPerRequest: 1,
  };
  const retry = (times: number): number => Math.min(times * 100, 2000);
  const client: Redis | Cluster = options.cluster
    ? clusterClient(url, common, retry)
    : new (loadIoredis().Redis)(url, { ...common, enableOfflineQueue: true, retryStrategy: retry });
  let reported = false;
  client.on("ready", () => {
    reported = false;
    // From now on, never queue while disconnected: fail fast (see above). ioredis reads this per command.
    client.options.enableOfflineQueue = false;
  });
  // Without an "error" listener ioredis prints "Unhandled error event" for every attempt.
  client.on("error", (error: Error) => {
    if (reported) return;
    reported = true;
    // Only name, code and message: a failed AUTH carries the password in `command.args`.
    onError(redactedRedisError(error));
  });
  return client;
}

/** A cluster client seeded with the URL's node, with the URL's credentials and TLS for every node. */
function clusterClient(
  url: string,
  common: { commandTimeout: number; connectTimeout: number; maxRetriesPerRequest: number },
  retry: (times: number) => number,
): Cluster {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password) || parsed.searchParams.get("password") || undefined;
  const username = decodeURIComponent(parsed.username) || undefined;
  return new (loadIoredis().Cluster)([{ host: parsed.hostname, port: Number(parsed.port || 6379) }], {
    enableOfflineQueue: true,
    clusterRetryStrategy: retry,
    redisOptions: {
      ...common,
      ...(password === undefined ? {} : { password }),
      ...(username === undefined ? {} : { username }),
      ...(parsed.protocol === "rediss:" ? { tls: {} } : {}),
    },
  });
}
