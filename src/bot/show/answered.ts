/**
 * Which button presses have been answered, so the error boundary does not answer one a second time
 * (Telegram rejects a second answer). Kept by callback query id because a conversation answers through
 * its own context object. Bounded: ids are only needed while their update is being handled.
 */
const answered = new Set<string>();
const LIMIT = 10_000;

/** Notes that a callback query has been answered. */
export function markAnswered(queryId: string): void {
  if (answered.size >= LIMIT) answered.clear();
  answered.add(queryId);
}

/** Whether a callback query was already answered (and forgets it: each is asked about once, at the end). */
export function takeAnswered(queryId: string): boolean {
  return answered.delete(queryId);
}
