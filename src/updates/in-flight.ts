/** Counts the updates being handled, so shutdown can wait for them. */
export interface InFlight {
  /** Updates currently being handled. */
  readonly size: number;
  /** Resolves true once nothing is in flight, or false when `timeoutMs` passes first. */
  idle(timeoutMs: number): Promise<boolean>;
  /**
   * Runs `handle` counted as one update in flight, until it settles. Counting the handler itself, not an
   * HTTP request, covers the part of a webhook update that still runs after its answer went out (see the
   * webhook's deadline) and the error boundary's reply.
   */
  count<T>(handle: () => Promise<T>): Promise<T>;
}

/** A counter of updates in flight (see {@link InFlight}). */
export function createInFlight(): InFlight {
  let size = 0;
  let waiters: Array<() => void> = [];
  return {
    get size() {
      return size;
    },
    async count(handle) {
      size++;
      try {
        return await handle();
      } finally {
        size--;
        if (size === 0) {
          const done = waiters;
          waiters = [];
          for (const resolve of done) resolve();
        }
      }
    },
    idle(timeoutMs) {
      if (size === 0) return Promise.resolve(true);
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), timeoutMs);
        waiters.push(() => {
          clearTimeout(timer);
          resolve(true);
        });
      });
    },
  };
}
