import type { Logger } from "pino";

/**
 * What this process spends on inline queries of all users together: at most this many a second, and this
 * many at once (each holds a handler slot until Telegram takes its answer). Inline queries arrive per
 * keystroke from anyone who types the bot's name, so thousands of accounts can send them faster than each
 * reader's own budget (the inline feature's) can tell; beyond these caps a query is left unanswered (its
 * reader's client gives up on it after a few seconds, and their next keystroke asks again), so readers' own
 * messages and buttons, which share the process, the handler slots and the Bot API connection, are not kept
 * waiting. Per process, because it is this process's time that it protects.
 */
export const INLINE_GLOBAL_LIMIT = { perSecond: 100, atOnce: 32 } as const;

/** A dropped-query count is logged at most once per this long. */
const DROP_LOG_INTERVAL_MS = 10_000;

/** The caps of {@link createInlineGate}. */
export interface InlineCaps {
  perSecond: number;
  atOnce: number;
}

/**
 * The door's check of {@link INLINE_GLOBAL_LIMIT} (or `caps`): runs `handle` for a query within the caps, and
 * drops one beyond them before grammY sees it, so a query of a flood costs a comparison, not a context, a
 * logger and a walk through the middleware. Drops are counted and logged at most every 10 s.
 */
export function createInlineGate(
  caps: InlineCaps,
  logger: Logger,
): (handle: () => Promise<void>) => Promise<void> {
  // A fixed one-second window, counted synchronously.
  let windowStart = Number.NEGATIVE_INFINITY;
  let inWindow = 0;
  let running = 0;
  let dropped = 0;
  let droppedLoggedAt = Number.NEGATIVE_INFINITY;
  return async (handle) => {
    const now = performance.now();
    if (now - windowStart >= 1000) {
      windowStart = now;
      inWindow = 0;
    }
    if (inWindow >= caps.perSecond || running >= caps.atOnce) {
      dropped++;
      if (now - droppedLoggedAt >= DROP_LOG_INTERVAL_MS) {
        logger.warn({ dropped }, "inline queries over the global cap left unanswered");
        droppedLoggedAt = now;
        dropped = 0;
      }
      return;
    }
    inWindow++;
    running++;
    try {
      await handle();
    } finally {
      running--;
    }
  };
}
