/**
 * Start-up time (`startup`), from spawning the process to the first `getUpdates` reaching the fake Bot API.
 * khabar starts as deployed, exactly as `npm start` runs it (`node scripts/start.mjs`: the freshness check,
 * then the compiled bundle in dist/; polling mode, SQLite in a fresh DATA_DIR); the baseline is a bare
 * grammY bot as it would be deployed, plain JavaScript (`node bench/child/bare-polling.mjs`). Runs
 * alternate between the two; one unrecorded run of each first (it also builds dist/ if it is stale).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BENCH_TOKEN } from "./config.js";
import { startBenchApiServer } from "./fake-api-server.js";
import { cleanEnv, cpuSeconds, spawnScript, stop } from "./procs.js";
import { median } from "./stats.js";

const TIMEOUT_MS = 20_000;

/**
 * Milliseconds from spawn to the first getUpdates call of one run, and the CPU time the process had used by
 * then (less moved by other load on the machine than wall time).
 */
async function startOnce(
  script: string,
  env: Record<string, string>,
): Promise<{ ms: number; cpuMs: number }> {
  let firstPoll: (at: { at: number; cpuMs: number }) => void = () => undefined;
  const polled = new Promise<{ at: number; cpuMs: number }>((resolve) => {
    firstPoll = resolve;
  });
  let pid = 0;
  const server = await startBenchApiServer({
    token: BENCH_TOKEN,
    onCall: (method: string) => {
      if (method === "getUpdates") firstPoll({ at: performance.now(), cpuMs: cpuSeconds(pid) * 1000 });
    },
  });
  const dataDir = mkdtempSync(join(tmpdir(), "khabar-bench-start-"));
  const t0 = performance.now();
  const child = spawnScript(script, {
    env: cleanEnv({ ...env, BOT_TOKEN: BENCH_TOKEN, BOT_API_ROOT: server.apiRoot, DATA_DIR: dataDir }),
  });
  pid = child.pid ?? 0;
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  child.stdout?.resume();
  let timer: NodeJS.Timeout | undefined;
  try {
    const { at, cpuMs } = await Promise.race([
      polled,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`${script}: no getUpdates within ${TIMEOUT_MS} ms\n${stderr}`)),
          TIMEOUT_MS,
        );
        child.once("exit", (code) =>
          reject(new Error(`${script} exited (${code}) before polling:\n${stderr.slice(-2000)}`)),
        );
      }),
    ]);
    return { ms: at - t0, cpuMs };
  } finally {
    clearTimeout(timer);
    await stop(child);
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export interface StartupResult {
  khabarMs: number[];
  baselineMs: number[];
  khabarCpuMs: number[];
  baselineCpuMs: number[];
  khabarMedianMs: number;
  baselineMedianMs: number;
}

/** `runs` alternating runs of each, after one warm-up run of each. */
export async function measureStartup(runs: number): Promise<StartupResult> {
  const khabar = () => startOnce("scripts/start.mjs", { LOG_LEVEL: "warn", LOG_FORMAT: "json" });
  const baseline = () => startOnce("bench/child/bare-polling.mjs", {});
  await khabar();
  await baseline();
  const k: Array<{ ms: number; cpuMs: number }> = [];
  const b: Array<{ ms: number; cpuMs: number }> = [];
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      k.push(await khabar());
      b.push(await baseline());
    } else {
      b.push(await baseline());
      k.push(await khabar());
    }
  }
  const khabarMs = k.map((r) => r.ms);
  const baselineMs = b.map((r) => r.ms);
  return {
    khabarMs,
    baselineMs,
    khabarCpuMs: k.map((r) => r.cpuMs),
    baselineCpuMs: b.map((r) => r.cpuMs),
    khabarMedianMs: median(khabarMs),
    baselineMedianMs: median(baselineMs),
  };
}
