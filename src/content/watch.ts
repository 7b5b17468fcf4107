import { watch } from "chokidar";

/** How long the content must be quiet before a reload: an editor's save is often several writes. */
export const RELOAD_DEBOUNCE_MS = 300;

/** A running watcher; `close()` stops it (it keeps the process alive until then). */
export interface ContentWatcher {
  close(): Promise<void>;
}

/**
 * Watches a content directory (chokidar: Node 20's recursive `fs.watch` misses renames and new folders on
 * some file systems) and calls `onChange` once the files have been quiet for `debounceMs`. Symbolic links are
 * watched as links, not followed: a link to a system tree would otherwise have every file under it watched
 * (memory, and reloads for changes that are none of the content's), and the loader refuses links that
 * lead out of the folder anyway.
 */
export function watchContent(
  dir: string,
  onChange: () => void,
  options: { debounceMs?: number; onError?: (err: unknown) => void; onReady?: () => void } = {},
): ContentWatcher {
  const debounceMs = options.debounceMs ?? RELOAD_DEBOUNCE_MS;
  let timer: NodeJS.Timeout | undefined;
  const watcher = watch(dir, { ignoreInitial: true, persistent: true, followSymlinks: false });
  let ready = false;
  watcher.on("all", () => {
    // With ignoreInitial, chokidar still reports each symbolic link it meets while setting up (as "add"):
    // nothing has changed yet, so nothing before "ready" reloads.
    if (!ready) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      onChange();
    }, debounceMs);
  });
  watcher.on("error", (err) => options.onError?.(err));
  // chokidar sets its watches up asynchronously; changes before this are not seen (SIGHUP still reloads).
  watcher.on("ready", () => {
    ready = true;
    options.onReady?.();
  });
  return {
    async close() {
      if (timer !== undefined) clearTimeout(timer);
      await watcher.close();
    },
  };
}
