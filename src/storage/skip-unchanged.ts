import type { StorageAdapter } from "grammy";

/** Snapshots older than this many pending reads are dropped (an update that failed never finishes). */
const MAX_PENDING = 10_000;

/**
 * Wraps a session adapter so that grammY's write-back at the end of every update costs nothing when the
 * update did not change the session. grammY writes (or deletes) every session it read; most updates only
 * read the reader's language, so without this each update would cost a storage write.
 *
 * It remembers what each key read as until that key's write-back, then compares. Updates of one reader
 * run one at a time (sequentialize per chat and user), so the remembered value is that update's own read.
 */
export function skipUnchanged<T>(adapter: StorageAdapter<T>): StorageAdapter<T> {
  const pending = new Map<string, string | undefined>();
  return {
    async read(key) {
      const value = await adapter.read(key);
      if (pending.size >= MAX_PENDING) pending.clear();
      pending.set(key, value === undefined ? undefined : JSON.stringify(value));
      return value;
    },
    async write(key, value) {
      const before = pending.get(key);
      const known = pending.has(key);
      pending.delete(key);
      if (known && before === JSON.stringify(value)) return;
      await adapter.write(key, value);
    },
    async delete(key) {
      const known = pending.has(key);
      const before = pending.get(key);
      pending.delete(key);
      if (known && before === undefined) return;
      await adapter.delete(key);
    },
  };
}
