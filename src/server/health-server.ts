import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { BotMode } from "../config.js";
import type { Store } from "../storage/types.js";
import { checkHealth } from "./health.js";
import { HEALTH_PATH } from "./webhook.js";

/** A listening health server. */
export interface HealthServer {
  readonly address: AddressInfo;
  close(): Promise<void>;
}

/**
 * `GET /healthz` on its own port for polling mode (`HEALTH_PORT`), so a supervisor can tell a bot whose
 * store stopped taking writes from a healthy one. Plain node:http for now: the webhook's HTTP layer is being
 * replaced, and this server should move onto it when it lands. Nothing else is served (404).
 */
export async function startHealthServer(options: {
  store: Store;
  mode: BotMode;
  host: string;
  port: number;
  startedAt?: number;
}): Promise<HealthServer> {
  const startedAt = options.startedAt ?? Date.now();
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const json = (status: number, body: unknown): void => {
      const text = JSON.stringify(body);
      res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
      res.end(req.method === "HEAD" ? undefined : text);
    };
    if (path !== HEALTH_PATH) return json(404, { ok: false, error: "not found" });
    if (req.method !== "GET" && req.method !== "HEAD")
      return json(405, { ok: false, error: "method not allowed" });
    checkHealth(options.store, options.mode, startedAt).then(
      (report) => json(report.status === "ok" ? 200 : 503, report),
      () => json(503, { status: "unavailable" }),
    );
  });
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return {
    address: server.address() as AddressInfo,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
