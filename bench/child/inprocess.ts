/**
 * Figure 1: in-process cost per update. Drives the realistic mix through `bot.handleUpdate` for three
 * variants in one process: khabar with memory storage, khabar with SQLite storage, the bare grammY
 * baseline, and the baseline behind khabar's plugin stack (bench/stack-bot.ts), all over the light fetch.
 *
 * Each round is split in two halves of the same make-up (alternate updates). The first half runs one update
 * at a time: its latencies are each update's own cost, without queueing. The second half runs with
 * `CONCURRENCY` updates in flight, as the runner and a webhook server do: timed in blocks of `BLOCK`
 * updates, its median block rate is the throughput. (Serial throughput would undercount: the conversations
 * plugin waits for a `setTimeout(0)` at least once per conversation step, ≥ 1 ms of idle time that
 * concurrent updates fill.)
 *
 * The rate limiter (5 updates per 2 s per reader) must not drop any of the mix: a round holds one update per
 * reader, and a khabar variant starts its rounds at least `MIN_ROUND_MS` apart. Every "slow down" notice
 * the light fetch sees is counted and reported (it should be 0).
 *
 * The variants take turns round by round (round r = the r-th update of every reader), in a rotating order,
 * with a forced GC before each turn, so machine noise and garbage left by one variant are spread evenly.
 * Each variant first handles a warm-up mix from other readers.
 *
 * Usage: node --expose-gc --import tsx bench/child/inprocess.ts <readers> <steps> <warmupReaders>
 */
import type { Update } from "grammy/types";
import { createBaselineBot } from "../baseline-bot.js";
import { type BenchApp, createKhabarApp } from "../khabar-app.js";
import { createLightFetch, type LightFetch } from "../light-fetch.js";
import { Mix, type MixItem } from "../mix.js";
import { slowDownDetector } from "../slow-down.js";
import { createStackBot } from "../stack-bot.js";
import { collectGarbage, emitResult, median, quantile, sleep } from "../stats.js";

const readers = Number(process.argv[2] ?? 10_000);
const steps = Number(process.argv[3] ?? 3);
const warmupReaders = Number(process.argv[4] ?? 2000);

/** Updates in flight in the throughput half. */
const CONCURRENCY = 32;
/**
 * The throughput half is timed in blocks of this many updates; the figure is the median block rate, which a
 * burst of load from another process on the machine moves much less than a plain mean would.
 */
const BLOCK = 1000;
/** The baseline is stateless and fast, so it handles its half this many times, for as many blocks. */
const BASELINE_REPEATS = 3;

/** Between two rounds of one khabar variant: with one update per reader per round, ≤ 5 per 2 s holds. */
const MIN_ROUND_MS = 600;

interface Variant {
  name: "baseline" | "stack" | "memory" | "sqlite";
  handle(update: Update): Promise<unknown>;
  light: LightFetch;
  notices: number;
  latencies: Float64Array;
  count: number;
  serialMs: number;
  concurrentCount: number;
  concurrentMs: number;
  blockRates: number[];
  lastRoundAt: number;
  app?: BenchApp;
}

const isSlowDown = slowDownDetector();

async function createVariant(name: Variant["name"], capacity: number): Promise<Variant> {
  const variant: Variant = {
    name,
    handle: async () => undefined,
    light: createLightFetch((method, body) => {
      if ((method === "sendMessage" || method === "answerCallbackQuery") && isSlowDown(body))
        variant.notices++;
    }),
    notices: 0,
    latencies: new Float64Array(capacity),
    count: 0,
    serialMs: 0,
    concurrentCount: 0,
    concurrentMs: 0,
    blockRates: [],
    lastRoundAt: Number.NEGATIVE_INFINITY,
  };
  if (name === "baseline") {
    const bot = createBaselineBot({ fetch: variant.light.fetch });
    variant.handle = (update) => bot.handleUpdate(update);
  } else if (name === "stack") {
    const bot = createStackBot(variant.light.fetch);
    variant.handle = (update) => bot.handleUpdate(update);
  } else {
    const app = await createKhabarApp({ store: name, fetch: variant.light.fetch });
    variant.app = app;
    variant.handle = (update) => app.app.bot.handleUpdate(update);
  }
  return variant;
}

/** Handles `items` with up to `width` in flight. */
async function concurrently(variant: Variant, items: readonly MixItem[], width: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let item = items[next++]; item !== undefined; item = items[next++])
      await variant.handle(item.update);
  };
  await Promise.all(Array.from({ length: width }, worker));
}

/** One variant handles one round; `record` false for the warm-up. */
async function turn(variant: Variant, items: readonly MixItem[], record: boolean): Promise<void> {
  if (variant.name !== "baseline") {
    const wait = variant.lastRoundAt + MIN_ROUND_MS - performance.now();
    if (wait > 0) await sleep(wait);
  }
  const serial = items.filter((_, i) => i % 2 === 0);
  const parallel = items.filter((_, i) => i % 2 === 1);
  collectGarbage();
  variant.lastRoundAt = performance.now();
  let start = performance.now();
  for (const item of serial) {
    const t0 = performance.now();
    await variant.handle(item.update);
    if (record) variant.latencies[variant.count++] = performance.now() - t0;
  }
  if (record) variant.serialMs += performance.now() - start;
  collectGarbage();
  const repeats = variant.name === "baseline" && record ? BASELINE_REPEATS : 1;
  for (let r = 0; r < repeats; r++) {
    for (let from = 0; from < parallel.length; from += BLOCK) {
      const block = parallel.slice(from, from + BLOCK);
      start = performance.now();
      await concurrently(variant, block, CONCURRENCY);
      const ms = performance.now() - start;
      if (record) {
        variant.concurrentMs += ms;
        variant.concurrentCount += block.length;
        if (block.length === BLOCK) variant.blockRates.push((block.length / ms) * 1000);
      }
    }
  }
}

const mix = new Mix({ readers, steps, seed: 2024, firstUserId: 1_000_000, firstUpdateId: 1_000_000 });
const warmup = new Mix({ readers: warmupReaders, steps, seed: 7, firstUserId: 9_000_000, firstUpdateId: 1 });
const variants = [
  await createVariant("baseline", mix.size),
  await createVariant("stack", mix.size),
  await createVariant("memory", mix.size),
  await createVariant("sqlite", mix.size),
];

const began = performance.now();
for (let items = warmup.round(); items.length > 0; items = warmup.round()) {
  for (const variant of variants) await turn(variant, items, false);
}
const warmupMs = performance.now() - began;
const callsBefore = variants.map((v) => v.light.stats.total);
const noticesBefore = variants.map((v) => v.notices);

let round = 0;
for (let items = mix.round(); items.length > 0; items = mix.round(), round++) {
  for (let i = 0; i < variants.length; i++) {
    const variant = variants[(i + round) % variants.length];
    if (variant) await turn(variant, items, true);
  }
}

const result = {
  readers,
  steps,
  updates: mix.size,
  warmupUpdates: warmup.size,
  warmupMs,
  labels: Object.fromEntries([...mix.labels].sort((a, b) => b[1] - a[1])),
  variants: Object.fromEntries(
    variants.map((v, i) => [
      v.name,
      {
        handled: v.count + v.concurrentCount,
        concurrency: CONCURRENCY,
        updatesPerSecond: median(v.blockRates),
        blocks: v.blockRates.length,
        meanUpdatesPerSecond: (v.concurrentCount / v.concurrentMs) * 1000,
        serialUpdatesPerSecond: (v.count / v.serialMs) * 1000,
        serialMeanMs: v.serialMs / v.count,
        p50Ms: quantile(v.latencies, 0.5, v.count),
        p99Ms: quantile(v.latencies, 0.99, v.count),
        apiCallsPerUpdate: (v.light.stats.total - (callsBefore[i] ?? 0)) / (v.count + v.concurrentCount),
        rateLimitNotices: v.notices - (noticesBefore[i] ?? 0),
      },
    ]),
  ),
};
for (const v of variants) await v.app?.close();
emitResult(result);
