import { Composer } from "grammy";
import { RateLimiterMemory } from "rate-limiter-flexible";
import type { BotContext } from "../context.js";
import type { Views } from "../helpers/views.js";
import { langFromTelegram } from "../i18n.js";
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
  limit?: number;
  timeFrameMs?: number;
}

/**
 * `@bot <query>` in any chat: searches the served stories (see `findItems`) and answers with articles that
 * stand on their own in the receiving chat. It reads no session and writes nothing (mount it before the
 * guards and the session): an answer depends only on the query, the offset and the client's language.
 * Every query is answered exactly once: over the limit, or when rendering fails, with an empty list that
 * Telegram keeps for a moment only.
 */
export function inlineFeature(views: Views, options: InlineOptions = {}): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  // In memory, per process: an inline answer costs no Bot API call of our own beyond the answer itself,
  // so a budget per instance is enough (unlike messages, whose limit is shared in Redis).
  const limiter = new RateLimiterMemory({
    points: options.limit ?? INLINE_RATE_LIMIT.limit,
    duration: Math.max(1, Math.round((options.timeFrameMs ?? INLINE_RATE_LIMIT.timeFrameMs) / 1000)),
    keyPrefix: "inline",
  });
  const empty = (ctx: BotContext) =>
    ctx.answerInlineQuery([], { cache_time: INLINE_RETRY_SECONDS, is_personal: true });

  composer.on("inline_query", async (ctx) => {
    const passed = await limiter.consume(String(ctx.from.id)).then(
      () => true,
      () => false,
    );
    if (!passed) {
      ctx.logger.debug({ user_id: ctx.from.id }, "inline query over the rate limit");
      await empty(ctx);
      return;
    }
    const lang = langFromTelegram(ctx.from.language_code, views.deps.defaultLang);
    let answer: ReturnType<typeof inlineAnswer>;
    try {
      answer = inlineAnswer({
        catalog: views.catalog,
        query: ctx.inlineQuery.query,
        offset: ctx.inlineQuery.offset,
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
  });
  return composer;
}
