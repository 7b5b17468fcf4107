import type { Logger } from "pino";
import type { Store } from "../storage/types.js";
import type { InFlight } from "../updates/in-flight.js";
import type { Running } from "../updates/running.js";

/**
 * After this long the process exits whatever is still running. Orchestrators send SIGKILL 10 s after
 * SIGTERM (Docker, Kubernetes and systemd defaults); exiting ourselves first leaves a log line saying so.
 */
export const SHUTDOWN_BUDGET_MS = 9000;

/** Options of {@link createShutdown}. */
export interface ShutdownOptions {
  logger: Logger;
  store: Store;
  inFlight: InFlight;
  /** The update source, once started (a signal may arrive during start-up). */
  running: () => Running | undefined;
  /** Closed after the update source and before the store (e.g. the preview's page server). */
  closeAlso?: () => Promise<void>;
  /**
   * Pushes: stops starting deliveries and waits for every outgoing call in flight to get its answer (and
   * its delivery recorded) within the time it is given, before the store closes.
   */
  push?: { stop(timeoutMs: number): Promise<void> };
  budgetMs?: number;
  /** Injected for tests; default `process.exit`. */
  exit?: (code: number) => void;
}

/** Starts shutting down for `reason` and exits with `code` when done; a second call exits at once. */
export type Shutdown = (reason: string, code?: number) => Promise<void>;

/**
 * The one way the process ends on purpose: stop taking updates, let the ones in flight finish, release the
 * transport and the storage, then exit. Bounded by {@link SHUTDOWN_BUDGET_MS}: updates still in flight by
 * then are left unfinished in the inbox (a warning, exit 0: the next start handles them); a backstop timer
 * exits 1 if closing itself hangs.
 * A second signal (a second Ctrl-C) exits at once.
 */
export function createShutdown(options: ShutdownOptions): Shutdown {
  const { logger, store, inFlight } = options;
  const budgetMs = options.budgetMs ?? SHUTDOWN_BUDGET_MS;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let started = false;

  return async (reason, exitCode = 0) => {
    const code = exitCode;
    if (started) {
      logger.warn({ reason }, "asked again while shutting down: exiting now");
      exit(1);
      return;
    }
    started = true;
    const begin = Date.now();
    const force = setTimeout(() => {
      // Backstop for a close that hangs; normally the in-flight wait below gives up first.
      logger.error({ in_flight: inFlight.size, budget_ms: budgetMs }, "shutdown took too long: forcing exit");
      exit(1);
    }, budgetMs);
    force.unref();
    logger.info(
      { reason, in_flight: inFlight.size },
      "shutting down: taking no new updates, finishing those in flight",
    );
    try {
      const running = options.running();
      await running?.stop();
      // Keep part of the budget for closing connections and the store.
      const reserve = Math.min(1000, budgetMs / 5);
      const left = Math.max(0, budgetMs - reserve - (Date.now() - begin));
      // Pushes stop at once (what is not sent stays waiting for the next start); the calls in flight,
      // readers' and pushes', get their answers within the same budget as the updates.
      const [idle] = await Promise.all([inFlight.idle(left), options.push?.stop(left)]);
      if (!idle) {
        // Nothing is lost: an update counts as done only once its handler finished, so these stay in the
        // inbox and the next start (or another instance) handles them.
        logger.warn(
          { in_flight: inFlight.size, budget_ms: budgetMs },
          "shutdown budget used up: updates still being handled stay in the inbox for the next start",
        );
      }
      await running?.close?.(Math.min(500, reserve / 2));
      await options.closeAlso?.();
      await store.close();
      clearTimeout(force);
      logger.info({ reason, shutdown_ms: Date.now() - begin }, "stopped");
      exit(code);
    } catch (error) {
      clearTimeout(force);
      logger.error({ err: error }, "shutdown failed");
      exit(1);
    }
  };
}
