import type { MiddlewareFn } from "grammy";
import type { InlineKeyboardMarkup } from "grammy/types";
import type { Cluster, Redis } from "ioredis";
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from "rate-limiter-flexible";
import type { BotContext } from "../bot/context.js";

/** Normal fast tapping (a few menu buttons in a row) passes; a flood does not. */
export const RATE_LIMIT = { limit: 5, timeFrameMs: 2000 } as const;

/** Options of {@link rateLimitReaders}. */
export interface RateLimitOptions {
  /** Shares the counts between webhook instances; without it each process counts on its own. */
  redis?: Redis | Cluster;
  /** Prefix of the Redis counter keys, e.g. `khabar:<bot id>:rate:`; the reader's id follows it. */
  keyPrefix: string;
  /** The "slow down" notice in the reader's language. */
  notice: (ctx: BotContext) => string;
  /** Buttons under the notice (the menu), so the reader has a way on once the flood passes. */
  keyboard?: (ctx: BotContext) => InlineKeyboardMarkup | undefined;
  limit?: number;
  /** The window; whole seconds, because Redis expiries are set in seconds. */
  timeFrameMs?: number;
}

/**
 * Builds the counter: rate-limiter-flexible's Redis limiter counts and sets the expiry in one Lua script
 * (`SET NX EX` + `INCRBY` + `PTTL`, and `EXPIRE` again for a counter found without one), so no crash between
 * steps can leave a counter that never expires and mutes a reader for good (the INCR-then-PEXPIRE of
 * @grammyjs/ratelimiter could). While Redis fails, counting falls back to this process's memory
 * (`insuranceLimiter`) instead of failing the update or letting floods through.
 */
function createLimiter(options: RateLimitOptions): RateLimiterAbstract {
  const points = options.limit ?? RATE_LIMIT.limit;
  const duration = Math.max(1, Math.round((options.timeFrameMs ?? RATE_LIMIT.timeFrameMs) / 1000));
  // The library joins prefix and key with ":"; keep the keys exactly `<keyPrefix><user id>`.
  const keyPrefix = options.keyPrefix.replace(/:$/, "");
  const memory = new RateLimiterMemory({ points, duration, keyPrefix });
  if (options.redis === undefined) return memory;
  return new RateLimiterRedis({
    storeClient: options.redis,
    points,
    duration,
    keyPrefix,
    insuranceLimiter: memory,
  });
}

/**
 * Limits each reader (by `from.id`) to `limit` updates per `timeFrameMs`; updates without a sender (channel
 * posts) are not limited. Excess updates are dropped. The reader is told once per window to slow down (the
 * update whose count is exactly one over the limit: counts are atomic, so exactly one per window), and
 * every dropped button press is still answered, silently after the first, so no client is left with a
 * spinning button.
 */
export function rateLimitReaders(options: RateLimitOptions): MiddlewareFn<BotContext> {
  const limiter = createLimiter(options);
  const points = options.limit ?? RATE_LIMIT.limit;
  return async (ctx, next) => {
    const id = ctx.from?.id;
    if (id === undefined) return next();
    let consumed: number;
    try {
      consumed = (await limiter.consume(String(id))).consumedPoints;
    } catch (rejection) {
      // The limiter rejects with its result when the reader is over the limit. Anything else (Redis errors
      // go to the memory fallback) is a bug, for the error boundary to report.
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      consumed = rejection.consumedPoints;
    }
    if (consumed <= points) return next();
    const tell = consumed === points + 1;
    ctx.logger.debug({ user_id: id, told: tell }, "update dropped by the rate limit");
    if (ctx.callbackQuery) {
      await ctx.answerCallbackQuery(tell ? { text: options.notice(ctx) } : undefined);
    } else if (tell && ctx.chat !== undefined && ctx.chat.type !== "channel") {
      const keyboard = options.keyboard?.(ctx);
      await ctx.reply(options.notice(ctx), keyboard ? { reply_markup: keyboard } : undefined);
    }
  };
}
