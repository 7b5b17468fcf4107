import { timingSafeEqual } from "node:crypto";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Update } from "grammy/types";
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { Logger } from "pino";
import { InboxUnavailable } from "../storage/inbox.js";
import type { SampledLog } from "./log-sampler.js";

/** Telegram's updates are a few kilobytes; anything near this is not from Telegram. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * How long an update may take before Telegram gets its answer anyway. Telegram gives up on a webhook
 * request after about 10 s and then re-sends the update, so we answer well before that.
 */
export const WEBHOOK_TIMEOUT_MS = 8000;

const SECRET_HEADER = "x-telegram-bot-api-secret-token";

/** Options of {@link webhookEndpoint}. */
export interface WebhookEndpointOptions {
  /**
   * Takes one update: the inbox door (records and claims it, then runs the bot). Rejects with
   * `InboxUnavailable` when the store cannot record it.
   */
  handleUpdate: (update: Update) => Promise<void>;
  logger: Logger;
  /** Bounded-rate warnings for what strangers can trigger. */
  warn: SampledLog;
  /** Where Telegram POSTs updates, e.g. `/webhook`. */
  path: string;
  /** Expected in the `X-Telegram-Bot-Api-Secret-Token` header; set with setWebhook's `secret_token`. */
  secretToken: string;
  /** True once shutdown began: new updates get 503 so Telegram re-sends them to another instance. */
  closing: () => boolean;
  maxBodyBytes?: number;
  timeoutMs?: number;
}

/** The body is not an update; answered 400 (Telegram never sends one, so it is not re-sent). */
class BadUpdate extends Error {}
/** Shutdown began while the body was arriving; answered 503 so Telegram re-sends the update. */
class ShuttingDown extends Error {}

function secretMatches(header: string | undefined, secret: Buffer): boolean {
  if (header === undefined) return false;
  const given = Buffer.from(header, "utf8");
  return given.length === secret.length && timingSafeEqual(given, secret);
}

function parseUpdate(text: string): Update {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BadUpdate("body is not JSON");
  }
  if (typeof json !== "object" || json === null || !("update_id" in json)) {
    throw new BadUpdate("body is not an update");
  }
  if (typeof json.update_id !== "number") throw new BadUpdate("update_id is not a number");
  return json as Update;
}

/**
 * `POST <path>`: Telegram's updates, handed to the inbox door (`handleUpdate`). In this order:
 * 1. the secret header, compared in constant time before any of the body is read: wrong or missing → 401
 *    with `Connection: close` at once, so a stranger cannot hold the connection by uploading slowly;
 * 2. shutting down → 503 (Telegram re-sends later, to an instance that is not shutting down);
 * 3. the body limit: a declared Content-Length over `maxBodyBytes`, or a chunked body growing past it
 *    (hono/body-limit), → 413 with the connection closed;
 * 4. the update: not JSON / not an update → 400; then `handleUpdate`, answered 200 when it settles or at
 *    `timeoutMs` at the latest (it then finishes in the background), 503 when the store cannot record it
 *    and 500 when it rejects otherwise, so Telegram re-delivers an update the bot could not take.
 *
 * Why 200 at the deadline instead of an error: an error would make Telegram re-send an update that is still
 * being handled, i.e. handle it twice. Handler errors never reach this layer: the error boundary in
 * createBot swallows them, so a bug cannot cause a 500 redelivery storm either.
 */
export function webhookEndpoint(options: WebhookEndpointOptions): Hono {
  const { logger, warn, path } = options;
  const secret = Buffer.from(options.secretToken, "utf8");
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const timeoutMs = options.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  const close = { connection: "close" };

  /** Reads and checks the body; throws BadUpdate or ShuttingDown. */
  const readUpdate = async (c: Context): Promise<Update> => {
    let text: string;
    try {
      text = await c.req.text();
    } catch (error) {
      // The client went away or the body deadline cut it: nothing to answer.
      throw new BadUpdate(`body could not be read (${error instanceof Error ? error.name : "error"})`);
    }
    if (options.closing()) throw new ShuttingDown("shutting down");
    return parseUpdate(text);
  };

  /** Resolves when the update is handled, or at the deadline (it then goes on in the background). */
  const handleInTime = async (update: Update): Promise<void> => {
    const handling = options.handleUpdate(update);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<"late">((resolve) => {
      timer = setTimeout(() => resolve("late"), timeoutMs);
    });
    try {
      if ((await Promise.race([handling, deadline])) !== "late") return;
    } finally {
      clearTimeout(timer);
    }
    logger.warn(
      { update_id: update.update_id },
      "update still running at the webhook deadline: answered 200 so Telegram does not re-send it; it finishes in the background",
    );
    handling.catch((err: unknown) => {
      logger.error({ err, update_id: update.update_id }, "update failed after the webhook deadline");
    });
  };

  const tooLarge = (c: Context) =>
    c.json({ ok: false, error: `body larger than ${maxBodyBytes} bytes` }, 413, close);
  const limit = bodyLimit({ maxSize: maxBodyBytes, onError: tooLarge });

  const app = new Hono();
  app.all(
    path,
    async (c, next) => {
      if (c.req.method !== "POST") {
        return c.json({ ok: false, error: "method not allowed" }, 405, { allow: "POST" });
      }
      if (!secretMatches(c.req.header(SECRET_HEADER), secret)) {
        warn(
          "unauthorized",
          { remote: getConnInfo(c).remote.address },
          "webhook request with a wrong or missing secret token rejected (401)",
        );
        return c.json({ ok: false, error: "secret token is wrong" }, 401, close);
      }
      if (options.closing()) return c.json({ ok: false, error: "shutting down" }, 503, close);
      return next();
    },
    (c, next) => {
      // A declared length is enforced by Node's parser, so it is checked here without touching the body:
      // hono/body-limit reads `c.req.raw.body`, which turns @hono/node-server's direct read of the request
      // into a web stream through an undici Request, costing more CPU than the update itself (Telegram
      // always sends Content-Length). Chunked bodies are counted by hono/body-limit as they arrive.
      const declared = c.req.header("content-length");
      if (declared === undefined || c.req.header("transfer-encoding") !== undefined) return limit(c, next);
      if (!/^\d+$/.test(declared) || Number(declared) > maxBodyBytes) return tooLarge(c);
      return next();
    },
    async (c) => {
      try {
        await handleInTime(await readUpdate(c));
        // An empty 200: a JSON body with a "method" field would be taken by Telegram as a webhook reply.
        return c.body(null, 200);
      } catch (error) {
        if (error instanceof BadUpdate) return c.json({ ok: false, error: error.message }, 400);
        if (error instanceof ShuttingDown) return c.json({ ok: false, error: "shutting down" }, 503, close);
        // Not recorded, so not ours yet: Telegram re-delivers it (already logged by the inbox door).
        if (error instanceof InboxUnavailable)
          return c.json({ ok: false, error: "storage unavailable" }, 503);
        logger.error({ err: error }, "webhook update not taken: answered 500 so Telegram re-sends it");
        return c.json({ ok: false, error: "internal error" }, 500);
      }
    },
  );
  return app;
}
