import { limit } from "@grammyjs/ratelimiter";
import type { MiddlewareFn } from "grammy";
import type { InlineKeyboardMarkup } from "grammy/types";
import type { BotContext } from "../bot/context.js";

/** Normal fast tapping (a few menu buttons in a row) passes; a flood does not. */
export const RATE_LIMIT = { limit: 5, timeFrameMs: 2000 } as const;

/** The two Redis commands the rate limiter uses; an ioredis client has them. */
export interface CounterClient {
  incr(key: string): Promise<number>;
  pexpire(key: string, milliseconds: number): Promise<number>;
}

/** Options of {@link rateLimitReaders}. */
export interface RateLimitOptions {
  /** Shares the counts between webhook instances; without it each process counts on its own. */
  redis?: CounterClient;
  /** Prefix of the Redis counter keys, e.g. `khabar:<bot id>:rate:`. */
  keyPrefix: string;
  /** The "slow down" notice in the reader's language. */
  notice: (ctx: BotContext) => string;
  /** Buttons under the notice (the menu), so the reader has a way on once the flood passes. */
  keyboard?: (ctx: BotContext) => InlineKeyboardMarkup | undefined;
  limit?: number;
  timeFrameMs?: number;
}

/**
 * Limits each reader (by `from.id`) to `limit` updates per `timeFrameMs`; updates without a sender (channel
 * posts) are not limited. Excess updates are dropped. The reader is told once per window to slow down, and
 * every dropped button press is still answered, silently after the first, so no client is left with a
 * spinning button.
 */
export function rateLimitReaders(options: RateLimitOptions): MiddlewareFn<BotContext> {
  // The plugin calls onLimitExceeded only for the first excess update of a window; remember which one it was.
  const firstExcess = new WeakSet<BotContext>();
  const limiter = limit<BotContext, CounterClient>({
    limit: options.limit ?? RATE_LIMIT.limit,
    timeFrame: options.timeFrameMs ?? RATE_LIMIT.timeFrameMs,
    storageClient: options.redis ?? "MEMORY_STORE",
    keyPrefix: options.keyPrefix,
    keyGenerator: (ctx) => ctx.from?.id.toString(),
    onLimitExceeded: (ctx) => {
      firstExcess.add(ctx);
    },
  });
  return async (ctx, next) => {
    let passed = false;
    await limiter(ctx, async () => {
      passed = true;
      await next();
    });
    if (passed) return;
    const tell = firstExcess.has(ctx);
    ctx.logger.debug({ user_id: ctx.from?.id, told: tell }, "update dropped by the rate limit");
    if (ctx.callbackQuery) {
      await ctx.answerCallbackQuery(tell ? { text: options.notice(ctx) } : undefined);
    } else if (tell && ctx.chat !== undefined && ctx.chat.type !== "channel") {
      const keyboard = options.keyboard?.(ctx);
      await ctx.reply(options.notice(ctx), keyboard ? { reply_markup: keyboard } : undefined);
    }
  };
}
