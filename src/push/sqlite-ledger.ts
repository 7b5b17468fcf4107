import type Database from "better-sqlite3";
import type {
  Delivery,
  DeliveryKind,
  OpenEvent,
  PlannedDelivery,
  Progress,
  PushLedger,
  SentMessage,
  Settlement,
} from "./ledger.js";
import type { PushEvent } from "./push-event.js";

// push_event: one row per event, ever (the primary key is the insert-if-absent). push_delivery: one row per
// (event, chat, message edited). The sender's index is partial (a finished push costs no index entries for
// `waiting`); the story index covers every delivery, written once when it is planned, so recording an
// answer rewrites the row and drops one waiting entry and touches no other index (a partial story index
// on `message_id IS NOT NULL` doubled the cost of each recorded answer).
const SCHEMA = `
CREATE TABLE IF NOT EXISTS push_meta (
  scope TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,
  PRIMARY KEY (scope, key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS push_event (
  scope TEXT NOT NULL,
  id TEXT NOT NULL,
  body TEXT NOT NULL,
  state TEXT NOT NULL,
  phase INTEGER NOT NULL DEFAULT 0,
  cursor INTEGER,
  audience INTEGER NOT NULL DEFAULT 0,
  started_at INTEGER NOT NULL,
  finished_at INTEGER,
  PRIMARY KEY (scope, id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS push_delivery (
  id INTEGER PRIMARY KEY,
  scope TEXT NOT NULL,
  event_id TEXT NOT NULL,
  story_id TEXT NOT NULL,
  chat_id INTEGER NOT NULL,
  kind TEXT NOT NULL,
  message_ref INTEGER NOT NULL DEFAULT 0,
  source_event TEXT,
  status TEXT NOT NULL,
  message_id INTEGER,
  silent INTEGER NOT NULL DEFAULT 0,
  lang TEXT,
  reason TEXT,
  UNIQUE (scope, event_id, chat_id, message_ref)
);
CREATE TABLE IF NOT EXISTS push_lease (
  scope TEXT PRIMARY KEY, owner TEXT NOT NULL, until INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS push_waiting ON push_delivery (scope, id) WHERE status = 'waiting';
CREATE INDEX IF NOT EXISTS push_held ON push_delivery (scope, chat_id) WHERE status = 'held';
DROP INDEX IF EXISTS push_story;
CREATE INDEX IF NOT EXISTS push_by_story ON push_delivery (scope, story_id, id);
`;

interface DeliveryRow {
  id: number;
  event_id: string;
  chat_id: number;
  kind: DeliveryKind;
  message_ref: number;
  source_event: string | null;
  lang: string | null;
}

const toDelivery = (row: DeliveryRow): Delivery => ({
  id: row.id,
  eventId: row.event_id,
  chatId: row.chat_id,
  kind: row.kind,
  messageRef: row.message_ref,
  sourceEventId: row.source_event ?? undefined,
  lang: row.lang ?? undefined,
});

/** A ledger whose methods answer at once (better-sqlite3 is synchronous). */
type SyncLedger = {
  [K in keyof PushLedger]: (...args: Parameters<PushLedger[K]>) => Awaited<ReturnType<PushLedger[K]>>;
};

/**
 * The {@link PushLedger} in the bot's SQLite file (same connection as the store). Its statements run
 * synchronously; the methods return settled promises, but `settle`, whose promise settles with the commit
 * of its tick.
 */
export function createSqliteLedger(db: Database.Database, scope = "default"): PushLedger {
  const { sync, settled } = createSyncLedger(db, scope);
  const ledger: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(sync)) {
    ledger[name] = (...args: unknown[]) => {
      try {
        return Promise.resolve((method as (...a: unknown[]) => unknown)(...args));
      } catch (error) {
        return Promise.reject(error);
      }
    };
  }
  // A recorded outcome resolves once committed (with the others of its tick), so the sender frees the
  // delivery's slot only then: sends accepted by Telegram and not yet recorded never outnumber the slots.
  ledger.settle = (id: number, outcome: Settlement) => {
    sync.settle(id, outcome);
    return settled();
  };
  return ledger as unknown as PushLedger;
}

function createSyncLedger(
  db: Database.Database,
  scope: string,
): { sync: SyncLedger; settled: () => Promise<void> } {
  db.exec(SCHEMA);
  const metaGet = db
    .prepare<[string, string], string>("SELECT value FROM push_meta WHERE scope = ? AND key = ?")
    .pluck();
  const metaSet = db.prepare<[string, string, string]>(
    "INSERT INTO push_meta (scope, key, value) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET value = excluded.value",
  );
  const eventInsert = db.prepare<[string, string, string, string, number, number]>(
    `INSERT INTO push_event (scope, id, body, state, audience, started_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT DO NOTHING`,
  );
  const eventGet = db
    .prepare<[string, string], string>("SELECT body FROM push_event WHERE scope = ? AND id = ?")
    .pluck();
  const openStmt = db.prepare<
    [string],
    {
      body: string;
      state: string;
      phase: number;
      cursor: number | null;
      audience: number;
      started_at: number;
    }
  >(
    `SELECT body, state, phase, cursor, audience, started_at FROM push_event
     WHERE scope = ? AND state IN ('planning', 'sending') ORDER BY started_at, id`,
  );
  const cursorSet = db.prepare<[string, number, number | null, string, string]>(
    "UPDATE push_event SET state = ?, phase = ?, cursor = ? WHERE scope = ? AND id = ?",
  );
  const finishStmt = db.prepare<[number, string, string]>(
    "UPDATE push_event SET state = 'done', finished_at = ? WHERE scope = ? AND id = ?",
  );
  const deliveryInsert = db.prepare<
    [string, string, string, number, string, number, string | null, string, string | null]
  >(
    `INSERT INTO push_delivery (scope, event_id, story_id, chat_id, kind, message_ref, source_event, status, lang)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  );
  const waitingStmt = db.prepare<[string, number, number], DeliveryRow>(
    `SELECT id, event_id, chat_id, kind, message_ref, source_event, lang FROM push_delivery
     WHERE scope = ? AND status = 'waiting' AND id > ? ORDER BY id LIMIT ?`,
  );
  const waitingCount = db
    .prepare<[string], number>("SELECT COUNT(*) FROM push_delivery WHERE scope = ? AND status = 'waiting'")
    .pluck();
  const settleStmt = db.prepare<
    [string, number | null, number, string | null, string | null, number, string]
  >(
    `UPDATE push_delivery SET status = ?, message_id = ?, silent = ?, lang = COALESCE(?, lang), reason = ?
     WHERE id = ? AND scope = ?`,
  );
  const redirectStmt = db.prepare<[number, number, string]>(
    "UPDATE OR IGNORE push_delivery SET chat_id = ? WHERE id = ? AND scope = ?",
  );
  const progressStmt = db.prepare<[string, string], { status: string; silent: number; n: number }>(
    `SELECT status, silent, COUNT(*) AS n FROM push_delivery WHERE scope = ? AND event_id = ?
     GROUP BY status, silent`,
  );
  const sentForStoryStmt = db.prepare<
    [string, string, string, number, number],
    { id: number; chat_id: number; message_id: number; event_id: string; lang: string | null }
  >(
    `SELECT id, chat_id, message_id, event_id, lang FROM push_delivery
     WHERE scope = ? AND story_id = ? AND message_id IS NOT NULL AND kind = 'send' AND event_id != ? AND id > ?
     ORDER BY id LIMIT ?`,
  );
  const pushedStmt = db.prepare<
    [string, string, string, number, number],
    { id: number; chat_id: number; message_id: number; event_id: string; lang: string | null }
  >(
    `SELECT id, chat_id, message_id, event_id, lang FROM push_delivery
     WHERE scope = ? AND story_id = ? AND message_id IS NOT NULL AND event_id = ? AND id > ?
     ORDER BY id LIMIT ?`,
  );
  const heldChatsStmt = db
    .prepare<[string, number, number], number>(
      `SELECT DISTINCT chat_id FROM push_delivery WHERE scope = ? AND status = 'held' AND chat_id > ?
       ORDER BY chat_id LIMIT ?`,
    )
    .pluck();
  const heldOfStmt = db.prepare<[string, number], DeliveryRow>(
    `SELECT id, event_id, chat_id, kind, message_ref, source_event, lang FROM push_delivery
     WHERE scope = ? AND status = 'held' AND chat_id = ? ORDER BY id`,
  );

  const leaseStmt = db.prepare<[string, string, number, number, string]>(
    `INSERT INTO push_lease (scope, owner, until) VALUES (?, ?, ?)
     ON CONFLICT (scope) DO UPDATE SET owner = excluded.owner, until = excluded.until
     WHERE push_lease.until <= ? OR push_lease.owner = ?`,
  );
  const releaseStmt = db.prepare<[string, string]>("DELETE FROM push_lease WHERE scope = ? AND owner = ?");
  const baseline = db.transaction((events: readonly PushEvent[], at: number) => {
    for (const event of events) eventInsert.run(scope, event.id, JSON.stringify(event), "seen", 0, at);
    metaSet.run(scope, "initialised", String(at));
  });
  const record = db.transaction(
    (event: PushEvent, at: number, audience: number, first: readonly PlannedDelivery[]): boolean => {
      const inserted = eventInsert.run(
        scope,
        event.id,
        JSON.stringify(event),
        "planning",
        audience,
        at,
      ).changes;
      if (inserted !== 1) return false;
      for (const d of first) insert(event.id, event.storyId, d);
      return true;
    },
  );
  const insert = (eventId: string, storyId: string, d: PlannedDelivery): number =>
    deliveryInsert.run(
      scope,
      eventId,
      storyId,
      d.chatId,
      d.kind,
      d.messageRef ?? 0,
      d.sourceEventId ?? null,
      d.kind === "digest" ? "held" : "waiting",
      d.lang ?? null,
    ).changes;
  const plan = db.transaction(
    (
      eventId: string,
      storyId: string,
      deliveries: readonly PlannedDelivery[],
      next: { phase: number; cursor: number | undefined; planned: boolean },
    ): number => {
      let added = 0;
      for (const d of deliveries) added += insert(eventId, storyId, d);
      cursorSet.run(next.planned ? "sending" : "planning", next.phase, next.cursor ?? null, scope, eventId);
      return added;
    },
  );
  const toSent = (row: {
    id: number;
    chat_id: number;
    message_id: number;
    event_id: string;
    lang: string | null;
  }): SentMessage => ({
    cursor: row.id,
    chatId: row.chat_id,
    messageId: row.message_id,
    eventId: row.event_id,
    lang: row.lang ?? undefined,
  });

  // Settlements of one tick are committed together (one WAL commit instead of one per delivery); every
  // read commits them first, so a delivery answered is never read as waiting again. A crash loses at most
  // the answers of the current tick: those deliveries are sent again (the documented window).
  const queued: Array<[number, Settlement]> = [];
  let scheduled = false;
  /** The commit the queued outcomes wait for: settled by whichever flush commits them. */
  let commit: { promise: Promise<void>; resolve: () => void; reject: (error: unknown) => void } | undefined;
  const settled = (): Promise<void> => {
    if (queued.length === 0) return Promise.resolve();
    if (commit === undefined) {
      let resolve = (): void => undefined;
      let reject = (_error: unknown): void => undefined;
      const promise = new Promise<void>((yes, no) => {
        resolve = yes;
        reject = no;
      });
      commit = { promise, resolve, reject };
    }
    return commit.promise;
  };
  const settleAll = db.transaction(() => {
    for (const [id, outcome] of queued) {
      settleStmt.run(
        outcome.status,
        outcome.messageId ?? null,
        outcome.silent === true ? 1 : 0,
        outcome.lang ?? null,
        outcome.reason ?? null,
        id,
        scope,
      );
    }
  });
  const flush = (): void => {
    if (queued.length === 0) return;
    const waiting = commit;
    commit = undefined;
    try {
      settleAll();
      waiting?.resolve();
    } catch (error) {
      waiting?.reject(error);
      throw error;
    } finally {
      queued.length = 0;
    }
  };
  const flushed =
    <A extends unknown[], R>(fn: (...args: A) => R) =>
    (...args: A): R => {
      flush();
      return fn(...args);
    };

  const sync: SyncLedger = {
    initialised: () => metaGet.get(scope, "initialised") !== undefined,
    baseline: (events, at) => baseline(events, at),
    record: (event, at, audience, first) => record(event, at, audience, first),
    open: flushed((): OpenEvent[] => {
      return openStmt.all(scope).map((row) => ({
        event: JSON.parse(row.body) as PushEvent,
        phase: row.phase,
        cursor: row.cursor ?? undefined,
        audience: row.audience,
        startedAt: row.started_at,
        planned: row.state === "sending",
      }));
    }),
    plan: flushed(
      (
        eventId: string,
        storyId: string,
        deliveries: readonly PlannedDelivery[],
        next: { phase: number; cursor: number | undefined; planned: boolean },
      ) => plan(eventId, storyId, deliveries, next),
    ),
    waiting: flushed((limit: number, after: number) => waitingStmt.all(scope, after, limit).map(toDelivery)),
    waitingCount: flushed(() => waitingCount.get(scope) ?? 0),
    settle(id, outcome: Settlement) {
      queued.push([id, outcome]);
      if (!scheduled) {
        scheduled = true;
        setImmediate(() => {
          scheduled = false;
          if (!db.open) return;
          // A failure reaches the deliveries waiting for this commit; nothing else is listening here.
          try {
            flush();
          } catch {
            // Rejected to the deliveries that wait for it (see `settled`).
          }
        });
      }
    },
    flush,
    redirect: flushed((id: number, chatId: number) => redirectStmt.run(chatId, id, scope).changes === 1),
    finish: flushed((eventId: string, at: number) => {
      finishStmt.run(at, scope, eventId);
    }),
    progress: flushed((eventId: string): Progress => {
      const out: Progress = { waiting: 0, held: 0, sent: 0, silent: 0, failed: 0, stopped: 0, skipped: 0 };
      for (const row of progressStmt.all(scope, eventId)) {
        const key = row.status as keyof Progress;
        if (key in out) out[key] += row.n;
        if (row.status === "sent" && row.silent === 1) out.silent += row.n;
      }
      return out;
    }),
    sentForStory: flushed(
      (storyId: string, exceptEventId: string, cursor: number | undefined, limit: number) =>
        sentForStoryStmt.all(scope, storyId, exceptEventId, cursor ?? 0, limit).map(toSent),
    ),
    pushedStory: flushed((storyId: string, cursor: number | undefined, limit: number) =>
      pushedStmt.all(scope, storyId, `story:${storyId}`, cursor ?? 0, limit).map(toSent),
    ),
    heldChats: flushed((cursor: number | undefined, limit: number) =>
      heldChatsStmt.all(scope, cursor ?? Number.MIN_SAFE_INTEGER, limit),
    ),
    heldOf: flushed((chatId: number) => heldOfStmt.all(scope, chatId).map(toDelivery)),
    meta: (key) => metaGet.get(scope, key),
    setMeta(key, value) {
      metaSet.run(scope, key, value);
    },
    lease: (owner, now, until) => leaseStmt.run(scope, owner, until, now, owner).changes === 1,
    release(owner) {
      releaseStmt.run(scope, owner);
    },
    event(eventId) {
      const body = eventGet.get(scope, eventId);
      return body === undefined ? undefined : (JSON.parse(body) as PushEvent);
    },
  };
  return { sync, settled };
}
