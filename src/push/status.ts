import type { PushStatusLine } from "./engine.js";
import type { PushLedger } from "./ledger.js";

/** The figures of every unfinished push, from the ledger (what the engine logs every 10 s). */
export async function statusFromLedger(ledger: PushLedger, pushRate: number): Promise<PushStatusLine[]> {
  const lines: PushStatusLine[] = [];
  for (const open of await ledger.open()) {
    const c = await ledger.progress(open.event.id);
    const answered = c.sent + c.failed + c.stopped + c.skipped + c.held;
    const remaining = open.planned ? c.waiting : Math.max(c.waiting, open.audience - answered);
    lines.push({
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
    });
  }
  return lines;
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
