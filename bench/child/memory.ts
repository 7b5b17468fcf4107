/**
 * Figure 2: resident memory after a load. Reads the mix from stdin (NDJSON, one update per line, generated
 * by the orchestrator so that this process loads no khabar code it would not load anyway), feeds it through
 * `bot.handleUpdate` (32 in flight), then collects garbage, lets the freed pages leave, and reports
 * `process.memoryUsage()` and the RSS breakdown from /proc.
 *
 * Usage: node --expose-gc --import tsx bench/child/memory.ts <khabar|baseline> < mix.ndjson
 *
 * khabar runs as `buildApp` wires it with its default store (SQLite in a temporary DATA_DIR); both run
 * over the light fetch.
 */
import { readFileSync } from "node:fs";
import type { Update } from "grammy/types";
import { emitResult, sleep } from "../stats.js";

const which = process.argv[2];
if (which !== "khabar" && which !== "baseline")
  throw new Error("usage: memory.ts <khabar|baseline> < mix.ndjson");

const gc = (globalThis as { gc?: () => void }).gc;

/** RSS split by kind (anonymous memory, mapped files, shared memory), from /proc (Linux), in bytes. */
function rssParts(): Record<string, number> {
  const parts: Record<string, number> = {};
  for (const line of readFileSync("/proc/self/status", "utf8").split("\n")) {
    const match = /^(RssAnon|RssFile|RssShmem|VmHWM):\s+(\d+) kB/.exec(line);
    if (match?.[1] && match[2]) parts[match[1]] = Number(match[2]) * 1024;
  }
  return parts;
}
const startRss = process.memoryUsage().rss;
const { createLightFetch } = await import("../light-fetch.js");
const light = createLightFetch();
let handle: (update: Update) => Promise<unknown>;
let close = async (): Promise<void> => undefined;
if (which === "khabar") {
  const { createKhabarApp } = await import("../khabar-app.js");
  const built = await createKhabarApp({ store: "default", fetch: light.fetch });
  handle = (update) => built.app.durable.handleUpdate(update);
  close = () => built.close();
} else {
  const { createBaselineBot } = await import("../baseline-bot.js");
  const bot = createBaselineBot({ fetch: light.fetch });
  handle = (update) => bot.handleUpdate(update);
}

// Up to CONCURRENCY updates in flight, as under the runner (one reader's updates are 10,000 lines apart, so
// they never overlap).
const CONCURRENCY = 32;
/** How long after the last forced GC RSS is read (see below). */
const SETTLE_MS = 500;
gc?.();
const idleRss = process.memoryUsage().rss;
const began = performance.now();
let updates = 0;
const inFlight = new Set<Promise<unknown>>();
// Chunks are pulled one at a time (async iteration keeps the pipe's backpressure), so input never piles up
// in this process and counts towards its RSS.
let partial = "";
process.stdin.setEncoding("utf8");
for await (const chunk of process.stdin as AsyncIterable<string>) {
  const lines = (partial + chunk).split("\n");
  partial = lines.pop() ?? "";
  for (const line of lines) {
    if (line === "") continue;
    const done: Promise<unknown> = handle(JSON.parse(line) as Update).finally(() => inFlight.delete(done));
    inFlight.add(done);
    updates++;
    if (inFlight.size >= CONCURRENCY) await Promise.race(inFlight);
  }
}
await Promise.all(inFlight);
const elapsedMs = performance.now() - began;

// Let timers and pending I/O settle, then collect everything collectable. V8 hands the pages a full GC
// freed back to the OS from a background thread, over the next few tens of ms: read RSS once that is done
// (it then holds still for seconds), not while it is still falling, which measured 15-35 MB of pages on
// their way out after khabar's last GC and is the same wait for both processes.
await sleep(100);
gc?.();
await sleep(50);
gc?.();
await sleep(SETTLE_MS);
const usage = process.memoryUsage();
emitResult({
  which,
  updates,
  elapsedMs,
  gc: gc !== undefined,
  startRss,
  idleRss,
  rss: usage.rss,
  ...rssParts(),
  heapUsed: usage.heapUsed,
  heapTotal: usage.heapTotal,
  external: usage.external,
  arrayBuffers: usage.arrayBuffers,
  apiCalls: light.stats.total,
});
await close();
