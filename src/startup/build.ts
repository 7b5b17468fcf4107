import type { Bot, BotConfig } from "grammy";
import type { Logger } from "pino";
import type { BotContext } from "../bot/context.js";
import { createBot } from "../bot/create-bot.js";
import { langFromTelegram, type Translations } from "../bot/i18n.js";
import type { ReaderViews } from "../bot/reader-views.js";
import { menuButton, screen } from "../bot/render/view.js";
import type { Config } from "../config.js";
import type { StorySource } from "../content/library.js";
import { autoRetryInConversations, installAutoRetry } from "../middleware/auto-retry.js";
import { rateLimitReaders } from "../middleware/rate-limit.js";
import { sequentializeReaders } from "../middleware/sequentialize.js";
import type { FollowStore } from "../push/follow-store.js";
import { createPushSetup, type PushSetup } from "../push/setup.js";
import {
  createRedisStore,
  createSqliteStore,
  DEFAULT_REDIS_PREFIX,
  type MemoryStore,
  type RedisStore,
  type SqliteStore,
} from "../storage/index.js";
import type { Store } from "../storage/types.js";
import { createDurable, type Durable } from "../updates/durable.js";
import { createInFlight, type InFlight } from "../updates/in-flight.js";
import { INLINE_GLOBAL_LIMIT } from "../updates/inline-gate.js";

/** How long one Bot API call may take before it counts as failed (and may be retried). */
export const API_TIMEOUT_SECONDS = 60;

/** Everything the entry point runs and shuts down. */
export interface App {
  bot: Bot<BotContext>;
  i18n: Translations;
  views: ReaderViews;
  store: Store;
  /** The updates being handled (counted by the door below), for shutdown. */
  inFlight: InFlight;
  /**
   * The door the transports hand updates to: the inbox (at-least-once handling, effects once), then
   * `bot.handleUpdate` counted in flight. Nothing reaches the bot any other way.
   */
  durable: Durable;
  /** The outgoing-call scheduler, what chats follow, and the push engine (started by `push.start`). */
  push: PushSetup;
}

/** Replacements for in-process tests: a memory store, a fake `fetch` and a known `botInfo`. */
export interface AppOverrides {
  store?: MemoryStore | SqliteStore | RedisStore;
  botConfig?: BotConfig<BotContext>;
  /** Where follows are kept, in place of the store's own (tests). */
  follows?: FollowStore;
  /**
   * The inline caps in place of {@link INLINE_GLOBAL_LIMIT}: the benchmark lifts them to measure what an
   * answer costs, which dropped queries would hide.
   */
  inlineGlobal?: { perSecond: number; atOnce: number };
}

/**
 * Opens the store the configuration asks for: Redis when `REDIS_URL` is set (shared by every instance),
 * otherwise one SQLite file in `DATA_DIR` (no server to install). Scoped by the bot id, because update ids
 * are only unique per bot and several bots may share a database.
 */
function openStore(config: Config, logger: Logger): RedisStore | SqliteStore {
  if (config.redisUrl !== undefined) {
    return createRedisStore({
      url: config.redisUrl,
      cluster: config.redisCluster,
      scope: config.botId,
      onError: (err) => logger.warn({ err }, "Redis is unreachable; retrying in the background"),
    });
  }
  // One polling process owns its file: exclusive locking keeps the WAL index off a memory-mapped -shm
  // (no SIGBUS when that file is damaged). A webhook instance keeps the file shareable.
  return createSqliteStore({
    dir: config.dataDir,
    scope: config.botId,
    exclusive: config.mode === "polling",
  });
}

/**
 * Wires the bot for running in a process: store, guards, outgoing-call retries and in-flight tracking around
 * `createBot`, and the door in front of it: the inbox (`createDurable`) records each update and skips one
 * already handled or being handled, then the bot handles it, counted in flight. The guards run first, in
 * this order:
 * 1. rate limit: a flood is dropped before it queues behind the reader's earlier updates;
 * 2. sequentialize: one chat's and one reader's updates run one at a time, before session and conversations
 *    read their state (needed under the runner, cheap insurance for webhooks after a timeout).
 */
export function buildApp(
  config: Config,
  stories: StorySource,
  logger: Logger,
  overrides: AppOverrides = {},
): App {
  const store = overrides.store ?? openStore(config, logger);
  // The notice is rendered by createBot's views, which exist only once the bot is built; the guard runs
  // later, per update, so it reads them late. The session comes after the guards, so the reader's
  // language here is the one their Telegram client reports.
  let views: ReaderViews | undefined;
  const slowDown = (ctx: BotContext): string =>
    views?.for(langFromTelegram(ctx.from?.language_code, config.defaultLocale)).t("slow-down") ?? "…";
  const slowDownKeyboard = (ctx: BotContext) => {
    const view = views?.for(langFromTelegram(ctx.from?.language_code, config.defaultLocale));
    return view ? screen(view, [], [[menuButton(view)]]).keyboard : undefined;
  };

  const client = overrides.botConfig?.client ?? {
    ...(config.apiRoot === undefined ? {} : { apiRoot: config.apiRoot }),
    timeoutSeconds: API_TIMEOUT_SECONDS,
  };
  // Every outgoing call, the bot's and the pushes', goes through one scheduler (src/push/outgoing-calls.ts).
  const push = createPushSetup({ config, store, logger, client });

  const built = createBot({
    token: config.botToken,
    stories,
    store,
    logger,
    defaultLang: config.defaultLocale,
    // What chats follow lives in the store the engine delivers from (SQLite, Redis, or memory in tests).
    follows: overrides.follows ?? push.follows,
    ...(config.editorsChatId === undefined ? {} : { editorsChatId: config.editorsChatId }),
    botConfig: overrides.botConfig ?? {
      client: {
        ...(config.apiRoot === undefined ? {} : { apiRoot: config.apiRoot }),
        // grammY waits 500 s for an answer by default; a hung call should not hold an update (or a
        // shutdown) that long. Above the 30 s long poll, so getUpdates is never cut short.
        timeoutSeconds: API_TIMEOUT_SECONDS,
      },
    },
    guards: [
      push.replyLane,
      push.membership,
      rateLimitReaders({
        redis: store.kind === "redis" ? store.client : undefined,
        keyPrefix: `${DEFAULT_REDIS_PREFIX}${config.botId}:rate:`,
        notice: slowDown,
        keyboard: slowDownKeyboard,
      }),
      sequentializeReaders(),
    ],
    conversationPlugins: [push.conversationLane, autoRetryInConversations, push.replyLane],
    // Each reader's inline budget is shared by every instance when they share Redis, like the message limit.
    inline: {
      redis: store.kind === "redis" ? store.client : undefined,
      keyPrefix: `${DEFAULT_REDIS_PREFIX}${config.botId}:inline:`,
    },
  });
  views = built.views;
  // Innermost, under the retries: every attempt waits for a slot and for a 429's pause.
  built.bot.api.config.use(push.calls.readerLane());
  installAutoRetry(built.bot.api);
  // Only reachable for errors outside createBot's error boundary; without it the runner would print the
  // raw error with console.error, past the redacting logger.
  built.bot.catch((err) => {
    logger.error(
      { err: err.error, update_id: err.ctx.update.update_id },
      "update failed outside the error boundary",
    );
  });
  const inFlight = createInFlight();
  const { bot } = built;
  const durable = createDurable({
    inbox: store.inbox,
    logger,
    leaseMs: config.inboxLeaseSeconds * 1000,
    // Inbox first, then the in-flight count, then the bot: shutdown waits for handlers, not for the store.
    handle: (update) => inFlight.count(() => bot.handleUpdate(update)),
    // A flood of inline queries from many accounts is cut here, before it costs grammY anything.
    inlineCaps: overrides.inlineGlobal ?? INLINE_GLOBAL_LIMIT,
    // A crash repeats at most API_MAX_IN_FLIGHT replies: see OutgoingCalls.beginUpdate.
    replies: { begin: (id) => push.calls.beginUpdate(id), end: (id) => push.calls.endUpdate(id) },
  });
  return { bot: built.bot, i18n: built.i18n, views: built.views, store, inFlight, durable, push };
}
