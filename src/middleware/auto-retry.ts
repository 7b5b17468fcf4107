import { autoRetry } from "@grammyjs/auto-retry";
import { type Api, HttpError, type MiddlewareFn, type Transformer } from "grammy";
import type { ConversationContext } from "../bot/context.js";

/**
 * How outgoing Bot API calls are retried: a short outage must not cost a reader their reply, and a retry
 * must never hold an update past the 8 s webhook answer window (WEBHOOK_TIMEOUT_MS) or the 9 s shutdown
 * budget (SHUTDOWN_BUDGET_MS).
 *
 * - 429 Too Many Requests: retried once after exactly `retry_after` seconds, if that is at most 2 s
 *   (@grammyjs/auto-retry). A longer flood wait is not retried: the reader would be gone by then.
 * - 5xx and network errors (grammY's `HttpError`: a refused or dropped connection, a proxy's HTML page):
 *   retried up to 3 times, after 250 ms, 500 ms and 1 s (our own transformer, below), so an outage of up
 *   to ~1.75 s costs nothing. The budget of 3 is per call, shared by auto-retry's attempts.
 * - Any other 4xx is final and never retried: 403 "bot was blocked by the user", 400 "message is not
 *   modified", 400 "query is too old" are answers, handled quietly by the bot (errors.ts, show-screen.ts).
 * - getUpdates is left alone: @grammyjs/runner has its own retry loop for it, and it is aborted on stop.
 *
 * Worst case for one call: 5 requests, and at most 2 × 2 s (auto-retry pauses before it checks the
 * attempts left, so a second 429 costs a second pause) + 1.75 s = 5.75 s of pauses, plus the requests'
 * own time: well inside the 8 s webhook window and the 9 s shutdown budget. (A 3 s cap would make it
 * 7.75 s, too close.) A reply of several messages, or a failed reply plus the error boundary's apology,
 * pays this per call. Pauses end early when the call's signal aborts. One slow request is bounded by the
 * client's timeout, not by this policy.
 *
 * Inside conversations the plugin records every attempt, and replaying a later step runs this policy again
 * over the recorded answers: a step that needed retries waits its pauses again on each replay (the same
 * bound; for a /quotes start retried 3 times, the next step answers 1.75 s later).
 *
 * Why not the plugin alone: its backoff for 5xx and network errors starts at 3 s and doubles, and its
 * `HttpError` loop ignores `maxRetryAttempts` (it retries forever); hence `rethrowInternalServerErrors` and
 * `rethrowHttpErrors` here, and the bounded retry below for those.
 *
 * Residual risk, accepted: a connection cut (or a 5xx) *after* Telegram accepted a sendMessage looks the
 * same to us as one before it, and the Bot API has no idempotency key, so in that rare case the retry
 * delivers the message twice. We prefer a rare duplicate to a lost reply. (Calls with `InputFile` streams
 * could not be retried at all; the bot sends none.)
 */
export const AUTO_RETRY_OPTIONS = {
  maxRetryAttempts: 1,
  maxDelaySeconds: 2,
  rethrowInternalServerErrors: true,
  rethrowHttpErrors: true,
} as const;

/** The pauses before each retry of a 5xx or network failure; their number is the retry budget of a call. */
export const TRANSIENT_RETRY_DELAYS_MS: readonly number[] = [250, 500, 1000];

/** Methods whose failures are retried by someone else. */
const NOT_RETRIED = new Set(["getUpdates"]);

/** The signal grammY hands transformers (on Node, the abort-controller polyfill's type). */
type CallSignal = Parameters<Transformer>[3];

/** Waits `ms`, or resolves `false` at once if `signal` aborts first. */
function pause(ms: number, signal: CallSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve(false);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener("abort", onAbort);
  });
}

/**
 * Retries 5xx answers and network errors with the pauses in `delaysMs`. Installed *inside* auto-retry, so
 * it sees every attempt; auto-retry hands each of its attempts the same payload object, which is how the
 * budget is kept per call rather than per attempt (a WeakMap, so nothing outlives the call).
 */
export function retryTransientFailures(delaysMs: readonly number[] = TRANSIENT_RETRY_DELAYS_MS): Transformer {
  const used = new WeakMap<object, number>();
  return async (prev, method, payload, signal) => {
    if (NOT_RETRIED.has(method)) return prev(method, payload, signal);
    for (;;) {
      const retries = used.get(payload) ?? 0;
      const delay = delaysMs[retries];
      let outcome: { result: Awaited<ReturnType<typeof prev<typeof method>>> } | { error: unknown };
      try {
        const result = await prev(method, payload, signal);
        if (result.ok || result.error_code < 500 || delay === undefined) return result;
        outcome = { result };
      } catch (error) {
        if (!(error instanceof HttpError) || delay === undefined || signal?.aborted) throw error;
        outcome = { error };
      }
      used.set(payload, retries + 1);
      if (!(await pause(delay, signal))) {
        // Aborted while waiting: report the last failure as it was.
        if ("error" in outcome) throw outcome.error;
        return outcome.result;
      }
    }
  };
}

/** Installs the retry policy on an Api instance (the bot's own `bot.api`). Order matters: see above. */
export function installAutoRetry(api: Api): void {
  api.config.use(retryTransientFailures());
  api.config.use(autoRetry(AUTO_RETRY_OPTIONS));
}

/**
 * The same policy inside conversations. The conversations plugin builds a fresh `Api` for every context it
 * replays, so transformers installed on `bot.api` never reach it; this plugin re-installs them there.
 */
export const autoRetryInConversations: MiddlewareFn<ConversationContext> = async (ctx, next) => {
  ctx.api.config.use(...conversationRetry);
  await next();
};

/**
 * The transformers of `installAutoRetry`, made once: the plugin replays every step of a conversation on each
 * update, so making them per replayed context cost closures (and a WeakMap) per step. Both keep no state
 * between calls (the retry budget is keyed by each call's own payload), so one pair serves every context.
 */
const conversationRetry = [retryTransientFailures(), autoRetry(AUTO_RETRY_OPTIONS)] as const;
