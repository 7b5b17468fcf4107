import type { Progress, PushLedger } from "./ledger.js";

/** The figures of one running push, for logs and `npm run push:status`. */
export interface PushStatusLine {
  event: string;
  audience: number;
  sent: number;
  silent: number;
  failed: number;
  stopped: number;
  skipped: number;
  held: number;
  remaining: number;
  eta_s: number;
}

/** The figures of every unfinished push, from the ledger (what the engine logs every 10 s). */
export async function statusFromLedger(ledger: PushLedger, pushRate: number): Promise<PushStatusLine[]> {
  const lines: PushStatusLine[] = [];
  for (const open of await ledger.open()) {
    lines.push(statusLine(open, await ledger.progress(open.event.id), pushRate));
  }
  return lines;
}

/**
 * One push's figures as operators read them (the engine's log line and `npm run push:status`): what was
 * answered, and what remains, planned or not yet planned, with the time it takes at `pushRate`.
 */
export function statusLine(
  push: { event: { id: string }; audience: number; planned: boolean },
  c: Progress,
  pushRate: number,
): PushStatusLine {
  const answered = c.sent + c.failed + c.stopped + c.skipped + c.held;
  const remaining = push.planned ? c.waiting : Math.max(c.waiting, push.audience - answered);
  return {
    event: push.event.id,
    audience: push.audience,
    sent: c.sent,
    silent: c.silent,
    failed: c.failed,
    stopped: c.stopped,
    skipped: c.skipped,
    held: c.held,
    remaining,
    eta_s: Math.ceil(remaining / pushRate),
  };
}

/** "1 h 2 min", "3 min 5 s", "12 s". */
export function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.round(seconds % 60);
  if (h > 0) return `${h} h ${m} min`;
  if (m > 0) return `${m} min ${s} s`;
  return `${s} s`;
}

/** One line per push, as `npm run push:status` prints it. */
export function formatStatusLine(line: PushStatusLine): string {
  return [
    `${line.event}: audience ${line.audience}`,
    `sent ${line.sent} (silent ${line.silent})`,
    `failed ${line.failed}`,
    `stopped ${line.stopped}`,
    `held for digests ${line.held}`,
    `remaining ${line.remaining}`,
    `ETA ${formatDuration(line.eta_s)}`,
  ].join(" · ");
}
