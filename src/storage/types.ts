import type { StorageAdapter } from "grammy";
import type { Inbox } from "./inbox.js";

/** Which backend a {@link Store} talks to. */
export type StoreKind = "sqlite" | "redis" | "memory";

/** Options of {@link Store.adapter}. */
export interface AdapterOptions {
  /**
   * Records expire this many seconds after their last write (a sliding window renewed by every write, not by
   * reads). Positive integer, because Redis `SET … EX` only takes whole seconds. Omit to keep records forever.
   */
  ttlSeconds?: number;
}

/** Options every backend accepts. */
export interface CommonStoreOptions {
  /**
   * Isolates this bot's data when several bots share one database or Redis: it becomes part of every
   * namespace (`<scope>:session`, `<scope>:inbox`, …). Pass the bot id (`String(bot.botInfo.id)`);
   * this matters most for the inbox, because `update_id`s are only unique per bot.
   * Letters, digits, `_` and `-` only.
   */
  scope?: string;
}

/**
 * The persistence layer behind sessions, conversations and update de-duplication. One per process; every
 * backend keeps the same semantics so the app and its tests do not care which one runs.
 */
export interface Store {
  /** The backend, e.g. for /healthz output and logs. */
  readonly kind: StoreKind;
  /**
   * A grammY `StorageAdapter` over one namespace (e.g. "session", "conv"; letters, digits, `_`, `-`; "update"
   * and "inbox" are reserved for the store's own records). Values are JSON-serialised, so they come back as fresh
   * copies (no shared references, `Date`s become strings); writing `undefined` throws.
   */
  adapter<T>(namespace: string, options?: AdapterOptions): StorageAdapter<T>;
  /** The durable record of received updates, pending until handled (see {@link Inbox}). */
  readonly inbox: Inbox;
  /**
   * True when the backend takes a real write (for /healthz): SQLite also checks that its file is still the one
   * it opened. Never throws and never takes much more than a second.
   */
  ping(): Promise<boolean>;
  /** Stops timers and closes connections/the database; idempotent. Later reads/writes reject. */
  close(): Promise<void>;
}
