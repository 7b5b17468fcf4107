/**
 * In-process cost per update (`inprocess-memory`, `inprocess-sqlite`, and their `-bare` ratios). Drives
 * the realistic mix (bench/mix.ts) through `bot.handleUpdate` of four variants in one process, all over the
 * same light fetch:
 * - bare: the bare grammY baseline (one fixed answer per update, bench/baseline-bot.ts);
 * - reference: the required plugins making exactly khabar's calls and nothing else (bench/reference-bot.ts);
 * - memory, sqlite: khabar as `buildApp` wires it for production, with a memory or a SQLite store.
 *
 * The variants take turns on the same blocks of `BLOCK` updates (interleaved blocks, `CONCURRENCY` in
 * flight, as under the runner or a webhook server), in an order that changes from block to block (the
 * reference always after one khabar variant, whose calls it replays); a forced GC before each turn keeps one
 * variant's garbage off the next one's clock. Machine noise then hits every variant alike, and the ratio of
 * their summed block times is stable where absolute rates are not.
 *
 * A run is one pass over a fresh mix (other readers, other update ids): its returning readers' earlier
 * visits first (untimed), then its rounds. The driver reports every run; the orchestrator takes the median
 * and the range. One smaller mix warms every variant up first.
 *
 * The rate limiter (5 updates per 2 s per reader) must not drop any of the mix: a round holds one update per
 * reader, and a variant starts its rounds at least `MIN_ROUND_MS` apart. Every "slow down" notice is counted
 * and reported (it should be 0).
 *
 * Usage: node --expose-gc --import tsx bench/child/inprocess.ts <readers> <steps> <runs>
 */
import type { Update } from "grammy/types";
import { createBaselineBot } from "../baseline-bot.js";
import { type BenchApp, createKhabarApp } from "../khabar-app.js";
import { createLightFetch, type LightFetch } from "../light-fetch.js";
import { Mix, type MixItem } from "../mix.js";
import { CallRecorder, createReferenceBot } from "../reference-bot.js";
import { slowDownDetector } from "../slow-down.js";
import { collectGarbage, emitResult, sleep } from "../stats.js";

const readers = Number(process.argv[2] ?? 3000);
const steps = Number(process.argv[3] ?? 4);
const runs = Number(process.argv[4] ?? 3);

/** Updates in flight. */
const CONCURRENCY = 32;
/** Updates per interleaved block. */
const BLOCK = 500;
/** Between two rounds of one variant: with one update per reader per round, ≤ 5 per 2 s holds. */
const MIN_ROUND_MS = 600;

type Name = "bare" | "reference" | "memory" | "sqlite";
/** The turn orders, one per block in rotation; the reference never goes before a khabar variant. */
const ORDERS: readonly Name[][] = [
  ["bare", "memory", "reference", "sqlite"],
  ["memory", "reference", "sqlite", "bare"],
  ["sqlite", "bare", "reference", "memory"],
  ["sqlite", "memory", "bare", "reference"],
];

interface Variant {
  name: Name;
  handle(update: Update): Promise<unknown>;
  light: LightFetch;
  notices: number;
  /** Milliseconds spent on timed blocks in the current run. */
  ms: number;
  count: number;
  lastRoundAt: number;
  app?: BenchApp;
}

const isSlowDown = slowDownDetector();
const recorder = new CallRecorder();

async function createVariant(name: Name): Promise<Variant> {
  const variant: Variant = {
    name,
    handle: async () => undefined,
    light: createLightFetch((method, body) => {
      if (name !== "reference") recorder.onCall(method, body);
      if ((method === "sendMessage" || method === "answerCallbackQuery") && isSlowDown(body))
        variant.notices++;
    }),
    notices: 0,
    ms: 0,
    count: 0,
    lastRoundAt: Number.NEGATIVE_INFINITY,
  };
  if (name === "bare") {
    const bot = createBaselineBot({ fetch: variant.light.fetch });
    variant.handle = (update) => bot.handleUpdate(update);
  } else if (name === "reference") {
    const bot = createReferenceBot(variant.light.fetch, recorder);
    variant.handle = (update) => bot.handleUpdate(update);
  } else {
    const app = await createKhabarApp({ store: name, fetch: variant.light.fetch });
    variant.app = app;
    variant.handle = (update) => app.app.durable.handleUpdate(update);
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

const variants = new Map<Name, Variant>();
for (const name of ["bare", "reference", "memory", "sqlite"] as const)
  variants.set(name, await createVariant(name));
const byName = (name: Name): Variant => {
  const variant = variants.get(name);
  if (!variant) throw new Error(name);
  return variant;
};

let blockNo = 0;
/** Every variant handles one round, block by block, taking turns; `record` false for untimed rounds. */
async function round(items: readonly MixItem[], record: boolean): Promise<void> {
  for (const name of variants.keys()) {
    const variant = byName(name);
    const wait = variant.lastRoundAt + MIN_ROUND_MS - performance.now();
    if (wait > 0) await sleep(wait);
  }
  const started = performance.now();
  for (let from = 0; from < items.length; from += BLOCK) {
    const block = items.slice(from, from + BLOCK);
    const order = ORDERS[blockNo++ % ORDERS.length] ?? [];
    let recorded = false;
    for (const name of order) {
      const variant = byName(name);
      const records = !recorded && (name === "memory" || name === "sqlite");
      if (records) recorder.begin(block.map((item) => item.update));
      collectGarbage(1);
      const t0 = performance.now();
      await concurrently(variant, block, CONCURRENCY);
      const ms = performance.now() - t0;
      if (records) {
        recorder.end();
        recorded = true;
      }
      if (record) {
        variant.ms += ms;
        variant.count += block.length;
      }
    }
  }
  for (const variant of variants.values()) variant.lastRoundAt = started;
}

async function pass(mix: Mix, record: boolean): Promise<void> {
  for (const items of mix.history()) await round(items, false);
  for (let items = mix.round(); items.length > 0; items = mix.round()) await round(items, record);
}

const began = performance.now();
await pass(
  new Mix({ readers: Math.max(500, readers / 4), steps, seed: 7, firstUserId: 9_000_000, firstUpdateId: 1 }),
  false,
);
const warmupMs = performance.now() - began;
const callsBefore = new Map([...variants].map(([name, v]) => [name, v.light.stats.total]));
const noticesBefore = new Map([...variants].map(([name, v]) => [name, v.notices]));

const results: Array<Record<Name, { updatesPerSecond: number; ms: number; count: number }>> = [];
let labels: Record<string, number> = {};
let historyUpdates = 0;
for (let run = 0; run < runs; run++) {
  const mix = new Mix({
    readers,
    steps,
    seed: 2024 + run,
    firstUserId: 1_000_000 + run * 100_000,
    firstUpdateId: 1_000_000 + run * 1_000_000,
  });
  historyUpdates = mix.historySize;
  for (const v of variants.values()) {
    v.ms = 0;
    v.count = 0;
  }
  await pass(mix, true);
  labels = Object.fromEntries([...mix.labels].sort((a, b) => b[1] - a[1]));
  const entry = (name: Name) => {
    const v = byName(name);
    return { updatesPerSecond: (v.count / v.ms) * 1000, ms: v.ms, count: v.count };
  };
  results.push({
    bare: entry("bare"),
    reference: entry("reference"),
    memory: entry("memory"),
    sqlite: entry("sqlite"),
  });
}

const totalHandled = (name: Name) => byName(name).light.stats.total - (callsBefore.get(name) ?? 0);
const result = {
  readers,
  steps,
  runs: results,
  updatesPerRun: readers * steps,
  historyUpdatesPerRun: historyUpdates,
  concurrency: CONCURRENCY,
  block: BLOCK,
  warmupMs,
  labels,
  apiCallsPerUpdate: Object.fromEntries(
    [...variants.keys()].map((name) => [
      name,
      totalHandled(name) / (runs * (readers * steps + historyUpdates)),
    ]),
  ),
  rateLimitNotices: Object.fromEntries(
    [...variants].map(([name, v]) => [name, v.notices - (noticesBefore.get(name) ?? 0)]),
  ),
};
for (const v of variants.values()) await v.app?.close();
emitResult(result);
