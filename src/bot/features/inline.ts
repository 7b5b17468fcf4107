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

/** Options of {@link inlineFeature}. */
export interface InlineOptions {
  /** Queries per reader per `timeFrameMs` (default {@link INLINE_RATE_LIMIT}). */
  limit?: number;
  timeFrameMs?: number;
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
 * Every query that reaches it is answered exactly once: over its reader's limit, or when rendering fails,
 * with an empty list that Telegram keeps for a moment only. (The caps all readers share are the door's, in
 * `updates/inline-gate.ts`: queries beyond them never reach the bot.)
 */
export function inlineFeature(views: ReaderViews, options: InlineOptions = {}): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const limiter = readerLimiter(options);
  const empty = (ctx: BotContext) =>
    ctx.answerInlineQuery([], { cache_time: INLINE_RETRY_SECONDS, is_personal: true });

  composer.on("inline_query", async (ctx) => {
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
