import type { BotMode } from "../config.js";
import type { Store, StoreKind } from "../storage/types.js";

/** The body of `GET /healthz`. */
export interface HealthReport {
  status: "ok" | "unavailable";
  mode: BotMode;
  storage: { kind: StoreKind; reachable: boolean };
  /** Seconds since the process started serving. */
  uptime_s: number;
}

/**
 * Checks what an instance needs to answer readers: its storage. A load balancer or orchestrator takes an
 * instance whose Redis is unreachable out of rotation (503) instead of letting it fail every update.
 * `store.ping()` never throws and is bounded (about a second), so the probe itself cannot hang.
 */
export async function checkHealth(store: Store, mode: BotMode, startedAt: number): Promise<HealthReport> {
  const reachable = await store.ping();
  return {
    status: reachable ? "ok" : "unavailable",
    mode,
    storage: { kind: store.kind, reachable },
    uptime_s: Math.round((Date.now() - startedAt) / 100) / 10,
  };
}
