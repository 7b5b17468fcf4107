import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import type { BotMode } from "../config.js";
import type { Store } from "../storage/types.js";
import { createHttpApp } from "./create-http-app.js";
import { healthEndpoint } from "./health-endpoint.js";
import { createHttpServer, listen } from "./serve.js";

/** A listening health server. */
export interface HealthServer {
  readonly address: AddressInfo;
  close(): Promise<void>;
}

/**
 * `GET /healthz` on its own port for polling mode (`HEALTH_PORT`), so a supervisor can tell a bot whose
 * store stopped taking writes from a healthy one. The same HTTP layer as the webhook server and the
 * preview (`http/`: Hono, with its deadlines, idle timeouts and connection cap); nothing else is
 * served (404).
 */
export async function startHealthServer(options: {
  store: Store;
  mode: BotMode;
  host: string;
  port: number;
  logger: Logger;
  startedAt?: number;
}): Promise<HealthServer> {
  const app = createHttpApp({
    logger: options.logger,
    routes: [
      healthEndpoint({
        store: options.store,
        mode: options.mode,
        startedAt: options.startedAt ?? Date.now(),
      }),
    ],
  });
  const http = createHttpServer(app, { logger: options.logger });
  const address = await listen(http.server, options.port, options.host);
  return {
    address,
    async close() {
      http.stopAccepting();
      await http.closeConnections(500);
    },
  };
}
