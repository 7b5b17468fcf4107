import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";
import type { StorageAdapter } from "grammy";
import {
  adapterNamespace,
  checkName,
  checkTtl,
  checkUpdateId,
  closedError,
  DEFAULT_SWEEP_INTERVAL_MS,
  DEFAULT_UPDATE_TTL_SECONDS,
  decode,
  encode,
  scoped,
  UPDATE_NAMESPACE,
} from "./shared.js";
import type { AdapterOptions, CommonStoreOptions, Store } from "./types.js";

/** Rows deleted per sweep statement: ~10–25 ms of event-loop time each on a 2-core VM. */
const SWEEP_BATCH = 5000;

/** File name used when {@link createSqliteStore} is given a directory. */
export const SQLITE_FILE_NAME = "khabar.sqlite";

/** Where the database lives: an explicit file, or a data directory that gets `khabar.sqlite`. */
export type SqliteLocation = { file: string; dir?: never } | { dir: string; file?: never };

/** Options of {@link createSqliteStore}. */
export type SqliteStoreOptions = SqliteLocation &
  CommonStoreOptions & {
    /** Clock in epoch milliseconds; injectable so tests can expire records without sleeping. */
    now?: () => number;
    /** Period of the automatic sweep of expired rows (default 10 minutes); 0 disables the timer. */
    sweepIntervalMs?: number;
    /**
     * How long a write waits for another process's write lock (default 5000 ms). better-sqlite3 is
     * synchronous, so this blocks the event loop; WAL writes take microseconds, so it only matters when
     * several processes share the file.
     */
    busyTimeoutMs?: number;
  };

/** A {@link Store} in one SQLite file (better-sqlite3, WAL). */
export interface SqliteStore extends Store {
  readonly kind: "sqlite";
  /** Absolute or relative path of the database file. */
  readonly file: string;
  /**
   * Deletes all expired rows now, synchronously; returns the number removed. The store also sweeps on open
   * and every `sweepIntervalMs`, in batches that yield to the event loop.
   */
  sweep(): number;
}

// One table for everything: 100,000 readers are 100,000 rows, not files. WITHOUT ROWID stores rows in the
// primary-key b-tree, so a lookup is one b-tree search. expires_at is epoch ms, NULL = never; the partial
// index only covers rows that can expire, so sessions without TTL cost nothing there.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS kv (
  ns TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  expires_at INTEGER,
  PRIMARY KEY (ns, key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS kv_expires_at ON kv (expires_at) WHERE expires_at IS NOT NULL;
`;

/**
 * Opens (creating file and directory if needed) a SQLite-backed store. Every write is a single
 * auto-committed statement, so a crash or `kill -9` leaves either the old or the new value, never a mix.
 * With WAL + `synchronous = NORMAL`, committed writes survive process crashes; only an OS crash or power
 * loss can roll back the last few transactions (never corrupting the file). Several processes on the same
 * host may share the file (not over NFS).
 */
export function createSqliteStore(options: SqliteStoreOptions): SqliteStore {
  const { scope } = options;
  if (scope !== undefined) checkName("scope", scope);
  const file = options.file ?? join(options.dir ?? ".", SQLITE_FILE_NAME);
  const inMemory = file === ":memory:" || file === "";
  if (!inMemory) mkdirSync(dirname(file), { recursive: true });
  const now = options.now ?? Date.now;

  // `timeout` is better-sqlite3's busy_timeout; it must be in place before the WAL switch below, which
  // takes a lock that a second process opening the file at the same moment may hold.
  const db = new Database(file, { timeout: options.busyTimeoutMs ?? 5000 });
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.exec(SCHEMA);
  } catch (error) {
    db.close();
    throw error;
  }

  const readStmt = db
    .prepare<[string, string, number], string>(
      "SELECT value FROM kv WHERE ns = ? AND key = ? AND (expires_at IS NULL OR expires_at > ?)",
    )
    .pluck();
  const writeStmt = db.prepare<[string, string, string, number | null]>(
    `INSERT INTO kv (ns, key, value, expires_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (ns, key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
  );
  const deleteStmt = db.prepare<[string, string]>("DELETE FROM kv WHERE ns = ? AND key = ?");
  // Inserts the mark, or revives it only when the old one has expired: `changes` is 1 exactly when this
  // call "won", and SQLite's write lock makes that atomic across processes.
  const markStmt = db.prepare<[string, string, string, number, number]>(
    `INSERT INTO kv (ns, key, value, expires_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (ns, key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at
     WHERE kv.expires_at IS NOT NULL AND kv.expires_at <= ?`,
  );
  // Batched so a big backlog (e.g. a day of dedupe marks after downtime) never blocks the event loop for
  // long: the background sweep yields between batches. Uses the partial index on expires_at.
  const sweepStmt = db.prepare<[number, number]>(
    `DELETE FROM kv WHERE (ns, key) IN (
       SELECT ns, key FROM kv WHERE expires_at IS NOT NULL AND expires_at <= ? LIMIT ?)`,
  );
  const pingStmt = db.prepare("SELECT 1").pluck();

  let closed = false;
  const assertOpen = (): void => {
    if (closed) throw closedError("sqlite");
  };
  /** Deletes every row expired as of now, in batches, synchronously. */
  const sweep = (): number => {
    const t = now();
    let removed = 0;
    for (;;) {
      const changes = sweepStmt.run(t, SWEEP_BATCH).changes;
      removed += changes;
      if (changes < SWEEP_BATCH) return removed;
    }
  };
  /** Background variant: one batch per macrotask, so webhook handlers interleave with a large sweep. */
  let sweeping = false;
  const sweepInBackground = (): void => {
    if (sweeping || closed) return;
    sweeping = true;
    const t = now();
    const step = (): void => {
      try {
        if (!closed && sweepStmt.run(t, SWEEP_BATCH).changes === SWEEP_BATCH) {
          setImmediate(step).unref();
          return;
        }
      } catch (error) {
        // A busy database must not crash the process from a timer; the next interval retries.
        console.warn("khabar sqlite sweep failed:", error);
      }
      sweeping = false;
    };
    step();
  };

  sweepInBackground();
  const interval = options.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS;
  const timer = interval > 0 ? setInterval(sweepInBackground, interval) : undefined;
  timer?.unref();

  const updateNs = scoped(scope, UPDATE_NAMESPACE);

  return {
    kind: "sqlite",
    file,
    adapter<T>(namespace: string, adapterOptions: AdapterOptions = {}): StorageAdapter<T> {
      const ns = adapterNamespace(scope, namespace);
      const { ttlSeconds } = adapterOptions;
      checkTtl(ttlSeconds);
      // async so that SQLite errors surface as rejections, like the Redis backend's.
      return {
        async read(key) {
          assertOpen();
          const json = readStmt.get(ns, key, now());
          return json === undefined ? undefined : decode<T>(json);
        },
        async write(key, value) {
          assertOpen();
          const expiresAt = ttlSeconds === undefined ? null : now() + ttlSeconds * 1000;
          writeStmt.run(ns, key, encode(value), expiresAt);
        },
        async delete(key) {
          assertOpen();
          deleteStmt.run(ns, key);
        },
      };
    },
    async markUpdateSeen(updateId, ttlSeconds = DEFAULT_UPDATE_TTL_SECONDS) {
      assertOpen();
      checkUpdateId(updateId);
      checkTtl(ttlSeconds);
      const t = now();
      return markStmt.run(updateNs, String(updateId), String(t), t + ttlSeconds * 1000, t).changes === 1;
    },
    async ping() {
      if (closed || !db.open) return false;
      try {
        return pingStmt.get() === 1;
      } catch {
        return false;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      if (timer !== undefined) clearInterval(timer);
      db.close();
    },
    sweep() {
      assertOpen();
      return sweep();
    },
  };
}
