/**
 * The fake Bot API over HTTP for the process figures (start-up, webhook): the test suite's FakeTelegram
 * behind a node:http server that keeps connections alive.
 *
 * Why not `test/helpers/fake-bot-api-server.ts` itself: it sets `keepAliveTimeout = 1000` so that idle
 * sockets never hold a test process open, and Node 20's http.Agent subtracts a second from the server's
 * `Keep-Alive: timeout=1` hint, so grammY's keep-alive agent drops every socket after one call. Every Bot
 * API call then pays for a new TCP connection (in the first profile, `internalConnect` was the top
 * self-time function of the bot's webhook process), which Telegram's servers do not charge, and which
 * costs khabar (≈1.5 calls per update) more than a baseline that makes one.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { parseBotApiPath } from "../test/helpers/fake-fetch.js";
import { ERRORS, FakeTelegram, isRecord } from "../test/helpers/fake-telegram.js";

export interface BenchApiServer {
  apiRoot: string;
  tg: FakeTelegram;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

async function handle(
  tg: FakeTelegram,
  token: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const route = parseBotApiPath(new URL(req.url ?? "/", "http://127.0.0.1").pathname);
  const body = await readBody(req);
  if (!route) {
    sendJson(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    return;
  }
  if (route.token !== token) {
    sendJson(res, 401, { ok: false, error_code: 401, description: ERRORS.unauthorized });
    return;
  }
  // grammY sends every call without a file as a JSON body.
  const parsed: unknown = body === "" ? {} : JSON.parse(body);
  const payload = isRecord(parsed) ? parsed : {};
  const controller = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  try {
    const outcome = await tg.handle(route.method, payload, { signal: controller.signal });
    if (outcome.kind === "drop") req.socket.destroy();
    else sendJson(res, outcome.status, outcome.body);
  } catch (error) {
    if (error instanceof Error && error.name === "AbortError") return;
    throw error;
  }
}

/** Starts the server on 127.0.0.1; `onCall` sees each method as it arrives (before it is answered). */
export async function startBenchApiServer(options: {
  token: string;
  tg?: FakeTelegram;
  onCall?: (method: string) => void;
}): Promise<BenchApiServer> {
  const tg = options.tg ?? new FakeTelegram();
  const server = createServer((req, res) => {
    if (options.onCall) {
      const route = parseBotApiPath(new URL(req.url ?? "/", "http://127.0.0.1").pathname);
      if (route) options.onCall(route.method);
    }
    handle(tg, options.token, req, res).catch((error: unknown) => {
      const description = `Internal Server Error: ${error instanceof Error ? error.message : String(error)}`;
      if (!res.headersSent) sendJson(res, 500, { ok: false, error_code: 500, description });
      else res.destroy();
    });
  });
  // Longer than any pause in the benchmark, so grammY's agent keeps its sockets, as with Telegram.
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    apiRoot: `http://127.0.0.1:${port}`,
    tg,
    close: () =>
      new Promise<void>((resolve) => {
        tg.cancelPendingPolls();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
