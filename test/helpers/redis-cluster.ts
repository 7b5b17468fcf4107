import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Cluster, Redis } from "ioredis";
import { freePort, type RedisServerHandle, startRedis } from "./redis-server.js";

/** A throwaway three-node Redis Cluster (no replicas) on loopback, started for tests. */
export interface RedisClusterHandle {
  /** The nodes, as a Cluster client takes them. */
  readonly nodes: ReadonlyArray<{ host: string; port: number }>;
  /** A new Cluster client of this cluster (the caller disconnects it). */
  client(): Cluster;
  /** Stops every node and removes their files; idempotent. */
  stop(): Promise<void>;
}

const SLOTS = 16384;
const NODES = 3;

/**
 * Starts three redis-server processes in cluster mode on free loopback ports (each with its cluster bus on
 * another free port), gives each a third of the 16,384 slots, introduces them to each other and waits,
 * at most `timeoutMs`, until every node reports `cluster_state:ok`. Undefined when redis-server is not
 * installed (unless KHABAR_REQUIRE_REDIS=1, which makes that an error; see startRedis).
 */
export async function startRedisCluster(timeoutMs = 20_000): Promise<RedisClusterHandle | undefined> {
  const dir = mkdtempSync(join(tmpdir(), "khabar-cluster-"));
  const servers: RedisServerHandle[] = [];
  const admins: Redis[] = [];
  const buses: number[] = [];
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      for (const admin of admins) admin.disconnect();
      await Promise.all(servers.map((server) => server.stop()));
      rmSync(dir, { recursive: true, force: true });
    })();
    return stopped;
  };
  try {
    for (let i = 0; i < NODES; i++) {
      const bus = await freePort();
      buses.push(bus);
      const server = await startRedis({
        args: [
          "--cluster-enabled",
          "yes",
          "--cluster-port",
          String(bus),
          "--cluster-config-file",
          join(dir, `nodes-${i}.conf`),
          "--cluster-node-timeout",
          "2000",
          "--dir",
          dir,
        ],
      });
      if (server === undefined) {
        await stop();
        return undefined;
      }
      servers.push(server);
      admins.push(new Redis(server.port, "127.0.0.1", { lazyConnect: false, maxRetriesPerRequest: 1 }));
    }
    const per = Math.ceil(SLOTS / NODES);
    for (const [i, admin] of admins.entries()) {
      const first = i * per;
      const last = Math.min(SLOTS, (i + 1) * per) - 1;
      await admin.call("CLUSTER", "ADDSLOTSRANGE", String(first), String(last));
    }
    const [head] = admins;
    // The bus ports are not the default (port + 10,000), so MEET names them.
    for (const [i, server] of servers.entries()) {
      if (i === 0) continue;
      await head?.call("CLUSTER", "MEET", "127.0.0.1", String(server.port), String(buses[i]));
    }
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const infos = await Promise.all(
        admins.map((admin) => admin.call("CLUSTER", "INFO") as Promise<string>),
      );
      if (
        infos.every(
          (info) => info.includes("cluster_state:ok") && info.includes(`cluster_known_nodes:${NODES}`),
        )
      )
        break;
      if (Date.now() > deadline) throw new Error("the Redis Cluster did not come up in time");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  const nodes = servers.map((server) => ({ host: "127.0.0.1", port: server.port }));
  return {
    nodes,
    client: () =>
      new Cluster(nodes, {
        redisOptions: { commandTimeout: 2000, maxRetriesPerRequest: 1 },
        enableOfflineQueue: true,
      }),
    stop,
  };
}
