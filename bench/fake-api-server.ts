/**
 * The stand-in Bot API over HTTP for the process figures (start-up, webhook): the answers of
 * fake-answers.ts behind a node:http server that keeps connections alive. `getUpdates` is held open like a
 * long poll (until the server closes), so a polling bot waits quietly after its first one.
 *
 * Keep-alive matters: with a short `keepAliveTimeout`, Node 20's http.Agent drops every socket after one call
 * and each Bot API call pays for a new TCP connection, which Telegram's servers do not charge, and which
 * costs khabar (≈1.5 calls per update) more than a baseline that makes one.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { answerCall } from "./fake-answers.js";

export interface BenchApiServer {
  apiRoot: string;
  /** Calls per method so far. */
  calls: Map<string, number>;
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

/** Starts the server on 127.0.0.1; `onCall` sees each call as it arrives (before it is answered). */
export async function startBenchApiServer(options: {
  token: string;
  onCall?: (method: string, body: string) => void;
}): Promise<BenchApiServer> {
  const calls = new Map<string, number>();
  const prefix = `/bot${options.token}/`;
  const held = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const path = req.url ?? "/";
    readBody(req).then(
      (body) => {
        if (!path.startsWith(prefix)) {
          sendJson(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
          return;
        }
        const method = path.slice(prefix.length).split("?")[0] ?? "";
        calls.set(method, (calls.get(method) ?? 0) + 1);
        options.onCall?.(method, body);
        if (method === "getUpdates") {
          held.add(res);
          res.on("close", () => held.delete(res));
          return;
        }
        sendJson(res, 200, answerCall(method, body));
      },
      () => res.destroy(),
    );
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
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of held) sendJson(res, 200, { ok: true, result: [] });
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
