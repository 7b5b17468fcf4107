import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Bot } from "grammy";
import type { Update } from "grammy/types";
import type { Hono } from "hono";
import type { Logger } from "pino";
import type { BotContext } from "../bot/context.js";
import { createHttpApp } from "../http/create-http-app.js";
import { healthEndpoint } from "../http/health-endpoint.js";
import type { HttpLimits } from "../http/limits.js";
import { sampledLog } from "../http/log-sampler.js";
import { createHttpServer, listen } from "../http/serve.js";
import { webhookEndpoint } from "../http/webhook-endpoint.js";
import type { Store } from "../storage/types.js";
import { ALLOWED_UPDATES, type Running } from "./running.js";

export { HEALTH_PATH } from "../http/health-endpoint.js";
export { MAX_BODY_BYTES, WEBHOOK_TIMEOUT_MS } from "../http/webhook-endpoint.js";

/** Options of {@link createWebhookServer}. */
export interface WebhookServerOptions {
  /** For setWebhook. */
  bot: Bot<BotContext>;
  /** The inbox door every update goes through (see `webhookEndpoint`). */
  handleUpdate: (update: Update) => Promise<void>;
  store: Store;
  logger: Logger;
  /** Where Telegram POSTs updates, e.g. `/webhook`. */
  path: string;
  /** Expected in the `X-Telegram-Bot-Api-Secret-Token` header; set with setWebhook's `secret_token`. */
  secretToken: string;
  maxBodyBytes?: number;
  timeoutMs?: number;
  /** Connection and time limits (defaults: `defaultHttpLimits()`). */
  limits?: Partial<HttpLimits>;
  /** More route groups served by the same server (e.g. the local preview). */
  routes?: readonly Hono[];
  /** For the health report's uptime (default: now). */
  startedAt?: number;
}

/** The webhook HTTP server and its shutdown controls. */
export interface WebhookServer {
  readonly server: Server;
  /** Answers new updates with 503 (Telegram re-sends them later) and stops accepting connections. */
  stopAccepting(): void;
  /** Closes the remaining connections once the updates in flight have been answered; bounded by `timeoutMs`. */
  closeConnections(timeoutMs: number): Promise<void>;
}

/**
 * The webhook HTTP server: one Hono app (see `http/`) with `POST <path>` for Telegram's updates
 * (`webhookEndpoint`: secret before body, body limit, 8 s answer), `GET /healthz` (`healthEndpoint`) and any
 * further routes, served by `createHttpServer` with its deadlines, idle timeouts and connection cap.
 */
export function createWebhookServer(options: WebhookServerOptions): WebhookServer {
  const { logger } = options;
  const warn = sampledLog(logger);
  let http: ReturnType<typeof createHttpServer> | undefined;
  const app = createHttpApp({
    logger,
    routes: [
      webhookEndpoint({
        handleUpdate: options.handleUpdate,
        logger,
        warn,
        path: options.path,
        secretToken: options.secretToken,
        closing: () => http?.closing === true,
        ...(options.maxBodyBytes === undefined ? {} : { maxBodyBytes: options.maxBodyBytes }),
        ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      }),
      healthEndpoint({ store: options.store, mode: "webhook", startedAt: options.startedAt ?? Date.now() }),
      ...(options.routes ?? []),
    ],
  });
  http = createHttpServer(app, { logger, warn, ...(options.limits ? { limits: options.limits } : {}) });
  return http;
}

/** Options of {@link startWebhook}. */
export interface StartWebhookOptions extends WebhookServerOptions {
  host: string;
  port: number;
  /** When set, registered with Telegram (setWebhook) together with the secret and the allowed updates. */
  webhookUrl: string | undefined;
}

/** A started webhook server. */
export interface RunningWebhook extends Running {
  /** Where the server listens (with the real port when 0 was asked for). */
  readonly address: AddressInfo;
  readonly webhook: WebhookServer;
}

/**
 * Listens, then registers the webhook with Telegram, so updates only arrive once we can take them. Every
 * instance behind a load balancer may do this: setWebhook with the same URL, secret and update types is
 * idempotent. On stop the webhook stays registered, so the other instances (or this one after a restart)
 * keep receiving updates; Telegram holds them for up to 24 h meanwhile.
 */
export async function startWebhook(options: StartWebhookOptions): Promise<RunningWebhook> {
  const webhook = createWebhookServer(options);
  const { server } = webhook;
  const address = await listen(server, options.port, options.host);
  options.logger.info(
    { mode: "webhook", host: address.address, port: address.port, path: options.path },
    "webhook server listening",
  );
  if (options.webhookUrl === undefined) {
    options.logger.warn(
      "WEBHOOK_URL is not set: not calling setWebhook; make sure the webhook is registered with this WEBHOOK_SECRET",
    );
  } else {
    await options.bot.api.setWebhook(options.webhookUrl, {
      secret_token: options.secretToken,
      allowed_updates: [...ALLOWED_UPDATES],
      drop_pending_updates: false,
    });
    options.logger.info({ url: options.webhookUrl }, "webhook registered with Telegram");
  }
  return {
    address,
    webhook,
    fatal: new Promise<Error>((resolve) => server.once("error", resolve)),
    async stop() {
      webhook.stopAccepting();
    },
    close: (timeoutMs) => webhook.closeConnections(timeoutMs),
  };
}
