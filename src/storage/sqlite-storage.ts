import { mkdirSync, type Stats, statSync } from "node:fs";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";
import type { StorageAdapter } from "grammy";
import { INBOX_NAMESPACE } from "./inbox.js";
import {
  adapterNamespace,
  checkName,
  checkTtl,
  closedError,
  DEFAULT_SWEEP_INTERVAL_MS,
  decode,
  encode,
  scoped,
} from "./shared.js";
import { createSqliteInbox } from "./sqlite-inbox.js";
import { StorageError } from "./storage-error.js";
import type { AdapterOptions, CommonStoreOptions, Store } from "./types.js";

/** Rows deleted per sweep statement: ~10–25 ms of event-loop time each on a 2-core VM. */
const SWEEP_BATCH = 5000;

/** WAL pages between automatic checkpoints (SQLite's default is 1,000; see `createSqliteStore`). */
const WAL_CHECKPOINT_PAGES = 8000;

/**
 * SQLite's page cache per connection, in KiB (set as a negative `cache_size`: a size, not a page count).
 * better-sqlite3 builds SQLite with 16 MB; this is SQLite's own default of 2 MB (see `createSqliteStore`).
 */
const PAGE_CACHE_KIB = 2000;

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
    /**
     * Holds the file for this process alone (`locking_mode = EXCLUSIVE`, set before the first access): the
     * WAL index then lives in heap memory instead of a memory-mapped `-shm` file, so a truncated `-shm` or
     * a disk that cannot back it can no longer kill the process with SIGBUS. The price: no other process
     * can open the file while this one runs (a second one gets {@link StoreBusy}). For the single polling
     * process; off by default.
     */
    exclusive?: boolean;
  };

/** A {@link Store} in one SQLite file (better-sqlite3, WAL). */
export interface SqliteStore extends Store {
  readonly kind: "sqlite";
  /** Absolute or relative path of the database file. */
  readonly file: string;
  /**
   * The open connection, for components that keep their own tables in the same file (the push engine):
   * an exclusive polling store admits no second connection. Synchronous statements run between this
   * store's grouped commits, never inside one.
   */
  readonly db: Database.Database;
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
CREATE TABLE IF NOT EXISTS inbox (
  scope TEXT NOT NULL,
  update_id INTEGER NOT NULL,
  payload TEXT,
  owner TEXT,
  lease_until INTEGER NOT NULL DEFAULT 0,
  attempts INTEGER NOT NULL DEFAULT 0,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (scope, update_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS inbox_pending ON inbox (scope, update_id) WHERE payload IS NOT NULL;
CREATE INDEX IF NOT EXISTS inbox_expires_at ON inbox (expires_at);
`;

/** The database file failed its integrity check (or is not a database): the store refuses to open it. */
export class StoreCorrupt extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(
      `the SQLite database ${file} is damaged (${detail}): stop the bot, move the file aside (with its -wal and -shm files), then start again with an empty one, or restore a backup; sqlite3's ".recover" may save readers' settings`,
    );
    this.name = "StoreCorrupt";
  }
}

/** Another process holds the database file (exclusive mode): most likely a second bot on the same DATA_DIR. */
export class StoreBusy extends Error {
  constructor(readonly file: string) {
    super(
      `the SQLite database ${file} is in use by another process (another bot on the same DATA_DIR?): stop it first; only one polling process may run`,
    );
    this.name = "StoreBusy";
  }
}

/** The database file or its directory is no longer the one opened (deleted, moved or replaced). */
export class StoreLost extends Error {
  constructor(readonly file: string) {
    super(
      `the SQLite database ${file} (or its directory) was removed or replaced while the bot runs: writes would be lost; restart the bot`,
    );
    this.name = "StoreLost";
  }
}

const SQLITE_DAMAGE = new Set(["SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_CORRUPT_INDEX"]);

/** A file's identity: the same inode on the same device. */
function sameFile(a: Stats, b: Stats): boolean {
  return a.ino === b.ino && a.dev === b.dev;
}

/** A pending write of the grouped commit: a value to store, or null to delete. */
interface PendingWrite {
  ns: string;
  key: string;
  value: string | null;
  expiresAt: number | null;
}

/**
 * Opens (creating file and directory if needed) a SQLite-backed store, after a quick integrity check
 * (`PRAGMA quick_check`: a damaged file throws {@link StoreCorrupt}, naming the file and what to do).
 *
 * Writes are grouped: the writes of one tick (sessions, conversation state, done marks) are queued and
 * committed in one transaction on `setImmediate`, instead of one WAL commit each; each write's promise
 * settles when its transaction did (so other processes see it by then, and a failed commit rejects its
 * writers), and reads in this process see queued writes at once. {@link Inbox.admit} goes in the same
 * grouped commit (so the webhook requests of one tick are recorded in one transaction) and resolves only
 * once it is committed, because what it records must be on disk before Telegram is told. A done mark is
 * queued after its handler's writes, so it never commits before them; a crash before it commits leaves
 * the update pending, to be handled again (the documented window).
 *
 * WAL + `synchronous = NORMAL`: committed writes survive process crashes; only an OS crash or power loss
 * can roll back the last transactions (never corrupting the file). `mmap_size = 0`: the database is read
 * with read(), so a failing disk is an error, not SIGBUS; the WAL index (`-shm`) is still memory-mapped
 * unless `exclusive` is set, because several processes may share the file (README, Deployment). Not over
 * NFS.
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
  let db: Database.Database;
  try {
    db = new Database(file, { timeout: options.busyTimeoutMs ?? 5000 });
  } catch (error) {
    throw damaged(file, error) ?? error;
  }
  try {
    db.pragma("mmap_size = 0");
    // 2 MB of page cache rather than better-sqlite3's 16 MB: once the file outgrows it (10,000 readers make
    // about 24 MB), the larger cache is ~15 MB more resident memory and saves nothing measurable, as a page
    // that misses comes from the OS's file cache with one pread (the same CPU per update, within ±4%, in
    // paired runs at 2,500 and 10,000 readers).
    db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
    if (options.exclusive === true) db.pragma("locking_mode = EXCLUSIVE");
    const check = String(db.pragma("quick_check(1)", { simple: true }));
    if (check !== "ok") throw new StoreCorrupt(file, check);
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    // A checkpoint (copying the WAL back into the file, with its fsyncs) every 8,000 pages rather than
    // SQLite's 1,000: the inbox's and sessions' hot pages are copied once per checkpoint, not eight times
    // (3-6% less CPU per update in paired runs), for a WAL file of up to ~32 MB.
    db.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
    db.exec(SCHEMA);
  } catch (error) {
    db.close();
    throw damaged(file, error) ?? error;
  }
  // What "the file we opened" is, to notice a deleted or replaced data directory (see `assertSameFile`).
  const identity = inMemory ? undefined : { dir: statSync(dirname(file)), file: statSync(file) };

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
  // Batched so a big backlog (e.g. a day of dedupe marks after downtime) never blocks the event loop for
  // long: the background sweep yields between batches. Uses the partial index on expires_at.
  const sweepStmt = db.prepare<[number, number]>(
    `DELETE FROM kv WHERE (ns, key) IN (
       SELECT ns, key FROM kv WHERE expires_at IS NOT NULL AND expires_at <= ? LIMIT ?)`,
  );
  const sweepInboxStmt = db.prepare<[number, number]>(
    `DELETE FROM inbox WHERE (scope, update_id) IN (
       SELECT scope, update_id FROM inbox WHERE expires_at <= ? LIMIT ?)`,
  );

  let closed = false;
  let failure: Error | undefined;
  const assertOpen = (): void => {
    if (closed) throw closedError("sqlite");
    if (failure !== undefined) throw failure;
  };
  const assertSameFile = (): void => {
    if (identity === undefined) return;
    let same: boolean;
    try {
      same = sameFile(statSync(dirname(file)), identity.dir) && sameFile(statSync(file), identity.file);
    } catch {
      same = false;
    }
    if (!same) {
      failure ??= new StoreLost(file);
      throw failure;
    }
  };

  // ---- grouped commit: one ordered log of what to write, committed in one transaction per tick.
  const log: Array<PendingWrite | (() => void)> = [];
  // The latest queued value per key, so reads see queued writes.
  const latest = new Map<string, PendingWrite>();
  let batch: { promise: Promise<void>; resolve: () => void; reject: (error: unknown) => void } | undefined;
  let scheduled = false;
  const apply = (w: PendingWrite): void => {
    if (w.value === null) deleteStmt.run(w.ns, w.key);
    else writeStmt.run(w.ns, w.key, w.value, w.expiresAt);
  };
  const commitAll = db.transaction(() => {
    for (const op of log) {
      if (typeof op === "function") op();
      else apply(op);
    }
  });
  /** Commits everything queued, now; its writers' promises settle with the outcome. Throws on failure. */
  const flush = (): void => {
    if (log.length === 0) return;
    const current = batch;
    batch = undefined;
    try {
      assertSameFile();
      commitAll();
      current?.resolve();
    } catch (error) {
      current?.reject(error);
      throw error;
    } finally {
      log.length = 0;
      latest.clear();
    }
  };
  /** Queues a write or an inbox action for this tick's commit; resolves once it is committed. */
  const queue = (op: PendingWrite | (() => void)): Promise<void> => {
    log.push(op);
    if (typeof op !== "function") latest.set(`${op.ns}\u0000${op.key}`, op);
    if (batch === undefined) {
      let resolve: () => void = () => undefined;
      let reject: (error: unknown) => void = () => undefined;
      const promise = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      batch = { promise, resolve, reject };
    }
    if (!scheduled) {
      scheduled = true;
      setImmediate(() => {
        scheduled = false;
        if (closed) return;
        try {
          flush();
        } catch {
          // Already passed to the writers of this batch through their promises.
        }
      });
    }
    return batch.promise;
  };

  /** Deletes every row expired as of now, in batches, synchronously. */
  const sweep = (): number => {
    flush();
    const t = now();
    let removed = 0;
    for (const stmt of [sweepStmt, sweepInboxStmt]) {
      for (;;) {
        const changes = stmt.run(t, SWEEP_BATCH).changes;
        removed += changes;
        if (changes < SWEEP_BATCH) break;
      }
    }
    return removed;
  };
  /** Background variant: one batch per macrotask, so webhook handlers interleave with a large sweep. */
  let sweeping = false;
  const sweepInBackground = (): void => {
    if (sweeping || closed) return;
    sweeping = true;
    const t = now();
    const stmts = [sweepStmt, sweepInboxStmt];
    const step = (): void => {
      try {
        while (!closed && stmts.length > 0) {
          const stmt = stmts[0];
          if (stmt !== undefined && stmt.run(t, SWEEP_BATCH).changes === SWEEP_BATCH) {
            setImmediate(step).unref();
            return;
          }
          stmts.shift();
        }
      } catch (error) {
        // A busy database must not crash the process from a timer; the next interval retries.
        console.warn("khabar sqlite sweep failed:", error instanceof Error ? error.message : error);
      }
      sweeping = false;
    };
    step();
  };

  sweepInBackground();
  const interval = options.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS;
  const timer = interval > 0 ? setInterval(sweepInBackground, interval) : undefined;
  timer?.unref();

  const readHealth = readFailures();
  const healthNs = scoped(scope, "health");
  const inbox = createSqliteInbox({
    db,
    scope: scoped(scope, INBOX_NAMESPACE),
    now,
    // Whatever was queued before an admit commits with it, in one transaction, before it resolves.
    commitNow: (action) => {
      assertOpen();
      void queue(action).catch(() => undefined);
      flush();
    },
    later: (action) => {
      assertOpen();
      return queue(action);
    },
    beforeRead: () => {
      assertOpen();
      flush();
    },
  });

  return {
    kind: "sqlite",
    file,
    db,
    inbox,
    adapter<T>(namespace: string, adapterOptions: AdapterOptions = {}): StorageAdapter<T> {
      const ns = adapterNamespace(scope, namespace);
      const { ttlSeconds } = adapterOptions;
      checkTtl(ttlSeconds);
      // async so that SQLite errors surface as rejections, like the Redis backend's.
      return {
        async read(key) {
          assertOpen();
          const queued = latest.get(`${ns}\u0000${key}`);
          if (queued !== undefined) {
            const gone = queued.value === null || (queued.expiresAt !== null && queued.expiresAt <= now());
            return gone || queued.value === null ? undefined : decode<T>(queued.value);
          }
          // A damaged file fails here (SQLITE_CORRUPT, or a row that no longer parses): a storage error,
          // which readers get the usual apology for and /healthz reports, not a bug in the bot.
          let value: T | undefined;
          try {
            const json = readStmt.get(ns, key, now());
            value = json === undefined ? undefined : decode<T>(json);
          } catch (error) {
            readHealth.failed();
            throw new StorageError("sqlite", "read", namespace, error);
          }
          return value;
        },
        async write(key, value) {
          assertOpen();
          const expiresAt = ttlSeconds === undefined ? null : now() + ttlSeconds * 1000;
          // A failed commit (a read-only, full or damaged file) is a storage error too, like a failed read.
          await queue({ ns, key, value: encode(value), expiresAt }).catch((error: unknown) => {
            throw new StorageError("sqlite", "write", namespace, error);
          });
        },
        async delete(key) {
          assertOpen();
          await queue({ ns, key, value: null, expiresAt: null }).catch((error: unknown) => {
            throw new StorageError("sqlite", "delete", namespace, error);
          });
        },
      };
    },
    async ping() {
      if (closed || !db.open) return false;
      // A reader's read failed lately: the file is damaged somewhere the probe below may not reach (a
      // damaged file does not heal, and a healthy one that failed once is back within the window).
      if (readHealth.failing()) return false;
      try {
        assertOpen();
        flush();
        assertSameFile();
        // A real write: a read-only, full or vanished disk fails here, where `SELECT 1` would still pass.
        const t = now();
        writeStmt.run(healthNs, "probe", String(t), t + 60_000);
        // And a read of it back, through the same statement readers use.
        return readStmt.get(healthNs, "probe", t) === String(t);
      } catch {
        return false;
      }
    },
    async close() {
      if (closed) return;
      try {
        flush();
      } finally {
        closed = true;
        if (timer !== undefined) clearInterval(timer);
        db.close();
      }
    },
    sweep() {
      assertOpen();
      return sweep();
    },
  };
}

/** SQLite's "not a sound database" errors as {@link StoreCorrupt}, a held lock as {@link StoreBusy}. */
function damaged(file: string, error: unknown): StoreCorrupt | StoreBusy | undefined {
  if (error instanceof StoreCorrupt) return error;
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
  if (code === "SQLITE_BUSY") return new StoreBusy(file);
  if (!SQLITE_DAMAGE.has(code)) return undefined;
  return new StoreCorrupt(file, error instanceof Error ? error.message : code);
}

/** How long after a failed read the store reports itself unhealthy. */
export const READ_FAILURE_WINDOW_MS = 30_000;

/** Whether a reader's read failed in the last {@link READ_FAILURE_WINDOW_MS}. */
function readFailures(): { failed(): void; failing(): boolean } {
  let failedAt: number | undefined;
  return {
    failed() {
      failedAt = performance.now();
    },
    failing() {
      return failedAt !== undefined && performance.now() - failedAt < READ_FAILURE_WINDOW_MS;
    },
  };
}
