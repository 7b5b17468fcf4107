import { autoRetry } from "@grammyjs/auto-retry";
import type { Api, MiddlewareFn } from "grammy";
import type { ConversationContext } from "../bot/context.js";

/**
 * How outgoing Bot API calls are retried. Only flood waits (429 with `retry_after` of at most 3 s) are
 * retried, once. Server errors (5xx) and network errors are not: Telegram may already have delivered the
 * message, and a retry would send it twice (the bot prefers at-most-once; the reader can tap again).
 * Long polling has its own retry loop in @grammyjs/runner for getUpdates.
 *
 * Bounds, from the plugin's source: it pauses *before* checking the attempts left, so with one retry a
 * persistent 429 costs at most two pauses of ≤ 3 s: an update waits ≤ ~6 s, inside the 8 s webhook answer
 * window and the 9 s shutdown budget. Without `rethrowHttpErrors` network errors would be retried forever
 * (that loop ignores `maxRetryAttempts`); both defaults are Infinity.
 */
export const AUTO_RETRY_OPTIONS = {
  maxRetryAttempts: 1,
  maxDelaySeconds: 3,
  rethrowInternalServerErrors: true,
  rethrowHttpErrors: true,
} as const;

/** Installs the retry policy on an Api instance (the bot's own `bot.api`). */
export function installAutoRetry(api: Api): void {
  api.config.use(autoRetry(AUTO_RETRY_OPTIONS));
}

/**
 * The same policy inside conversations. The conversations plugin builds a fresh `Api` for every context it
 * replays, so transformers installed on `bot.api` never reach it; this plugin re-installs them there.
 */
export const autoRetryInConversations: MiddlewareFn<ConversationContext> = async (ctx, next) => {
  installAutoRetry(ctx.api);
  await next();
};
