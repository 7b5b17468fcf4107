/**
 * The HTTP transport: a real Bot API endpoint on 127.0.0.1 for process-level tests, where the bot runs as
 * a child process with its apiRoot pointed here. It is a thin shell around FakeTelegram, so it behaves
 * exactly like the in-process fetch, plus what only HTTP has: tokens, long polls held open, dropped
 * connections.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Update } from "grammy/types";
import { parseBotApiPath } from "./fake-fetch.js";
import { type ApiCall, ERRORS, FAKE_BOT_TOKEN, FakeTelegram, isRecord } from "./fake-telegram.js";

/** A running fake Bot API server. */
export interface FakeBotApiServer {
  /** `http://127.0.0.1:PORT`, for grammY's `client.apiRoot` (no trailing slash, which grammY rejects). */
  apiRoot: string;
  /** The token the server accepts; any other gets 401. */
  token: string;
  /** The model behind the server: inspect calls, inject faults. */
  tg: FakeTelegram;
  /** Queues an update for getUpdates; assigns update_id if missing (or not increasing) and returns it. */
  pushUpdate(update: Partial<Update>): number;
  /** The first answered call matching `predicate`, already recorded or still to come (default 5000 ms). */
  waitForCall(predicate: (call: ApiCall) => boolean, timeoutMs?: number): Promise<ApiCall>;
  /** Ends pending long polls, destroys connections and stops listening. Safe to call twice. */
  close(): Promise<void>;
}

/** Options for startFakeBotApiServer. */
export interface FakeBotApiServerOptions {
  /** The token to accept (default FAKE_BOT_TOKEN). */
  token?: string;
  /** An existing model to serve, e.g. shared with in-process assertions (default: a new one). */
  tg?: FakeTelegram;
  /** Port to listen on (default 0: an ephemeral port, so parallel test files never collide). */
  port?: number;
}

/** Fields that form and query-string bodies carry as JSON text (JSON bodies carry them as objects). */
const JSON_FIELDS = new Set([
  "reply_markup",
  "entities",
  "caption_entities",
  "commands",
  "scope",
  "allowed_updates",
  "link_preview_options",
  "reply_parameters",
  "results",
  "message_ids",
  "menu_button",
  "button",
]);

/** Starts a fake Bot API server on 127.0.0.1. */
export async function startFakeBotApiServer(opts: FakeBotApiServerOptions = {}): Promise<FakeBotApiServer> {
  const tg = opts.tg ?? new FakeTelegram();
  const token = opts.token ?? FAKE_BOT_TOKEN;

  const server = createServer((req, res) => {
    handleRequest(tg, token, req, res).catch((error: unknown) => {
      // Only reachable through a bug in the fake; answer so the client does not hang.
      const description = `Internal Server Error: ${error instanceof Error ? error.message : String(error)}`;
      if (!res.headersSent) sendJson(res, 500, { ok: false, error_code: 500, description });
      else res.destroy();
    });
  });
  // grammY's keep-alive agent reuses sockets; never let an idle one hold the process open after a test.
  server.keepAliveTimeout = 1000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  let closing: Promise<void> | undefined;
  return {
    apiRoot: `http://127.0.0.1:${port}`,
    token,
    tg,
    pushUpdate: (update) => tg.pushUpdate(update),
    waitForCall: (predicate, timeoutMs) => tg.waitForCall(predicate, timeoutMs),
    close() {
      closing ??= new Promise<void>((resolve) => {
        tg.cancelPendingPolls();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

async function handleRequest(
  tg: FakeTelegram,
  token: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const route = parseBotApiPath(url.pathname);
  if (!route) {
    await readBody(req);
    sendJson(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    return;
  }
  if (route.token !== token) {
    await readBody(req);
    sendJson(res, 401, { ok: false, error_code: 401, description: ERRORS.unauthorized });
    return;
  }

  const payload = formToPayload(url.searchParams);
  const body = await readBody(req);
  const type = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (body.length > 0) {
    if (type === "application/json") {
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString("utf8"));
      } catch {
        sendJson(res, 400, {
          ok: false,
          error_code: 400,
          description: "Bad Request: can't parse JSON object",
        });
        return;
      }
      if (isRecord(parsed)) Object.assign(payload, parsed);
    } else if (type === "application/x-www-form-urlencoded") {
      Object.assign(payload, formToPayload(new URLSearchParams(body.toString("utf8"))));
    } else {
      const description = `Bad Request: the fake Bot API does not model "${type}" bodies (file uploads); send JSON`;
      sendJson(res, 400, { ok: false, error_code: 400, description });
      return;
    }
  }

  // A client that hangs up (grammY aborting a long poll on bot.stop()) must not keep a poll pending.
  const controller = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  let outcome: Awaited<ReturnType<FakeTelegram["handle"]>>;
  try {
    outcome = await tg.handle(route.method, payload, { signal: controller.signal });
  } catch (error) {
    if (error instanceof Error && error.name === "AbortError") return;
    throw error;
  }
  if (outcome.kind === "drop") {
    req.socket.destroy();
    return;
  }
  sendJson(res, outcome.status, outcome.body);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function formToPayload(params: URLSearchParams): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  for (const [key, value] of params) {
    if (JSON_FIELDS.has(key) || (value.startsWith("{") && value.endsWith("}"))) {
      try {
        payload[key] = JSON.parse(value);
        continue;
      } catch {
        // Not JSON after all: keep the text, as Telegram would and then reject it.
      }
    }
    payload[key] = value;
  }
  return payload;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/**
 * POSTs an update to a webhook URL the way Telegram does, with the secret token header, for testing the
 * bot's webhook endpoint. Resolves with whatever the bot answered.
 */
export async function postUpdate(
  url: string,
  update: Update,
  options: { secret?: string } = {},
): Promise<{ status: number; body: string }> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (options.secret !== undefined) headers["x-telegram-bot-api-secret-token"] = options.secret;
  const response = await fetch(url, { method: "POST", headers, body: JSON.stringify(update) });
  return { status: response.status, body: await response.text() };
}
