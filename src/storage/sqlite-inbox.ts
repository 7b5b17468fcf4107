import type Database from "better-sqlite3";
import type { Update } from "grammy/types";
import { type Claimed, INBOX_TTL_SECONDS, type Inbox, type Lease } from "./inbox.js";
import { checkUpdateId } from "./shared.js";

/** What the SQLite store lends its inbox: the database and the grouped commit. */
export interface SqliteInboxDeps {
  db: Database.Database;
  /** The inbox's scope column value, e.g. "1000:inbox". */
  scope: string;
  now: () => number;
  /** Runs `action` in a transaction committed before this returns (after every write queued earlier). */
  commitNow: (action: () => void) => void;
  /** Runs `action` in the next grouped commit; resolves once committed. */
  later: (action: () => void) => Promise<void>;
  /** Commits what is queued, so that a query sees it. */
  beforeRead: () => void;
}

interface ClaimParams {
  owner: string;
  until: number;
  scope: string;
  id: number;
  now: number;
  takeOver: number;
}

interface Row {
  update_id: number;
  payload: string;
  attempts: number;
}

/** The {@link Inbox} of the SQLite store: one row per update in the `inbox` table. */
export function createSqliteInbox(deps: SqliteInboxDeps): Inbox {
  const { db, scope, now } = deps;
  // A new update is recorded already claimed (what `claim` would do to the fresh row: owner and lease),
  // so the common case costs one statement; one seen before is left to `claim`.
  const insert = db.prepare<[string, number, string, number, string, number]>(
    `INSERT INTO inbox (scope, update_id, payload, expires_at, owner, lease_until, attempts)
     VALUES (?, ?, ?, ?, ?, ?, 0)
     ON CONFLICT (scope, update_id) DO NOTHING`,
  );
  // Claims a pending row that is free: never claimed, lease run out, or (takeOver) held by someone else.
  const claim = db.prepare<[ClaimParams], Row>(
    `UPDATE inbox SET owner = @owner, lease_until = @until
     WHERE scope = @scope AND update_id = @id AND payload IS NOT NULL AND expires_at > @now
       AND (lease_until <= @now OR (@takeOver = 1 AND owner IS NOT @owner))
     RETURNING update_id, payload, attempts`,
  );
  const oldest = db
    .prepare<[Omit<ClaimParams, "id" | "until"> & { limit: number }], number>(
      `SELECT update_id FROM inbox
       WHERE scope = @scope AND payload IS NOT NULL AND expires_at > @now
         AND (lease_until <= @now OR (@takeOver = 1 AND owner IS NOT @owner))
       ORDER BY update_id LIMIT @limit`,
    )
    .pluck();
  const begin = db
    .prepare<[string, number, string], number>(
      `UPDATE inbox SET attempts = attempts + 1
       WHERE scope = ? AND update_id = ? AND owner = ? AND payload IS NOT NULL
       RETURNING attempts`,
    )
    .pluck();
  const renew = db.prepare<[number, string, number, string]>(
    "UPDATE inbox SET lease_until = ? WHERE scope = ? AND update_id = ? AND owner = ? AND payload IS NOT NULL",
  );
  const finish = db.prepare<[string, number]>(
    "UPDATE inbox SET payload = NULL, owner = NULL, lease_until = 0 WHERE scope = ? AND update_id = ?",
  );
  const release = db.prepare<[string, number, string]>(
    "UPDATE inbox SET lease_until = 0 WHERE scope = ? AND update_id = ? AND owner = ? AND payload IS NOT NULL",
  );
  const count = db
    .prepare<[string, number], number>(
      "SELECT count(*) FROM inbox WHERE scope = ? AND payload IS NOT NULL AND expires_at > ?",
    )
    .pluck();

  const take = (id: number, lease: Lease, takeOver: boolean, out: Claimed[]): void => {
    const t = now();
    const params = { owner: lease.owner, until: t + lease.ms, scope, id, now: t, takeOver: takeOver ? 1 : 0 };
    const row = claim.get(params);
    if (row !== undefined) out.push({ update: JSON.parse(row.payload) as Update, attempts: row.attempts });
  };

  return {
    // In the tick's grouped commit, not a commit of its own: the webhook requests that arrive in one tick
    // are recorded in one transaction (one WAL write instead of one per request), and each caller still
    // waits for that commit, so nothing is confirmed to Telegram before it is on disk.
    async admit(updates, lease) {
      for (const update of updates) checkUpdateId(update.update_id);
      const claimed: Claimed[] = [];
      await deps.later(() => {
        const t = now();
        const expiresAt = t + INBOX_TTL_SECONDS * 1000;
        for (const update of updates) {
          const id = update.update_id;
          const payload = JSON.stringify(update);
          // Recorded from this very object just now: handed back as it is, not parsed back from the row.
          if (insert.run(scope, id, payload, expiresAt, lease.owner, t + lease.ms).changes === 1) {
            claimed.push({ update, attempts: 0 });
          } else {
            take(id, lease, false, claimed);
          }
        }
      });
      return claimed;
    },
    async claimUnfinished(lease, { limit, takeOver = false }) {
      const claimed: Claimed[] = [];
      deps.commitNow(() => {
        const params = { owner: lease.owner, scope, now: now(), takeOver: takeOver ? 1 : 0, limit };
        for (const id of oldest.all(params)) take(id, lease, takeOver, claimed);
      });
      return claimed;
    },
    // In the tick's grouped commit, with whatever else that tick writes.
    async countAttempt(updateId, lease) {
      let attempts = 1;
      await deps.later(() => {
        attempts = begin.get(scope, updateId, lease.owner) ?? 1;
      });
      return attempts;
    },
    async renew(updateIds, lease) {
      await deps.later(() => {
        const until = now() + lease.ms;
        for (const id of updateIds) renew.run(until, scope, id, lease.owner);
      });
    },
    async finish(updateId) {
      await deps.later(() => finish.run(scope, updateId));
    },
    async release(updateId, lease) {
      await deps.later(() => release.run(scope, updateId, lease.owner));
    },
    async pending() {
      deps.beforeRead();
      return count.get(scope, now()) ?? 0;
    },
  };
}
