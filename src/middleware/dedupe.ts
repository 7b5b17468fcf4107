import type { MiddlewareFn } from "grammy";
import type { BotContext } from "../bot/context.js";
import type { Store } from "../storage/types.js";

/**
 * Drops updates that were already handled. Telegram re-sends an update when it is unsure we got it (a webhook
 * answer that came too late, a poll offset that was never confirmed before a crash), and several webhook
 * instances may each receive it. The mark is set *before* handling: if the process dies half-way, the
 * update is lost rather than answered twice, the safer side for a bot that sends messages.
 */
export function dedupeUpdates(store: Store): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    if (!(await store.markUpdateSeen(ctx.update.update_id))) {
      ctx.logger.debug("duplicate update skipped");
      return;
    }
    await next();
  };
}
