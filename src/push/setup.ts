import { writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { Api, type ApiClientOptions, type Context, type MiddlewareFn } from "grammy";
import type { Logger } from "pino";
import type { Config } from "../config.js";
import type { RedisStore } from "../storage/index.js";
import type { Store } from "../storage/types.js";
import { followChatMembership } from "./chat-membership.js";
import { PushEngine, type RenderDigest, type RenderPush } from "./engine.js";
import type { FollowStore } from "./follow-store.js";
import type { PushLedger } from "./ledger.js";
import { createMemoryFollowStore } from "./memory-follow-store.js";
import { OutgoingCalls } from "./outgoing-calls.js";
import type { PushEvent } from "./push-event.js";
import { createRedisFollowStore } from "./redis-follow-store.js";
import { createRedisLedger } from "./redis-ledger.js";
import { createSqliteFollowStore } from "./sqlite-follow-store.js";
import { createSqliteLedger } from "./sqlite-ledger.js";
import type { PushStatusLine } from "./status.js";

/** The file the running engine writes its figures to, for `npm run push:status` while it holds the DB. */
export const PUSH_STATUS_FILE = "push-status.json";

/** What the lead wires once the catalog is loaded: the renderer and the catalog's events. */
export interface PushStart {
  render: RenderPush;
  renderDigest: RenderDigest;
  /** `eventsOf(catalog)` now; call `engine.offer(eventsOf(catalog))` after each swap. */
  events: readonly PushEvent[];
}

/** Pushes as the app holds them. */
export interface PushSetup {
  /** The scheduler every outgoing call goes through. */
  calls: OutgoingCalls;
  /** What chats follow (the follow screens read and write it). */
  follows: FollowStore;
  /** A guard: ends or moves following when Telegram says a chat is gone or moved. */
  membership: MiddlewareFn<Context>;
  /** A conversations plugin: readers' answers inside conversations go through the scheduler too. */
  conversationLane: MiddlewareFn<Context>;
  /**
   * Installed first on the bot and last among the conversations plugins (outermost on `ctx.api`): the
   * update's message calls take its hold on the replies budget (`OutgoingCalls.updateLane`).
   */
  replyLane: MiddlewareFn<Context>;
  /** Starts the engine (once). */
  start(options: PushStart): PushEngine;
  /** The engine, once started. */
  readonly engine: PushEngine | undefined;
  /** Stops the engine and waits for every outgoing call in flight, within `timeoutMs`. */
  stop(timeoutMs: number): Promise<void>;
}

/**
 * Creates the push side of the app over the store the configuration chose: with SQLite, follows and the
 * ledger live in the same file (same connection); with Redis, in the same Redis, shared by every instance
 * (one of them sends at a time); in memory (tests, preview), a SQLite ledger in memory.
 */
export function createPushSetup(options: {
  config: Config;
  store: Store;
  logger: Logger;
  client?: ApiClientOptions;
}): PushSetup {
  const { config, store, logger } = options;
  const scope = config.botId;
  const redis = store.kind === "redis" && "client" in store ? (store as RedisStore) : undefined;
  // With several instances, a 429 on any of them pauses all: the pause's end is shared in Redis and read
  // by every instance once a second.
  const pauseKey = redis === undefined ? "" : `${redis.prefix}{${scope}:push}:pause`;
  const calls = new OutgoingCalls({
    maxInFlight: config.apiMaxInFlight,
    pushRate: config.pushRate,
    ...(redis === undefined
      ? {}
      : {
          onPause: (until: number) =>
            void redis.client
              .set(pauseKey, String(until), "PX", Math.max(1, until - Date.now()))
              .catch(() => undefined),
        }),
  });
  const reader = calls.readerLane();
  let follows: FollowStore;
  let ledger: PushLedger;
  if (redis !== undefined) {
    follows = createRedisFollowStore(redis.client, redis.prefix, scope);
    ledger = createRedisLedger(redis.client, redis.prefix, scope);
    const poll = setInterval(() => {
      redis.client.get(pauseKey).then(
        (until) => {
          if (until !== null) calls.pauseUntil(Number(until));
        },
        () => undefined,
      );
    }, 1000);
    poll.unref();
  } else if (store.kind === "sqlite" && "db" in store) {
    const db = (store as { db: Database.Database }).db;
    follows = createSqliteFollowStore(db, scope);
    ledger = createSqliteLedger(db, scope);
  } else {
    follows = createMemoryFollowStore();
    ledger = createSqliteLedger(new Database(":memory:"), scope);
  }
  let engine: PushEngine | undefined;
  const statusFile = store.kind === "sqlite" ? join(config.dataDir, PUSH_STATUS_FILE) : undefined;
  const writeStatus = (lines: PushStatusLine[]): void => {
    if (statusFile === undefined) return;
    try {
      writeFileSync(statusFile, JSON.stringify({ at: new Date().toISOString(), pushes: lines }));
    } catch (err) {
      logger.warn({ err }, "push: could not write the status file");
    }
  };
  return {
    calls,
    follows,
    membership: followChatMembership(follows),
    conversationLane: async (ctx, next) => {
      ctx.api.config.use(reader);
      await next();
    },
    replyLane: async (ctx, next) => {
      ctx.api.config.use(calls.updateLane(ctx.update.update_id));
      await next();
    },
    get engine() {
      return engine;
    },
    start(start) {
      if (engine !== undefined) return engine;
      const api = new Api(config.botToken, {
        ...options.client,
        ...(config.apiRoot === undefined ? {} : { apiRoot: config.apiRoot }),
      });
      api.config.use(calls.pushLane());
      engine = new PushEngine({
        api,
        follows,
        ledger,
        render: start.render,
        renderDigest: start.renderDigest,
        logger,
        pushRate: config.pushRate,
        concurrency: calls.maxPushInFlight,
        // A polling bot holds its SQLite file alone (exclusive locking): no other process can send.
        alone: store.kind === "sqlite" && config.mode === "polling",
        // Another instance takes over a dead sender's push as it takes over its updates.
        leaseMs: config.inboxLeaseSeconds * 1000,
        paid: config.pushPaid,
        ...(config.channelId === undefined
          ? {}
          : { channel: { chatId: config.channelId, lang: config.defaultLocale } }),
        onProgress: writeStatus,
      });
      engine.start(start.events);
      return engine;
    },
    async stop(timeoutMs) {
      const begin = Date.now();
      await engine?.stop(timeoutMs);
      await calls.stop(Math.max(0, timeoutMs - (Date.now() - begin)));
    },
  };
}
