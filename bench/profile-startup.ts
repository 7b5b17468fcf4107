/**
 * A CPU profile of start-up, for working on the `startup` figure: starts `node --cpu-prof <entry>` (default
 * dist/main.js, what `npm start` runs; build it first) against the bench's stand-in Bot API, stops it at its
 * first getUpdates and leaves the profile in the given folder.
 *
 * Usage: node --import tsx bench/profile-startup.ts [entry] [profile dir]   (default /tmp/khabar-startup-prof)
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BENCH_TOKEN } from "./config.js";
import { startBenchApiServer } from "./fake-api-server.js";
import { cleanEnv, ROOT } from "./procs.js";

const entry = process.argv[2] ?? "dist/main.js";
const dir = process.argv[3] ?? join(tmpdir(), "khabar-startup-prof");
let polled: () => void = () => undefined;
const firstPoll = new Promise<void>((resolve) => {
  polled = resolve;
});
const server = await startBenchApiServer({
  token: BENCH_TOKEN,
  onCall: (method) => {
    if (method === "getUpdates") polled();
  },
});
const dataDir = mkdtempSync(join(tmpdir(), "khabar-bench-prof-"));
const t0 = performance.now();
const child = spawn(process.execPath, ["--cpu-prof", `--cpu-prof-dir=${dir}`, entry], {
  cwd: ROOT,
  env: cleanEnv({
    BOT_TOKEN: BENCH_TOKEN,
    BOT_API_ROOT: server.apiRoot,
    DATA_DIR: dataDir,
    LOG_LEVEL: "warn",
    LOG_FORMAT: "json",
  }),
  stdio: "inherit",
});
await firstPoll;
console.log(`first getUpdates after ${(performance.now() - t0).toFixed(0)} ms; profile in ${dir}`);
child.kill("SIGINT");
await new Promise((resolve) => child.once("exit", resolve));
await server.close();
rmSync(dataDir, { recursive: true, force: true });
