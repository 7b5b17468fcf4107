import { Composer } from "grammy";
import type { InlineQueryResultArticle } from "grammy/types";
import { RateLimiterMemory } from "rate-limiter-flexible";
import type { BotContext } from "../context.js";
import { langFromTelegram } from "../i18n.js";
import type { ReaderViews } from "../reader-views.js";
import { guestAnswer, guestNotice } from "../render/inline/guest.js";
import { INLINE_RATE_LIMIT, type InlineOptions } from "./inline.js";

/**
 * Guest Mode (Bot API 10.0): a reader mentions the bot in a chat it is not a member of (a group, a private
 * chat with a friend), and the bot answers that one message with `answerGuestQuery`: the article inline mode
 * would give for the mention's words (a person's quotes, the best passage, the summary for a bare mention),
 * with its "Read the story" button. Like inline queries it reads no session and writes nothing (mounted
 * before the guards and the session), has a per-reader budget of its own, and answers every guest message
 * exactly once: over the budget, or when rendering fails, with a short notice.
 */
export function guestFeature(views: ReaderViews, options: InlineOptions = {}): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const limiter = new RateLimiterMemory({
    points: options.limit ?? INLINE_RATE_LIMIT.limit,
    duration: Math.max(1, Math.round((options.timeFrameMs ?? INLINE_RATE_LIMIT.timeFrameMs) / 1000)),
    keyPrefix: "guest",
  });
  composer.on("guest_message", async (ctx) => {
    const message = ctx.guestMessage;
    if (message === undefined) return;
    const lang = langFromTelegram(message.from?.language_code, views.deps.defaultLang);
    const view = views.for(lang, views.catalog.newest);
    const botUsername = ctx.me.username;
    const passed =
      message.from === undefined ||
      (await limiter.consume(String(message.from.id)).then(
        () => true,
        () => false,
      ));
    let result: InlineQueryResultArticle;
    if (!passed) {
      ctx.logger.debug("guest message over the rate limit");
      result = guestNotice(view, "slow", view.t("slow-down"), botUsername);
    } else {
      try {
        result = guestAnswer({
          catalog: views.catalog,
          text: message.text ?? message.caption ?? "",
          lang,
          botUsername,
          viewFor: (story) => views.for(lang, story),
        });
      } catch (err) {
        ctx.logger.error({ err }, "guest message failed: bug");
        result = guestNotice(view, "error", view.t("error-generic"), botUsername);
      }
    }
    await ctx.answerGuestQuery(result);
  });
  return composer;
}
