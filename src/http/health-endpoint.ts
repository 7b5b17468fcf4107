import { Hono } from "hono";
import type { BotMode } from "../config.js";
import type { Store } from "../storage/types.js";
import { checkHealth } from "./health.js";

/** The health probe's path. */
export const HEALTH_PATH = "/healthz";

/** Options of {@link healthEndpoint}. */
export interface HealthEndpointOptions {
  store: Store;
  mode: BotMode;
  /** For the report's uptime. */
  startedAt: number;
}

/**
 * `GET /healthz` (and HEAD): 200 with the {@link checkHealth} report when the instance can serve readers,
 * 503 when it cannot, so a load balancer routes around it; other methods 405.
 */
export function healthEndpoint(options: HealthEndpointOptions): Hono {
  const app = new Hono();
  app.all(HEALTH_PATH, async (c) => {
    if (c.req.method !== "GET" && c.req.method !== "HEAD") {
      return c.json({ ok: false, error: "method not allowed" }, 405, { allow: "GET, HEAD" });
    }
    const report = await checkHealth(options.store, options.mode, options.startedAt);
    return c.json(report, report.status === "ok" ? 200 : 503);
  });
  return app;
}
