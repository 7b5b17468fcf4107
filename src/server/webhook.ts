import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type Bot, webhookCallback } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "pino";
import type { BotContext } from "../bot/context.js";
import { InboxUnavailable } from "../storage/inbox.js";
import type { Store } from "../storage/types.js";
import { checkHealth } from "./health.js";
import { ALLOWED_UPDATES, type Running } from "./running.js";

/** Telegram's updates are a few kilobytes; anything near this is not from Telegram. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * How long an update may take before Telegram gets its answer anyway. Telegram gives up on a webhook
 * request after about 10 s and then re-sends the update, so we answer well before that.
 */
export const WEBHOOK_TIMEOUT_MS = 8000;

/** Past this many discarded bytes of an oversized body the connection is cut instead of drained. */
const DISCARD_LIMIT_BYTES = 16 * MAX_BODY_BYTES;

/** The health probe's path. */
export const HEALTH_PATH = "/healthz";

/** Options of {@link createWebhookServer}. */
export interface WebhookServerOptions {
  bot: Bot<BotContext>;
  store: Store;
  logger: Logger;
  /** Where Telegram POSTs updates, e.g. `/webhook`. */
  path: string;
  /** Expected in the `X-Telegram-Bot-Api-Secret-Token` header; set with setWebhook's `secret_token`. */
  secretToken: string;
  maxBodyBytes?: number;
  timeoutMs?: number;
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

class BadUpdate extends Error {}

/** The request body, parsed only when grammY asks for it: after the secret check. */
class LazyUpdate {
  private parsed: Update | undefined;
  constructor(private readonly body: Buffer) {}

  get value(): Update {
    if (this.parsed !== undefined) return this.parsed;
    let json: unknown;
    try {
      json = JSON.parse(this.body.toString("utf8"));
    } catch {
      throw new BadUpdate("body is not JSON");
    }
    if (typeof json !== "object" || json === null || !("update_id" in json)) {
      throw new BadUpdate("body is not an update");
    }
    if (typeof json.update_id !== "number") throw new BadUpdate("update_id is not a number");
    this.parsed = json as Update;
    return this.parsed;
  }

  /** The update id for log lines, without throwing. */
  get updateId(): number | undefined {
    try {
      return this.value.update_id;
    } catch {
      return undefined;
    }
  }
}

type Body = { kind: "ok"; data: Buffer } | { kind: "too-large" } | { kind: "aborted" };

/**
 * Reads a request body up to `limit` bytes. An oversized body is drained (up to a hard cap) before the 413
 * goes out, because a client that is still uploading when the connection closes never sees the answer.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Body> {
  return new Promise((resolve) => {
    const declared = Number(req.headers["content-length"] ?? "0");
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = Number.isFinite(declared) && declared > limit;
    if (tooLarge && declared > DISCARD_LIMIT_BYTES) {
      req.destroy();
      resolve({ kind: "aborted" });
      return;
    }
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > DISCARD_LIMIT_BYTES) {
        req.destroy();
        resolve({ kind: "aborted" });
        return;
      }
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
      }
      if (!tooLarge) chunks.push(chunk);
    });
    req.on("end", () =>
      resolve(tooLarge ? { kind: "too-large" } : { kind: "ok", data: Buffer.concat(chunks) }),
    );
    req.on("error", () => resolve({ kind: "aborted" }));
  });
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  options: { headers?: Record<string, string>; head?: boolean } = {},
): void {
  if (res.headersSent) {
    if (!res.writableEnded) res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    ...options.headers,
  });
  res.end(options.head === true ? undefined : text);
}

/**
 * The webhook HTTP server (node:http, no framework): `POST <path>` takes updates through grammY's
 * `webhookCallback` with the secret token (wrong or missing → 401, nothing handled), `GET /healthz`
 * reports storage reachability, bodies over 1 MiB get 413, other paths 404 and other methods 405.
 *
 * Timeouts: an update still running after {@link WEBHOOK_TIMEOUT_MS} gets its 200 anyway (`onTimeout`
 * returns) and finishes in the background. Throwing instead would answer 500 and make Telegram re-send an
 * update that is still being handled, i.e. handle it twice (the inbox would skip the copy, but
 * the reader's chat would stall behind the retries). Handler errors never reach this layer: the error
 * boundary in createBot swallows them, so a bug cannot cause a 500 redelivery storm either. The one
 * rejection that does is the inbox's: an update the store cannot record gets 503, so Telegram re-sends it.
 */
export function createWebhookServer(options: WebhookServerOptions): WebhookServer {
  const { bot, store, logger, path } = options;
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const startedAt = options.startedAt ?? Date.now();
  let closing = false;
  let rejected = 0;

  // A grammY framework adapter for a request whose body we already read (to enforce the size limit).
  const adapter = (req: IncomingMessage, res: ServerResponse, update: LazyUpdate) => {
    const header = req.headers["x-telegram-bot-api-secret-token"];
    return {
      get update() {
        return update.value;
      },
      header: Array.isArray(header) ? header[0] : header,
      // An empty 200: a JSON body with a "method" field would be taken by Telegram as a webhook reply.
      end: () => {
        if (!res.headersSent) res.writeHead(200, closing ? { connection: "close" } : {});
        if (!res.writableEnded) res.end();
      },
      respond: (json: string) => {
        res.writeHead(200, { "content-type": "application/json" }).end(json);
      },
      unauthorized: () => {
        rejected++;
        // Powers of two: a misconfigured secret shows up at once, a scanner cannot flood the log.
        if ((rejected & (rejected - 1)) === 0) {
          logger.warn(
            { rejected, remote: req.socket.remoteAddress },
            "webhook request with a wrong or missing secret token rejected (401)",
          );
        }
        send(res, 401, { ok: false, error: "secret token is wrong" });
      },
    };
  };
  const handleUpdate = webhookCallback(bot, adapter, {
    secretToken: options.secretToken,
    timeoutMilliseconds: options.timeoutMs ?? WEBHOOK_TIMEOUT_MS,
    onTimeout: (_req: IncomingMessage, _res: ServerResponse, update: LazyUpdate) => {
      logger.warn(
        { update_id: update.updateId },
        "update still running at the webhook deadline: answered 200 so Telegram does not re-send it; it finishes in the background",
      );
    },
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname === HEALTH_PATH) {
      if (req.method !== "GET" && req.method !== "HEAD") {
        send(res, 405, { ok: false, error: "method not allowed" }, { headers: { allow: "GET, HEAD" } });
        return;
      }
      const report = await checkHealth(store, "webhook", startedAt);
      send(res, report.status === "ok" ? 200 : 503, report, { head: req.method === "HEAD" });
      return;
    }
    if (url.pathname !== path) {
      send(res, 404, { ok: false, error: "not found" });
      return;
    }
    if (req.method !== "POST") {
      send(res, 405, { ok: false, error: "method not allowed" }, { headers: { allow: "POST" } });
      return;
    }
    const body = await readBody(req, maxBodyBytes);
    if (body.kind === "aborted") return;
    if (body.kind === "too-large") {
      send(
        res,
        413,
        { ok: false, error: `body larger than ${maxBodyBytes} bytes` },
        { headers: { connection: "close" } },
      );
      return;
    }
    if (closing) {
      // Telegram re-sends it after a short while, to an instance that is not shutting down.
      send(res, 503, { ok: false, error: "shutting down" }, { headers: { connection: "close" } });
      return;
    }
    try {
      await handleUpdate(req, res, new LazyUpdate(body.data));
      if (!res.writableEnded) res.end();
    } catch (error) {
      if (error instanceof BadUpdate) {
        send(res, 400, { ok: false, error: error.message });
        return;
      }
      if (error instanceof InboxUnavailable) {
        // Not recorded, so not ours yet: Telegram re-delivers it (already logged by the inbox door).
        send(res, 503, { ok: false, error: "storage unavailable" });
        return;
      }
      logger.error({ err: error }, "webhook request failed");
      send(res, 500, { ok: false, error: "internal error" });
    }
  }

  const server = createServer((req, res) => {
    if (closing) res.setHeader("connection", "close");
    route(req, res).catch((error: unknown) => {
      logger.error({ err: error }, "webhook server error");
      send(res, 500, { ok: false, error: "internal error" });
    });
  });
  // Bounds how long a slow or stalled client can hold a connection (Node's default is 5 minutes).
  server.requestTimeout = 30_000;

  let closed: Promise<void> | undefined;
  return {
    server,
    stopAccepting() {
      if (closing) return;
      closing = true;
      // Resolves once every connection is gone: idle ones now, busy ones after their answer (which then
      // carries `Connection: close`).
      closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
    },
    async closeConnections(timeoutMs) {
      if (closed === undefined) return;
      server.closeIdleConnections();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([closed, new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
      clearTimeout(timer);
      server.closeAllConnections();
    },
  };
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
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
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
