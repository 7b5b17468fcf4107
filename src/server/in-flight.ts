import type { Bot, Context } from "grammy";

/** Counts the updates being handled, so shutdown can wait for them. */
export interface InFlight {
  /** Updates currently being handled. */
  readonly size: number;
  /** Resolves true once nothing is in flight, or false when `timeoutMs` passes first. */
  idle(timeoutMs: number): Promise<boolean>;
}

/**
 * Wraps `bot.handleUpdate`, the one door every update goes through in both modes (the runner's sink and
 * `webhookCallback` both call it), to count what is in flight. It counts the whole update including the
 * error boundary's reply, and in webhook mode also the part that may still run after the HTTP answer
 * went out (see the webhook's `onTimeout`), which an HTTP-level count would miss.
 */
export function trackInFlight<C extends Context>(bot: Bot<C>): InFlight {
  const handle = bot.handleUpdate.bind(bot);
  let size = 0;
  let waiters: Array<() => void> = [];
  bot.handleUpdate = async (update, webhookReplyEnvelope) => {
    size++;
    try {
      return await handle(update, webhookReplyEnvelope);
    } finally {
      size--;
      if (size === 0) {
        const done = waiters;
        waiters = [];
        for (const resolve of done) resolve();
      }
    }
  };
  return {
    get size() {
      return size;
    },
    idle(timeoutMs) {
      if (size === 0) return Promise.resolve(true);
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), timeoutMs);
        waiters.push(() => {
          clearTimeout(timer);
          resolve(true);
        });
      });
    },
  };
}
