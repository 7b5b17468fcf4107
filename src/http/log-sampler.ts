import type { Logger } from "pino";

/** Logs one kind of event at most once per interval, with how many were left out since the last line. */
export type SampledLog = (kind: string, fields: Record<string, unknown>, message: string) => void;

/**
 * A bounded-rate warning log for what strangers can trigger at will (requests without the secret,
 * unparsable requests, connections over the cap): the first of each kind is logged at once, so a
 * misconfiguration shows up immediately, then at most one line per kind per `intervalMs` carrying the
 * count of those not logged, so a scanner or a flood cannot fill the disk or drown the other lines.
 */
export function sampledLog(logger: Logger, intervalMs = 60_000): SampledLog {
  const kinds = new Map<string, { last: number; suppressed: number }>();
  return (kind, fields, message) => {
    const now = performance.now();
    const state = kinds.get(kind);
    if (state !== undefined && now - state.last < intervalMs) {
      state.suppressed++;
      return;
    }
    logger.warn({ ...fields, suppressed: state?.suppressed ?? 0 }, message);
    kinds.set(kind, { last: now, suppressed: 0 });
  };
}
