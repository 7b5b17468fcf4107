import type { Update } from "grammy/types";
import { type Claimed, INBOX_TTL_SECONDS, type Inbox, type Lease } from "./inbox.js";
import { checkUpdateId } from "./shared.js";

interface Entry {
  /** The update while pending; undefined once done. */
  json: string | undefined;
  owner: string | undefined;
  leaseUntil: number;
  attempts: number;
  expiresAt: number;
}

/** The {@link Inbox} of the memory store: the same contract in a Map (nothing survives the process). */
export function createMemoryInbox(now: () => number, assertOpen: () => void): Inbox & { sweep(): number } {
  const entries = new Map<number, Entry>();
  const live = (id: number): Entry | undefined => {
    const entry = entries.get(id);
    if (entry !== undefined && entry.expiresAt <= now()) {
      entries.delete(id);
      return undefined;
    }
    return entry;
  };
  const claim = (entry: Entry, lease: Lease): Claimed => {
    entry.owner = lease.owner;
    entry.leaseUntil = now() + lease.ms;
    return { update: JSON.parse(entry.json ?? "null") as Update, attempts: entry.attempts };
  };
  return {
    async admit(updates, lease) {
      assertOpen();
      const claimed: Claimed[] = [];
      for (const update of updates) {
        checkUpdateId(update.update_id);
        let entry = live(update.update_id);
        if (entry === undefined) {
          entry = {
            json: JSON.stringify(update),
            owner: undefined,
            leaseUntil: 0,
            attempts: 0,
            expiresAt: now() + INBOX_TTL_SECONDS * 1000,
          };
          entries.set(update.update_id, entry);
        }
        if (entry.json !== undefined && entry.leaseUntil <= now()) claimed.push(claim(entry, lease));
      }
      return claimed;
    },
    async claimUnfinished(lease, { limit, takeOver = false }) {
      assertOpen();
      const claimed: Claimed[] = [];
      const ids = [...entries.keys()].sort((a, b) => a - b);
      for (const id of ids) {
        if (claimed.length >= limit) break;
        const entry = live(id);
        if (entry?.json === undefined) continue;
        const free = entry.leaseUntil <= now() || (takeOver && entry.owner !== lease.owner);
        if (free) claimed.push(claim(entry, lease));
      }
      return claimed;
    },
    async countAttempt(updateId, lease) {
      assertOpen();
      const entry = live(updateId);
      if (entry === undefined) return 1;
      if (entry.json !== undefined && entry.owner === lease.owner) entry.attempts++;
      return entry.attempts;
    },
    async renew(updateIds, lease) {
      assertOpen();
      for (const id of updateIds) {
        const entry = live(id);
        if (entry?.json !== undefined && entry.owner === lease.owner) entry.leaseUntil = now() + lease.ms;
      }
    },
    async finish(updateId) {
      assertOpen();
      const entry = live(updateId);
      if (entry === undefined) return;
      entry.json = undefined;
      entry.owner = undefined;
    },
    async release(updateId, lease) {
      assertOpen();
      const entry = live(updateId);
      if (entry?.json !== undefined && entry.owner === lease.owner) entry.leaseUntil = 0;
    },
    async pending() {
      assertOpen();
      let n = 0;
      for (const id of [...entries.keys()]) if (live(id)?.json !== undefined) n++;
      return n;
    },
    sweep() {
      let removed = 0;
      const t = now();
      for (const [id, entry] of entries) {
        if (entry.expiresAt <= t) {
          entries.delete(id);
          removed++;
        }
      }
      return removed;
    },
  };
}
