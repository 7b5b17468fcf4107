import { type ChildProcess, spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { createServer, Socket } from "node:net";
import { delimiter, join } from "node:path";

/** A throwaway redis-server started for tests. */
export interface RedisServerHandle {
  /** `redis://127.0.0.1:<port>` of the running server. */
  readonly url: string;
  /** The TCP port the server listens on. */
  readonly port: number;
  /** Kills the server and waits for it to exit; idempotent. */
  stop(): Promise<void>;
}

const BINARY = "redis-server";
let warned = false;

/** Absolute path of `redis-server` on PATH, or undefined; looked up by hand so no process is spawned. */
export function findRedisServer(): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (dir === "") continue;
    const candidate = join(dir, BINARY);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this PATH entry
    }
  }
  return undefined;
}

/**
 * True when Redis tests can run. Throws when CI demands Redis (`KHABAR_REQUIRE_REDIS=1`) but it is missing,
 * so a misconfigured CI fails loudly instead of silently skipping the Redis suite.
 */
export function redisAvailable(): boolean {
  if (findRedisServer() !== undefined) return true;
  if (process.env.KHABAR_REQUIRE_REDIS === "1") {
    throw new Error(
      "redis-server is not on PATH but KHABAR_REQUIRE_REDIS=1: install it (apt-get install redis-server)",
    );
  }
  if (!warned) {
    warned = true;
    console.warn("redis-server not found on PATH: skipping Redis tests (apt-get install redis-server)");
  }
  return false;
}

/** Asks the OS for a free port by binding port 0; a tiny race with other processes is acceptable in tests. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      if (address === null || typeof address === "string") {
        server.close();
        reject(new Error("could not determine a free port"));
        return;
      }
      const { port } = address;
      server.close(() => resolve(port));
    });
  });
}

/** One raw RESP PING; independent of ioredis so the helper does not rely on the code under test. */
async function pingOnce(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    let data = "";
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once("error", () => done(false));
    socket.on("data", (chunk) => {
      data += chunk.toString("utf8");
      if (data.includes("\r\n")) done(data.startsWith("+PONG"));
    });
    socket.connect(port, "127.0.0.1", () => socket.write("PING\r\n"));
  });
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Spawns a private, non-persistent redis-server on a free port and resolves once it answers PING.
 * Returns undefined (after one warning) when redis-server is not installed, unless KHABAR_REQUIRE_REDIS=1.
 * `port` restarts a server on a known port (to test clients reconnecting after an outage).
 */
export async function startRedis(
  options: { port?: number; args?: readonly string[] } = {},
): Promise<RedisServerHandle | undefined> {
  if (!redisAvailable()) return undefined;
  const binary = findRedisServer() ?? BINARY;
  const port = options.port ?? (await freePort());
  const child = spawn(
    binary,
    [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--save",
      "",
      "--appendonly",
      "no",
      ...(options.args ?? []),
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  // If the test runner dies, do not leave an orphaned server behind.
  const killOnExit = (): void => {
    child.kill("SIGKILL");
  };
  process.once("exit", killOnExit);

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      process.removeListener("exit", killOnExit);
      child.kill("SIGTERM");
      if (!(await waitForExit(child, 3_000))) {
        child.kill("SIGKILL");
        await waitForExit(child, 3_000);
      }
    })();
    return stopped;
  };

  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`redis-server exited early (code ${child.exitCode}): ${stderr.trim()}`);
    }
    if (await pingOnce(port)) return { url: `redis://127.0.0.1:${port}`, port, stop };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await stop();
  throw new Error(`redis-server on port ${port} did not answer PING within 10 s: ${stderr.trim()}`);
}
