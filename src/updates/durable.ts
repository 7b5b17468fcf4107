import { randomUUID } from "node:crypto";
import type { Update } from "grammy/types";
import type { Logger } from "pino";
import { type Claimed, type Inbox, InboxUnavailable, type Lease } from "../storage/inbox.js";
import { createInlineGate, type InlineCaps } from "./inline-gate.js";

/** A claim not renewed for this long is taken over by another instance (or the next start). */
export const DEFAULT_LEASE_MS = 60_000;

/**
 * An update whose handling was attempted this many times without finishing (crashes, or a store that fails
 * while handling it) is given up with an error line, so one update can never crash-loop the bot for a day.
 */
export const MAX_ATTEMPTS = 8;

/**
 * A handler counts as an attempt once it has run this long without finishing (or when it fails). A process
 * that dies before that costs no update an attempt: a crash loop at start-up (killed moments after each
 * start, a dependency that brings it down) gives no one up, however long it lasts, and the handlers that
 * finish sooner (nearly all) cost no write for it. An update whose handling crashes the process later, or
 * hangs it, is given up after {@link MAX_ATTEMPTS}.
 */
export const ATTEMPT_AFTER_MS = 1000;

/**
 * Webhook instances look for a dead instance's updates this many times per lease, so one is taken over
 * at most a lease and a quarter after its holder's last renewal.
 */
export const RECOVERY_CHECKS_PER_LEASE = 4;

/** The inbox door the transports hand updates to; see {@link createDurable}. */
export interface Durable {
  /** This process's claims: owner id and lease length. */
  readonly lease: Lease;
  /**
   * Records an update a transport received (the webhook route), claims it and handles it; rejects with
   * {@link InboxUnavailable} when the store cannot record it (nothing was handled), and resolves at once
   * for one already done or being handled under a live claim (here or on another instance).
   */
  handleUpdate(update: Update): Promise<void>;
  /** Handles an update this process already claimed (long polling's supplier admitted it). */
  handleClaimed(claimed: Claimed): Promise<void>;
  /**
   * Claims unfinished updates whose holder is gone and handles them, in batches, until none is left;
   * `takeOver` also takes those other owners hold (the single poller at start). Resolves with the count.
   */
  recover(options: { takeOver: boolean }): Promise<number>;
  /** Claims the updates of dead instances {@link RECOVERY_CHECKS_PER_LEASE} times a lease (webhook mode). */
  recoverPeriodically(): () => void;
  /** From now on, claimed updates not yet started are left in the inbox for the next start. */
  stop(): void;
  /** Updates being handled now (ids), for logs. */
  readonly active: ReadonlySet<number>;
}

/**
 * Updates handled at most once, outside the inbox: inline queries arrive on every keystroke, are answered
 * in a moment or never matter again (Telegram shows the next keystroke's answer), and must write nothing
 * (issue: inline queries read no state and write none). Recording them would cost a durable write each.
 */
export function isEphemeral(update: Update): boolean {
  return update.inline_query !== undefined;
}

/** Options of {@link createDurable}. */
export interface DurableOptions {
  inbox: Inbox;
  logger: Logger;
  /** Runs the bot on one update (in a process: counted in flight, then `bot.handleUpdate`). */
  handle: (update: Update) => Promise<void>;
  leaseMs?: number;
  /** Inline queries beyond these caps are dropped here, before the bot (default: no caps; see inline-gate.ts). */
  inlineCaps?: InlineCaps;
  /**
   * Told when an update's handling begins and when its done mark is committed (or it goes back to the
   * inbox): the outgoing-call scheduler's `beginUpdate`/`endUpdate`, which keep the replies Telegram took
   * for updates not yet marked done within its slots, so a crash repeats at most that many.
   */
  replies?: { begin: (updateId: number) => void; end: (updateId: number) => void };
}

/**
 * At-least-once handling with effects once: the door between the transports (the polling loop, the webhook
 * route) and the bot. Every update is first recorded in the store's inbox and claimed, then handled, then
 * marked done (a handler still running after {@link ATTEMPT_AFTER_MS} counts an attempt):
 * - a store that cannot record it makes `handleUpdate` reject with {@link InboxUnavailable}: the webhook
 *   answers 5xx and Telegram re-delivers it; nothing was handled;
 * - an update already done, or being handled under a live claim (here or on another instance), is skipped:
 *   a re-delivery gets no second reply;
 * - an update whose handler did not finish (a crash, SIGKILL, a shutdown that ran out of time) stays
 *   pending and is handled again: by the next start (polling) or by whichever instance sees its lease run
 *   out (webhook).
 * The one window left: a crash after Telegram accepted a reply and before the done mark was committed;
 * that update is handled again, and its reader may get that reply twice.
 */
export function createDurable(options: DurableOptions): Durable {
  const { inbox, logger, handle } = options;
  const replies = options.replies ?? { begin: () => undefined, end: () => undefined };
  const inlineGate =
    options.inlineCaps === undefined
      ? (run: () => Promise<void>) => run()
      : createInlineGate(options.inlineCaps, logger);
  const lease: Lease = { owner: randomUUID(), ms: options.leaseMs ?? DEFAULT_LEASE_MS };
  const active = new Set<number>();
  let stopped = false;

  // Long handlers keep their claims: one timer for all of them, renewing at a third of the lease.
  let renewer: NodeJS.Timeout | undefined;
  const ensureRenewer = (): void => {
    if (renewer !== undefined) return;
    renewer = setInterval(() => {
      if (active.size === 0) {
        clearInterval(renewer);
        renewer = undefined;
        return;
      }
      inbox.renew([...active], lease).catch((err: unknown) => {
        logger.warn({ err, updates: active.size }, "could not renew the claims on updates being handled");
      });
    }, lease.ms / 3);
    renewer.unref();
  };

  const run = async ({ update, attempts }: Claimed): Promise<void> => {
    if (isEphemeral(update)) {
      await inlineGate(() => handle(update));
      return;
    }
    const id = update.update_id;
    if (attempts >= MAX_ATTEMPTS) {
      logger.error({ update_id: id, attempts }, "giving up on an update that never finished handling");
      await inbox.finish(id);
      return;
    }
    if (stopped) {
      // Shutting down: not started, so it stays in the inbox, free for the next start.
      await inbox.release(id, lease).catch(() => undefined);
      return;
    }
    if (attempts > 0) logger.info({ update_id: id, attempts }, "handling an unfinished update again");
    active.add(id);
    ensureRenewer();
    let counted = false;
    const count = async (): Promise<void> => {
      if (counted) return;
      counted = true;
      await inbox.countAttempt(id, lease).catch((err: unknown) => {
        logger.warn({ err, update_id: id }, "could not count an attempt on an update");
      });
    };
    const counting = setTimeout(count, ATTEMPT_AFTER_MS);
    counting.unref();
    replies.begin(id);
    try {
      await handle(update);
    } catch (error) {
      clearTimeout(counting);
      active.delete(id);
      await count();
      await inbox.release(id, lease).catch(() => undefined);
      replies.end(id);
      throw error;
    }
    clearTimeout(counting);
    active.delete(id);
    try {
      await inbox.finish(id);
    } catch (err) {
      logger.warn({ err, update_id: id }, "could not mark an update done; it will be handled again");
    } finally {
      replies.end(id);
    }
  };

  const handleUpdate = async (update: Update): Promise<void> => {
    if (isEphemeral(update)) return inlineGate(() => handle(update));
    let claimed: Claimed[];
    try {
      claimed = await inbox.admit([update], lease);
    } catch (cause) {
      logger.error(
        { err: cause, update_id: update.update_id },
        "cannot record the update in the store: refusing it so Telegram delivers it again",
      );
      throw new InboxUnavailable({ cause });
    }
    const entry = claimed[0];
    if (entry === undefined) {
      logger.debug({ update_id: update.update_id }, "duplicate update skipped");
      return;
    }
    await run(entry);
  };

  const handleClaimed = async (claimed: Claimed): Promise<void> => {
    try {
      await run(claimed);
    } catch (err) {
      logger.error({ err, update_id: claimed.update.update_id }, "update failed outside the error boundary");
    }
  };

  const recover = async ({ takeOver }: { takeOver: boolean }): Promise<number> => {
    let total = 0;
    for (;;) {
      if (stopped) return total;
      const batch = await inbox.claimUnfinished(lease, { limit: 50, takeOver });
      if (batch.length === 0) return total;
      total += batch.length;
      await Promise.all(batch.map(handleClaimed));
    }
  };

  return {
    lease,
    active,
    handleUpdate,
    handleClaimed,
    recover,
    recoverPeriodically() {
      let running = false;
      const tick = (): void => {
        if (running || stopped) return;
        running = true;
        recover({ takeOver: false })
          .then((n) => {
            if (n > 0) logger.info({ updates: n }, "handled updates another instance left unfinished");
          })
          .catch((err: unknown) => logger.warn({ err }, "could not look for unfinished updates"))
          .finally(() => {
            running = false;
          });
      };
      tick();
      const timer = setInterval(tick, lease.ms / RECOVERY_CHECKS_PER_LEASE);
      timer.unref();
      return () => clearInterval(timer);
    },
    stop() {
      stopped = true;
    },
  };
}
