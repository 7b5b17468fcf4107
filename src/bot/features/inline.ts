import { Composer } from "grammy";
import type { Cluster, Redis } from "ioredis";
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis } from "rate-limiter-flexible";
import type { BotContext } from "../context.js";
import { langFromTelegram } from "../i18n.js";
import type { ReaderViews } from "../reader-views.js";
import { inlineAnswer } from "../render/inline/answer.js";

/**
 * Inline queries arrive on every keystroke, so each reader has a budget of their own, apart from the one for
 * messages: typing a long name at speed stays under it, a script does not.
 */
export const INLINE_RATE_LIMIT = { limit: 30, timeFrameMs: 5000 } as const;
/** An over-limit or failed query's empty answer is cached this briefly, and only for its reader. */
export const INLINE_RETRY_SECONDS = 2;

/**
 * What this process spends on inline queries of all users together: at most this many a second, and this
 * many at once (each holds a handler slot until Telegram takes its answer). Inline queries arrive per
 * keystroke from anyone who types the bot's name, so thousands of accounts can send them faster than the
 * per-user budget can tell; beyond these caps a query is left unanswered (its reader's client gives up on
 * it after a few seconds, and their next keystroke asks again), so readers' own messages and buttons,
 * which share the process, the handler slots and the Bot API connection, are not kept waiting. Per
 * process, because it is this process's time that it protects.
 */
export const INLINE_GLOBAL_LIMIT = { perSecond: 100, atOnce: 32 } as const;

/** A dropped-query count is logged at most once per this long. */
const DROP_LOG_INTERVAL_MS = 10_000;

/** Options of {@link inlineFeature}. */
export interface InlineOptions {
  /** Queries per reader per `timeFrameMs` (default {@link INLINE_RATE_LIMIT}). */
  limit?: number;
  timeFrameMs?: number;
  /**
   * All readers' queries a second, and at once, in this process (default: no cap; the production wiring,
   * `buildApp`, sets {@link INLINE_GLOBAL_LIMIT}).
   */
  globalPerSecond?: number;
  globalAtOnce?: number;
  /** Counts each reader's queries in Redis, shared by every instance; without it each process counts alone. */
  redis?: Redis | Cluster;
  /** Prefix of the Redis counter keys (the reader's id follows it); required with `redis`. */
  keyPrefix?: string;
}

/** The per-reader budget: in Redis when given (falling back to memory while Redis fails), else in memory. */
function readerLimiter(options: InlineOptions): RateLimiterAbstract {
  const points = options.limit ?? INLINE_RATE_LIMIT.limit;
  const duration = Math.max(1, Math.round((options.timeFrameMs ?? INLINE_RATE_LIMIT.timeFrameMs) / 1000));
  const memory = new RateLimiterMemory({ points, duration, keyPrefix: "inline" });
  if (options.redis === undefined) return memory;
  return new RateLimiterRedis({
    storeClient: options.redis,
    points,
    duration,
    // The library joins prefix and key with ":".
    keyPrefix: (options.keyPrefix ?? "khabar:inline:").replace(/:$/, ""),
    insuranceLimiter: memory,
  });
}

/**
 * `@bot <query>` in any chat: searches the served stories (see `findItems`) and answers with articles that
 * stand on their own in the receiving chat. It reads no session and writes nothing (mount it before the
 * guards and the session): an answer depends only on the query, the offset and the client's language.
 * Every query within {@link INLINE_GLOBAL_LIMIT} is answered exactly once: over its reader's limit, or
 * when rendering fails, with an empty list that Telegram keeps for a moment only. Queries beyond the global
 * caps are left unanswered (see there), and counted in the log.
 */
export function inlineFeature(views: ReaderViews, options: InlineOptions = {}): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const limiter = readerLimiter(options);
  const perSecond = options.globalPerSecond ?? Number.POSITIVE_INFINITY;
  const atOnce = options.globalAtOnce ?? Number.POSITIVE_INFINITY;
  // A fixed one-second window, counted synchronously: a dropped query costs a comparison, nothing more.
  let windowStart = 0;
  let inWindow = 0;
  let running = 0;
  let dropped = 0;
  let droppedLoggedAt = Number.NEGATIVE_INFINITY;
  const empty = (ctx: BotContext) =>
    ctx.answerInlineQuery([], { cache_time: INLINE_RETRY_SECONDS, is_personal: true });

  composer.on("inline_query", async (ctx) => {
    // The caps all readers share come first and cost a comparison: under a flood from thousands of
    // accounts, a query dropped here allocates no per-reader counter (one account's own flood spends at
    // most its reader budget of the shared one).
    const now = performance.now();
    if (now - windowStart >= 1000) {
      windowStart = now;
      inWindow = 0;
    }
    if (inWindow >= perSecond || running >= atOnce) {
      dropped++;
      if (now - droppedLoggedAt >= DROP_LOG_INTERVAL_MS) {
        ctx.logger.warn({ dropped }, "inline queries over the global cap left unanswered");
        droppedLoggedAt = now;
        dropped = 0;
      }
      return;
    }
    inWindow++;
    running++;
    try {
      const from = ctx.inlineQuery.from;
      const passed = await limiter.consume(String(from.id)).then(
        () => true,
        () => false,
      );
      if (!passed) {
        ctx.logger.debug({ user_id: from.id }, "inline query over the rate limit");
        await empty(ctx);
        return;
      }
      await answerQuery(ctx, from);
    } finally {
      running--;
    }
  });

  async function answerQuery(ctx: BotContext, from: { language_code?: string }) {
    const query = ctx.inlineQuery;
    if (query === undefined) return;
    const lang = langFromTelegram(from.language_code, views.deps.defaultLang);
    let answer: ReturnType<typeof inlineAnswer>;
    try {
      answer = inlineAnswer({
        catalog: views.catalog,
        query: query.query,
        offset: query.offset,
        lang,
        botUsername: ctx.me.username,
        viewFor: (story) => views.for(lang, story),
      });
    } catch (err) {
      ctx.logger.error({ err }, "inline query failed: bug");
      await empty(ctx);
      return;
    }
    await ctx.answerInlineQuery(answer.results, answer.options);
  }
  return composer;
}
