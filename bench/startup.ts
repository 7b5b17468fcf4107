/**
 * Figure 4: start-up time, from spawning the process to the first `getUpdates` reaching the fake Bot API.
 * khabar starts exactly as `npm start` runs it (`node --import tsx src/main.ts`, polling mode, SQLite in a
 * fresh DATA_DIR); the baseline is `bench/child/bare-polling.ts` started the same way. Runs alternate
 * between the two; one unrecorded run of each first fills tsx's transform cache.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BENCH_TOKEN } from "./config.js";
import { startBenchApiServer } from "./fake-api-server.js";
import { cleanEnv, spawnTs, stop } from "./procs.js";
import { median } from "./stats.js";

const TIMEOUT_MS = 20_000;

/** Milliseconds from spawn to the first getUpdates call of one run. */
async function startOnce(script: string, env: Record<string, string>): Promise<number> {
  let firstPoll: (at: number) => void = () => undefined;
  const polled = new Promise<number>((resolve) => {
    firstPoll = resolve;
  });
  const server = await startBenchApiServer({
    token: BENCH_TOKEN,
    onCall: (method) => {
      if (method === "getUpdates") firstPoll(performance.now());
    },
  });
  const dataDir = mkdtempSync(join(tmpdir(), "khabar-bench-start-"));
  const t0 = performance.now();
  const child = spawnTs(script, {
    env: cleanEnv({ ...env, BOT_TOKEN: BENCH_TOKEN, BOT_API_ROOT: server.apiRoot, DATA_DIR: dataDir }),
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  child.stdout?.resume();
  let timer: NodeJS.Timeout | undefined;
  try {
    const at = await Promise.race([
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
    return at - t0;
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
  khabarMedianMs: number;
  baselineMedianMs: number;
}

/** `runs` alternating runs of each, after one warm-up run of each. */
export async function measureStartup(runs: number): Promise<StartupResult> {
  const khabar = () => startOnce("src/main.ts", { LOG_LEVEL: "warn", LOG_FORMAT: "json" });
  const baseline = () => startOnce("bench/child/bare-polling.ts", {});
  await khabar();
  await baseline();
  const khabarMs: number[] = [];
  const baselineMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      khabarMs.push(await khabar());
      baselineMs.push(await baseline());
    } else {
      baselineMs.push(await baseline());
      khabarMs.push(await khabar());
    }
  }
  return { khabarMs, baselineMs, khabarMedianMs: median(khabarMs), baselineMedianMs: median(baselineMs) };
}
