/**
 * Misbehaving HTTP clients for server tests: connections that send nothing, dribble a body, hold their
 * headers or upload a large body slowly. Every client is bounded in time and stops by itself.
 */
import { readFileSync } from "node:fs";
import { connect, type Socket } from "node:net";

/** A raw connection and when it closed (undefined while open). */
export interface RawClient {
  readonly socket: Socket;
  readonly openedAt: number;
  /** Resolves with Date.now() when the server (or anything) closed the connection. */
  readonly closed: Promise<number>;
  /** Everything the server sent. */
  received(): string;
  /** Stops any timer and closes the connection from our side. */
  stop(): void;
}

/** Opens a TCP connection to 127.0.0.1:`port`; `onOpen` starts the client's behaviour. */
export function rawClient(
  port: number,
  onOpen: (socket: Socket) => (() => void) | undefined = () => undefined,
): RawClient {
  const socket = connect(port, "127.0.0.1");
  const openedAt = Date.now();
  let data = "";
  let stopTimers: (() => void) | undefined;
  socket.on("data", (chunk: Buffer) => {
    data += chunk.toString("latin1");
  });
  socket.on("error", () => {});
  socket.on("connect", () => {
    stopTimers = onOpen(socket);
  });
  const closed = new Promise<number>((resolve) => socket.once("close", () => resolve(Date.now())));
  void closed.then(() => stopTimers?.());
  return {
    socket,
    openedAt,
    closed,
    received: () => data,
    stop() {
      stopTimers?.();
      socket.destroy();
    },
  };
}

/** Writes `chunk` every `everyMs` until `total` bytes went out, the socket closed or `maxMs` passed. */
export function trickle(
  socket: Socket,
  chunk: Buffer | string,
  everyMs: number,
  total = Infinity,
  maxMs = 30_000,
): () => void {
  let sent = 0;
  const began = Date.now();
  const timer = setInterval(() => {
    if (socket.destroyed || sent >= total || Date.now() - began > maxMs) {
      clearInterval(timer);
      return;
    }
    socket.write(chunk);
    sent += chunk.length;
  }, everyMs);
  return () => clearInterval(timer);
}

/** The request line and headers of a POST, without the blank line when `complete` is false. */
export function postHead(path: string, headers: Record<string, string | number>, complete = true): string {
  const lines = [
    `POST ${path} HTTP/1.1`,
    "Host: 127.0.0.1",
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  return `${lines.join("\r\n")}\r\n${complete ? "\r\n" : ""}`;
}

/** A process's resident memory in bytes, from /proc (Linux). */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
  if (kb === undefined) throw new Error(`no VmRSS for ${pid}`);
  return Number(kb) * 1024;
}
