import { readFileSync } from "node:fs";

/** How much a client may take of the HTTP server: time, connections and bytes. */
export interface HttpLimits {
  /** The request line and headers must be in within this long (Node's `headersTimeout`). */
  headersTimeoutMs: number;
  /**
   * The whole request, headers and body, must be in within this long. Node's own `requestTimeout` is set to
   * it, and because Node stops checking it once the headers are in, a per-request timer cuts a body still
   * trickling in after `requestTimeoutMs - headersTimeoutMs` from the headers.
   */
  requestTimeoutMs: number;
  /** A kept-alive connection with no request for this long is closed (Node's `keepAliveTimeout`). */
  idleTimeoutMs: number;
  /** A connection on which nothing moves for this long is closed, whatever state it is in. */
  socketTimeoutMs: number;
  /** Connections beyond this many are refused at once (`server.maxConnections`). */
  maxConnections: number;
  /** How often Node checks the header and request deadlines (`connectionsCheckingInterval`). */
  checkIntervalMs: number;
}

/** File descriptors kept for everything else the process opens: Bot API calls, the database, Redis, logs. */
const RESERVED_DESCRIPTORS = 128;
/** Telegram opens at most 100 connections per webhook (setWebhook's `max_connections`). */
const MAX_CONNECTIONS = 1024;

/**
 * The connection cap: 1024, or less when the open-files limit (`ulimit -n`) is low, so that stalled clients
 * can never take the descriptors the bot needs for its own Bot API calls and storage (which would make
 * real updates and `/healthz` fail with EMFILE).
 */
export function defaultMaxConnections(limitsFile = "/proc/self/limits"): number {
  let soft: number | undefined;
  try {
    const line = readFileSync(limitsFile, "utf8")
      .split("\n")
      .find((l) => l.startsWith("Max open files"));
    const value = line?.split(/\s{2,}/)[1];
    if (value !== undefined && /^\d+$/.test(value)) soft = Number(value);
  } catch {
    // Not Linux: keep the fixed cap.
  }
  if (soft === undefined) return MAX_CONNECTIONS;
  return Math.max(16, Math.min(MAX_CONNECTIONS, soft - RESERVED_DESCRIPTORS));
}

/**
 * Limits for a webhook server. Telegram sends each update as one small request right after connecting and
 * keeps connections alive between updates, so a few seconds for any part of a request is generous, while
 * a client that dribbles bytes (or sends none) is cut within 10 s.
 */
export function defaultHttpLimits(): HttpLimits {
  return {
    headersTimeoutMs: 5000,
    requestTimeoutMs: 10_000,
    idleTimeoutMs: 5000,
    socketTimeoutMs: 10_000,
    maxConnections: defaultMaxConnections(),
    checkIntervalMs: 1000,
  };
}
