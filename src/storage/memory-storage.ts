import type { StorageAdapter } from "grammy";
import { createMemoryInbox } from "./memory-inbox.js";
import {
  adapterNamespace,
  checkName,
  checkTtl,
  closedError,
  DEFAULT_SWEEP_INTERVAL_MS,
  decode,
  encode,
} from "./shared.js";
import type { AdapterOptions, CommonStoreOptions, Store } from "./types.js";

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions extends CommonStoreOptions {
  /** Clock in epoch milliseconds; injectable so tests can expire records without sleeping. */
  now?: () => number;
  /** Period of the automatic sweep of expired records (default 10 minutes); 0 disables the timer. */
  sweepIntervalMs?: number;
}

/** An in-process {@link Store} for tests and benchmarks; nothing survives the process. */
export interface MemoryStore extends Store {
  readonly kind: "memory";
  /** Deletes expired records now; returns how many were removed. */
  sweep(): number;
  /** Number of records currently held, expired-but-unswept included (for tests and benchmarks). */
  size(): number;
}

interface Entry {
  json: string;
  /** Epoch ms after which the entry is gone; undefined = never. */
  expiresAt: number | undefined;
}

/**
 * Creates a Map-backed store with the same semantics as the persistent ones: values are stored as JSON
 * strings (so callers get copies, exactly like SQLite/Redis) and TTLs expire records on read and by sweep.
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): MemoryStore {
  const { scope } = options;
  if (scope !== undefined) checkName("scope", scope);
  const now = options.now ?? Date.now;
  const map = new Map<string, Entry>();
  let closed = false;

  const live = (key: string): Entry | undefined => {
    const entry = map.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt !== undefined && entry.expiresAt <= now()) {
      map.delete(key);
      return undefined;
    }
    return entry;
  };
  const assertOpen = (): void => {
    if (closed) throw closedError("memory");
  };

  const sweep = (): number => {
    const t = now();
    let removed = 0;
    for (const [key, entry] of map) {
      if (entry.expiresAt !== undefined && entry.expiresAt <= t) {
        map.delete(key);
        removed++;
      }
    }
    return removed + inbox.sweep();
  };
  const inbox = createMemoryInbox(now, assertOpen);
  const interval = options.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS;
  const timer = interval > 0 ? setInterval(sweep, interval) : undefined;
  timer?.unref();

  return {
    kind: "memory",
    inbox,
    adapter<T>(namespace: string, adapterOptions: AdapterOptions = {}): StorageAdapter<T> {
      const ns = adapterNamespace(scope, namespace);
      const { ttlSeconds } = adapterOptions;
      checkTtl(ttlSeconds);
      const k = (key: string): string => `${ns}:${key}`;
      return {
        async read(key) {
          assertOpen();
          const entry = live(k(key));
          return entry === undefined ? undefined : decode<T>(entry.json);
        },
        async write(key, value) {
          assertOpen();
          const expiresAt = ttlSeconds === undefined ? undefined : now() + ttlSeconds * 1000;
          map.set(k(key), { json: encode(value), expiresAt });
        },
        async delete(key) {
          assertOpen();
          map.delete(k(key));
        },
      };
    },
    async ping() {
      return !closed;
    },
    async close() {
      closed = true;
      if (timer !== undefined) clearInterval(timer);
      map.clear();
    },
    sweep() {
      assertOpen();
      return sweep();
    },
    size() {
      return map.size;
    },
  };
}
