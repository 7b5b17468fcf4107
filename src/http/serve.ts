import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { getRequestListener } from "@hono/node-server";
import type { Hono } from "hono";
import type { Logger } from "pino";
import { defaultHttpLimits, type HttpLimits } from "./limits.js";
import { type SampledLog, sampledLog } from "./log-sampler.js";

/** Options of {@link createHttpServer}. */
export interface HttpServerOptions {
  logger: Logger;
  /** Defaults: {@link defaultHttpLimits}. */
  limits?: Partial<HttpLimits>;
  /** Shared with the app's routes, so their bounded-rate warnings and the server's count together. */
  warn?: SampledLog;
}

/** A Node HTTP server running a Hono app, with its shutdown controls. */
export interface HttpServer {
  readonly server: Server;
  /** True once {@link HttpServer.stopAccepting} was called. */
  readonly closing: boolean;
  /** Stops listening, closes idle connections, and marks every later answer `Connection: close`. */
  stopAccepting(): void;
  /** Waits up to `timeoutMs` for the remaining connections to finish their answers, then closes them all. */
  closeConnections(timeoutMs: number): Promise<void>;
}

/** Answers a request Node could not parse, without echoing anything of it. */
const BAD_REQUEST = "HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n";
const HEADERS_TOO_LARGE =
  "HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\nContent-Length: 0\r\n\r\n";

/**
 * Serves `app` (Hono, through @hono/node-server's request listener) on a Node HTTP server with every limit
 * of {@link HttpLimits} applied, so one place decides how long and how many connections a client may hold:
 * - headers within `headersTimeoutMs`, the whole request within `requestTimeoutMs` (a body still trickling
 *   in is cut by a per-request timer: Node's own `requestTimeout` stops applying once the headers are in);
 * - an idle kept-alive connection is closed after `idleTimeoutMs`, any silent one after `socketTimeoutMs`;
 * - at most `maxConnections` at once (more are refused when accepted);
 * - requests Node cannot parse get a bare 400 (431 for oversized headers), logged at a bounded rate with
 *   the parser's error code only: no stack, and nothing of what the client sent.
 * Not listening yet: call `server.listen` (or {@link listen}).
 */
export function createHttpServer(app: Hono, options: HttpServerOptions): HttpServer {
  const limits = { ...defaultHttpLimits(), ...options.limits };
  const warn = options.warn ?? sampledLog(options.logger);
  const listener = getRequestListener(app.fetch);
  let closing = false;

  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.idleTimeoutMs,
      connectionsCheckingInterval: limits.checkIntervalMs,
    },
    (req: IncomingMessage, res: ServerResponse) => {
      if (closing) res.setHeader("connection", "close");
      cutSlowBody(req, res, Math.max(1000, limits.requestTimeoutMs - limits.headersTimeoutMs), warn);
      void listener(req, res);
    },
  );
  server.maxConnections = limits.maxConnections;
  // Without a "timeout" listener Node destroys a socket once it has been silent this long.
  server.setTimeout(limits.socketTimeoutMs);
  server.on("drop", (data?: { remoteAddress?: string }) => {
    warn(
      "connection-cap",
      { max_connections: limits.maxConnections, remote: data?.remoteAddress },
      "connection refused: the server is at its connection cap",
    );
  });
  server.on("clientError", (error: Error & { code?: string }, socket: Socket) => {
    // A client that hung up or timed out is no news; the rest is someone sending something that is not HTTP.
    if (error.code !== "ECONNRESET" && error.code !== "ERR_HTTP_REQUEST_TIMEOUT") {
      warn(
        "unparsable",
        { code: error.code, remote: socket.remoteAddress },
        "unparsable HTTP request rejected (400)",
      );
    }
    if (socket.writable && error.code !== "ECONNRESET") {
      socket.end(error.code === "HPE_HEADER_OVERFLOW" ? HEADERS_TOO_LARGE : BAD_REQUEST);
    }
    socket.destroy();
  });

  let closed: Promise<void> | undefined;
  return {
    server,
    get closing() {
      return closing;
    },
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

/**
 * Destroys the connection when the body of `req` is not complete within `ms` of its headers. Once the answer
 * is out (a 401, 404 or 413 given before the body arrived), the body is of no use: the connection is ended
 * and the timer cleared at once, so a refused request holds no timer, no request object and no socket, and
 * is never reported as a slow body. The timer also goes with the socket, whoever closes it.
 */
function cutSlowBody(req: IncomingMessage, res: ServerResponse, ms: number, warn: SampledLog): void {
  if (req.complete) return;
  const socket = req.socket;
  const timer = setTimeout(() => {
    if (req.complete) return;
    warn("slow-body", { remote: socket.remoteAddress }, "request body too slow: connection closed");
    socket.destroy();
  }, ms);
  timer.unref();
  const clear = (): void => {
    clearTimeout(timer);
    req.off("end", clear);
    req.off("close", clear);
    socket.off("close", gone);
    res.off("finish", answered);
  };
  function answered(): void {
    clear();
    if (req.complete) return;
    // Answered before its body: the body will never be read, so the connection goes, and with it the request.
    socket.once("close", gone);
    if (!socket.destroyed) socket.end(() => socket.destroy());
  }
  function gone(): void {
    clear();
    // Node leaves a request it has answered open when the socket goes before its body came: destroying it
    // here ends the body drain @hono/node-server would otherwise keep waiting on.
    if (!req.destroyed) req.destroy();
  }
  req.once("end", clear);
  req.once("close", clear);
  socket.once("close", gone);
  res.once("finish", answered);
}

/** Listens on `host:port` and resolves with the address (the real port when 0 was asked for). */
export function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve(server.address() as AddressInfo);
    });
  });
}
