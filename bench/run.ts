/**
 * `npm run bench`: khabar's performance figures, each beside a baseline measured in the same run (a bare
 * grammY bot doing the least a bot can do), as ratios, because shared 2-core machines are noisy. Prints one
 * table and writes it, with every raw number behind it, to bench/results/latest.json.
 *
 * Figures (see each module for the method):
 * 1. in-process cost per update on a realistic mix, memory and SQLite storage (child/inprocess.ts);
 * 2. RSS after 100,000 updates from 10,000 readers, fresh process each (child/memory.ts);
 * 3. round trips per update with 50 ms per Bot API call (child/roundtrip.ts);
 * 4. start-up to the first getUpdates of the real `npm start` path (startup.ts);
 * 5. webhook requests/s and p99 over loopback HTTP with autocannon (webhook.ts).
 *
 * Options: `--only=inprocess,memory,roundtrip,startup,webhook` runs a subset (for working on one figure).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { feed, mixChunks } from "./mix-stream.js";
import { ROOT, runChild, startChild } from "./procs.js";
import { measureStartup } from "./startup.js";
import { fmt, type Row, renderTable, times } from "./table.js";
import { measureWebhook } from "./webhook.js";

/** The knobs, sized so the whole run stays under 3 minutes on a 2-core machine. */
const PLAN = {
  inprocess: { readers: 10_000, steps: 2, warmupReaders: 1_000 },
  memory: { readers: 10_000, steps: 10 },
  roundtrip: { rounds: 3 },
  startup: { runs: 7 },
  webhook: { connections: 32, seconds: 6, segments: 2, warmupSeconds: 1.5, readers: 10_000, steps: 5 },
} as const;

type Figure = keyof typeof PLAN;
const FIGURES = Object.keys(PLAN) as Figure[];
const onlyArg = process.argv.find((arg) => arg.startsWith("--only="));
const selected = new Set<Figure>(
  onlyArg === undefined
    ? FIGURES
    : (onlyArg
        .slice(7)
        .split(",")
        .filter((f) => f in PLAN) as Figure[]),
);

interface InprocessVariant {
  handled: number;
  updatesPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  serialMeanMs: number;
  apiCallsPerUpdate: number;
  rateLimitNotices: number;
}
interface InprocessResult {
  updates: number;
  labels: Record<string, number>;
  variants: {
    baseline: InprocessVariant;
    stack: InprocessVariant;
    memory: InprocessVariant;
    sqlite: InprocessVariant;
  };
}
interface MemoryResult {
  which: string;
  updates: number;
  elapsedMs: number;
  rss: number;
  heapUsed: number;
  gc: boolean;
}
interface RoundTripSide {
  commands: { median: number };
  buttons: { median: number };
}
interface RoundTripResult {
  khabar: RoundTripSide;
  baseline: RoundTripSide;
  violations: string[];
}

const rows: Row[] = [];
const raw: Record<string, unknown> = {};
const notes: string[] = [];
const began = performance.now();
const loadStart = loadavg();
const elapsed = (): string => `${((performance.now() - began) / 1000).toFixed(1)} s`;
const durations: Record<string, number> = {};
let figureStart = performance.now();
let figureName = "";
const progress = (text: string, name: string): void => {
  const now = performance.now();
  if (figureName !== "") durations[figureName] = (now - figureStart) / 1000;
  figureStart = now;
  figureName = name;
  process.stderr.write(`[bench ${elapsed()}] ${text}\n`);
};

function row(
  figure: string,
  khabar: number,
  baseline: number,
  unit: string,
  ratio: number,
  ratioText: string,
  target: string,
  pass: boolean | undefined,
): void {
  rows.push({
    figure,
    khabar: fmt(khabar, unit),
    baseline: fmt(baseline, unit),
    ratio: ratioText,
    target,
    pass,
    values: { khabar, baseline, ratio },
  });
}

if (selected.has("inprocess")) {
  const p = PLAN.inprocess;
  progress(`1. in-process: ${p.readers} readers × ${p.steps} updates per variant (+ warm-up) …`, "inprocess");
  const r = await runChild<InprocessResult>(
    "bench/child/inprocess.ts",
    [String(p.readers), String(p.steps), String(p.warmupReaders)],
    ["--expose-gc"],
  );
  raw.inprocess = r;
  const base = r.variants.baseline;
  for (const [name, target] of [
    ["memory", 4],
    ["sqlite", 10],
  ] as const) {
    const v = r.variants[name];
    const cost = base.updatesPerSecond / v.updatesPerSecond;
    row(
      `1. in-process, ${name} store: updates/s`,
      v.updatesPerSecond,
      base.updatesPerSecond,
      "/s",
      cost,
      `${times(cost)} cost`,
      `cost ≤ ${target}×`,
      cost <= target,
    );
    row(
      `   p50 latency (${name})`,
      v.p50Ms,
      base.p50Ms,
      "ms",
      v.p50Ms / base.p50Ms,
      times(v.p50Ms / base.p50Ms),
      "—",
      undefined,
    );
    row(
      `   p99 latency (${name})`,
      v.p99Ms,
      base.p99Ms,
      "ms",
      v.p99Ms / base.p99Ms,
      times(v.p99Ms / base.p99Ms),
      "—",
      undefined,
    );
    if (v.rateLimitNotices > 0)
      notes.push(`in-process ${name}: the rate limiter dropped updates (${v.rateLimitNotices} notices)`);
  }
  // Where the cost goes: the required plugins alone, answering with the baseline's fixed reply.
  const stack = r.variants.stack;
  const stackCost = base.updatesPerSecond / stack.updatesPerSecond;
  row(
    "   plugin stack, fixed reply: updates/s",
    stack.updatesPerSecond,
    base.updatesPerSecond,
    "/s",
    stackCost,
    `${times(stackCost)} cost`,
    "—",
    undefined,
  );
}

const memoryOptions = { nodeFlags: ["--expose-gc"], stdin: true };
if (selected.has("memory")) {
  const p = PLAN.memory;
  progress(
    `2. memory: ${p.readers * p.steps} updates from ${p.readers} readers, one fresh process each …`,
    "memory",
  );
  // The mix is generated here (the children load no khabar code they would not load anyway) and fed to both
  // children at once, each at its own pace: RSS after a fixed load does not depend on how fast it went.
  const chunks = mixChunks({
    readers: p.readers,
    steps: p.steps,
    seed: 5,
    firstUserId: 2_000_000,
    firstUpdateId: 1,
  });
  const children = [
    startChild<MemoryResult>("bench/child/memory.ts", ["khabar"], memoryOptions),
    startChild<MemoryResult>("bench/child/memory.ts", ["baseline"], memoryOptions),
  ];
  const [khabar, baseline] = await Promise.all(
    children.map(async ({ child, result }) => {
      if (child.stdin) await feed(child.stdin, chunks);
      return result;
    }),
  );
  if (!khabar || !baseline) throw new Error("a memory child reported nothing");
  const mixBytes = chunks.reduce((sum, chunk) => sum + Buffer.byteLength(chunk), 0);
  raw.memory = { mixBytes, khabar, baseline };
  const mb = (bytes: number) => bytes / 1024 / 1024;
  const ratio = khabar.rss / baseline.rss;
  row(
    "2. RSS after 100k updates (SQLite)",
    mb(khabar.rss),
    mb(baseline.rss),
    "MB",
    ratio,
    times(ratio),
    "≤ 1.5×",
    ratio <= 1.5,
  );
  const heap = khabar.heapUsed / baseline.heapUsed;
  row(
    "   heap used after GC",
    mb(khabar.heapUsed),
    mb(baseline.heapUsed),
    "MB",
    heap,
    times(heap),
    "—",
    undefined,
  );
}

if (selected.has("roundtrip")) {
  progress("3. round trips with 50 ms per Bot API call …", "roundtrip");
  const r = await runChild<RoundTripResult>("bench/child/roundtrip.ts", [String(PLAN.roundtrip.rounds)]);
  raw.roundtrip = r;
  for (const kind of ["commands", "buttons"] as const) {
    const k = r.khabar[kind].median;
    const b = r.baseline[kind].median;
    row(`3. round trips (÷ 50 ms), ${kind}`, k, b, "", k / b, times(k / b), "khabar ≤ 1.2", k <= 1.2);
  }
  if (r.violations.length > 0)
    notes.push(`round trips: the fake Bot API reported ${r.violations.length} violation(s)`);
}

if (selected.has("startup")) {
  progress(`4. start-up: ${PLAN.startup.runs} runs each …`, "startup");
  const r = await measureStartup(PLAN.startup.runs);
  raw.startup = r;
  const ratio = r.khabarMedianMs / r.baselineMedianMs;
  row(
    "4. start-up to first getUpdates",
    r.khabarMedianMs,
    r.baselineMedianMs,
    "ms",
    ratio,
    times(ratio),
    "≤ 2×",
    ratio <= 2,
  );
}

if (selected.has("webhook")) {
  const p = PLAN.webhook;
  progress(`5. webhook: autocannon, ${p.connections} connections, ${p.seconds} s per server …`, "webhook");
  const r = await measureWebhook(p);
  raw.webhook = r;
  const ratio = r.khabar.requestsPerSecond / r.baseline.requestsPerSecond;
  row(
    "5. webhook requests/s",
    r.khabar.requestsPerSecond,
    r.baseline.requestsPerSecond,
    "/s",
    ratio,
    times(ratio),
    "≥ 0.5×",
    ratio >= 0.5,
  );
  const p99 = r.khabar.latencyP99Ms / r.baseline.latencyP99Ms;
  row(
    "   webhook p99 latency",
    r.khabar.latencyP99Ms,
    r.baseline.latencyP99Ms,
    "ms",
    p99,
    times(p99),
    "—",
    undefined,
  );
  const cpu = r.khabar.cpuMsPerRequest / r.baseline.cpuMsPerRequest;
  row(
    "   server CPU per request",
    r.khabar.cpuMsPerRequest,
    r.baseline.cpuMsPerRequest,
    "ms",
    cpu,
    times(cpu),
    "—",
    undefined,
  );
  const failed = r.khabar.non2xx + r.khabar.errors + r.baseline.non2xx + r.baseline.errors;
  if (failed > 0) notes.push(`webhook: ${failed} requests failed or were answered with a non-2xx status`);
  if (r.rateLimitNotices > 0)
    notes.push(`webhook: the rate limiter dropped updates (${r.rateLimitNotices} notices)`);
}

progress("done", "");
const loadEnd = loadavg();
const seconds = (performance.now() - began) / 1000;
const cpu = cpus();
const machine = `${cpu[0]?.model.trim() ?? "unknown cpu"}, ${cpu.length} cores, node ${process.version}, load average ${loadStart.map((l) => l.toFixed(2)).join(" ")} at start, ${loadEnd.map((l) => l.toFixed(2)).join(" ")} at end`;

console.log(renderTable(rows));
console.log(`\nmachine: ${machine}`);
console.log(`total: ${seconds.toFixed(1)} s`);
for (const note of notes) console.log(`note: ${note}`);

const resultsDir = join(ROOT, "bench", "results");
mkdirSync(resultsDir, { recursive: true });
const file = join(resultsDir, "latest.json");
writeFileSync(
  file,
  `${JSON.stringify({ date: new Date().toISOString(), machine, seconds, durations, plan: PLAN, figures: [...selected], rows, notes, raw }, null, 2)}\n`,
);
console.log(`written: ${file}`);
