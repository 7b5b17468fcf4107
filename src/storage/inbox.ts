import type { Update } from "grammy/types";

/** An update this process has claimed and must handle. */
export interface Claimed {
  update: Update;
  /**
   * How many handling attempts it has had so far ({@link Inbox.countAttempt}); claims alone never count,
   * so a process that dies between claiming and handling (a crash loop at start) costs the update nothing.
   */
  attempts: number;
}

/** Who holds a claim, and for how long it holds without renewal. */
export interface Lease {
  /** This process's id (random per start): a claim by another owner is someone else's work. */
  owner: string;
  /** A claim not renewed within this many milliseconds is free to take (its holder is presumed dead). */
  ms: number;
}

/**
 * The durable record of the updates Telegram gave us, so that an update counts as delivered only when its
 * handler finished. Each entry is *pending* (recorded, maybe claimed by an owner until a lease runs out)
 * or *done* (handled; the payload is gone, the mark stays for {@link INBOX_TTL_SECONDS} so a re-delivery is
 * skipped). Every backend keeps this contract; each call is atomic across processes sharing the store.
 */
export interface Inbox {
  /**
   * Records the updates not seen before, and claims for `lease.owner` every one that is not done and not
   * claimed by a live lease (a new one, or one whose holder died). Resolves only once the records are
   * durable (committed to disk, or acknowledged by Redis); rejects when they cannot be. Returns the claimed
   * ones in the order given.
   */
  admit(updates: readonly Update[], lease: Lease): Promise<Claimed[]>;
  /**
   * Claims up to `limit` pending updates, oldest first, whose lease has run out; with `takeOver`, also those
   * held by other owners (the single poller at start: whoever held them before is gone).
   */
  claimUnfinished(lease: Lease, options: { limit: number; takeOver?: boolean }): Promise<Claimed[]>;
  /**
   * Counts a handling attempt on an update this owner holds (no effect on another's), and resolves with
   * the attempts so far, this one included, once that is durable.
   */
  countAttempt(updateId: number, lease: Lease): Promise<number>;
  /** Extends the leases of updates this owner still handles (a slow update must not be taken over). */
  renew(updateIds: readonly number[], lease: Lease): Promise<void>;
  /**
   * Marks an update done. May be committed a moment later, together with the handler's own writes (the
   * SQLite store commits once per tick): a crash before that commit leaves the update pending, to be
   * handled again, which is the one window of a second reply.
   */
  finish(updateId: number): Promise<void>;
  /** Gives up a claim after a failed attempt, so the update can be claimed again at once. */
  release(updateId: number, lease: Lease): Promise<void>;
  /** How many updates are pending (claimed or not). */
  pending(): Promise<number>;
}

/** Entries (pending or done) expire a day after they were recorded: Telegram keeps updates at most 24 h. */
export const INBOX_TTL_SECONDS = 86_400;

/** Namespace of the inbox in every backend (reserved, like the dedupe marks'). */
export const INBOX_NAMESPACE = "inbox";

/** The inbox's error when the store cannot record an update: the caller must not confirm it to Telegram. */
export class InboxUnavailable extends Error {
  constructor(options: { cause: unknown }) {
    super("the store cannot record the update, so it is not confirmed to Telegram", options);
    this.name = "InboxUnavailable";
  }
}
