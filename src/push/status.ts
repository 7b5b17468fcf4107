import type { PushStatusLine } from "./engine.js";
import type { PushLedger } from "./ledger.js";

/** The figures of every unfinished push, from the ledger (what the engine logs every 10 s). */
export function statusFromLedger(ledger: PushLedger, pushRate: number): PushStatusLine[] {
  return ledger.open().map((open) => {
    const c = ledger.progress(open.event.id);
    const answered = c.sent + c.failed + c.stopped + c.skipped + c.held;
    const remaining = open.planned ? c.waiting : Math.max(c.waiting, open.audience - answered);
    return {
      event: open.event.id,
      audience: open.audience,
      sent: c.sent,
      silent: c.silent,
      failed: c.failed,
      stopped: c.stopped,
      skipped: c.skipped,
      held: c.held,
      remaining,
      eta_s: Math.ceil(remaining / pushRate),
    };
  });
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
