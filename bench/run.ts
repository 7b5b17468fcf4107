/**
 * `npm run bench`: khabar's performance figures, each beside a baseline measured in the same run, as
 * ratios (shared 2-core machines are noisy: read the ratios, not the absolute numbers). Prints one table and
 * writes bench/results/latest.json as `{ machine, node, figures: [{ id, khabar, baseline, ratio, target,
 * pass }] }`, and every raw number behind it to bench/results/raw.json.
 *
 * Figures (see each module for the method):
 * - inprocess-memory, inprocess-sqlite: cost per update on the realistic mix against the reference bot
 *   (the required plugins making khabar's calls); -bare: the same against a bare grammY bot
 *   (child/inprocess.ts);
 * - conversation-entry: entering the quotes conversation, as a multiple of a command (child/entry.ts);
 * - rss: resident memory after about 100,000 updates, fresh process each (child/memory.ts);
 * - roundtrip-command, roundtrip-button: round trips per update with 50 ms per call (child/roundtrip.ts);
 * - startup: `npm start` to its first getUpdates, against a bare grammY bot in plain JavaScript, and the CPU
 *   time used by then (startup-cpu) (startup.ts);
 * - webhook-throughput, webhook-p99, webhook-cpu: the webhook server over loopback HTTP, and its CPU time
 *   per request (webhook.ts);
 * - inline: answering an inline query, as a multiple of a command (child/inline.ts);
 * - push-cpu: CPU per delivered push against a bare grammY `sendMessage` loop; push-plan-rss: resident
 *   memory growth planning a push to 1,000,000 followers (against a 50 MB budget); push-plan-bytes: the
 *   store's bytes per waiting delivery (beside one follower's); push-rate: messages a second achieved
 *   through the Bot API model enforcing Telegram's limits, against PUSH_RATE (child/push.ts).
 *
 * Options: `--only=<id,…>` runs the measurements those figures need (an id, or a group: inprocess,
 * roundtrip, webhook), e.g. `npm run bench -- --only=startup,conversation-entry`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { BENCH_TOKEN } from "./config.js";
import { startBenchApiServer } from "./fake-api-server.js";
import { feed, mixChunks } from "./mix-stream.js";
import { ROOT, runChild, startChild } from "./procs.js";
import { measureStartup } from "./startup.js";
import { type Row, renderTable } from "./table.js";
import { measureWebhook } from "./webhook.js";

/** The knobs, sized so the whole run stays well under 4 minutes on a 2-core machine. */
const PLAN = {
  inprocess: { readers: 2500, steps: 4, runs: 3 },
  entry: { perKind: 2000, runs: 3 },
  inline: { perKind: 4000, runs: 3 },
  memory: { readers: 10_000, steps: 9, runs: 3 },
  roundtrip: { samples: 30 },
  startup: { runs: 7 },
  webhook: { connections: 32, seconds: 6, segments: 5, warmupSeconds: 1.5, readers: 10_000, steps: 4 },
  push: { cpuFollowers: 5000, runs: 3, planFollowers: 1_000_000, rateFollowers: 2000, pushRate: 25 },
} as const;

/** Which measurement produces which figures. */
const GROUPS: Record<keyof typeof PLAN, readonly string[]> = {
  inprocess: ["inprocess-memory", "inprocess-sqlite", "inprocess-memory-bare", "inprocess-sqlite-bare"],
  entry: ["conversation-entry"],
  memory: ["rss"],
  roundtrip: ["roundtrip-command", "roundtrip-button"],
  startup: ["startup", "startup-cpu"],
  webhook: ["webhook-throughput", "webhook-p99", "webhook-cpu"],
  inline: ["inline"],
  push: ["push-cpu", "push-cpu-inprocess", "push-plan-rss", "push-plan-bytes", "push-rate"],
};
const ALL_IDS = Object.values(GROUPS).flat();

const onlyArg = process.argv.find((arg) => arg.startsWith("--only="));
const asked = onlyArg === undefined ? ALL_IDS : onlyArg.slice(7).split(",").filter(Boolean);
const unknown = asked.filter((id) => !ALL_IDS.includes(id) && !(id in GROUPS));
if (unknown.length > 0) {
  console.error(`bench: unknown figure(s) ${unknown.join(", ")}; known: ${ALL_IDS.join(", ")}`);
  process.exit(2);
}
const wanted = new Set(
  asked.flatMap((id) => (id in GROUPS ? (GROUPS[id as keyof typeof GROUPS] ?? []) : [id])),
);
const runs = (group: keyof typeof GROUPS): boolean => (GROUPS[group] ?? []).some((id) => wanted.has(id));

const rows: Row[] = [];
const raw: Record<string, unknown> = {};
const notes: string[] = [];
const began = performance.now();
const loadStart = loadavg();
const progress = (text: string): void => {
  process.stderr.write(`[bench ${((performance.now() - began) / 1000).toFixed(1)} s] ${text}\n`);
};

/**
 * Adds a figure from per-run values (`khabar[i]` beside `baseline[i]`, measured together). Its ratio is the
 * median of the per-run ratios, and its khabar and baseline columns are that run's, so the row reads
 * consistently (for an even number of runs, the lower of the two middle ones).
 */
function figure(
  id: string,
  values: { khabar: number[]; baseline: number[]; unit: string; against: string; invert?: boolean },
  target: { text: string; pass: (ratio: number, khabar: number) => boolean } | undefined,
): void {
  if (!wanted.has(id)) return;
  const ratios = values.khabar.map((k, i) => {
    const b = values.baseline[i] ?? Number.NaN;
    return values.invert === true ? b / k : k / b;
  });
  const order = ratios.map((_, i) => i).sort((a, b) => (ratios[a] ?? 0) - (ratios[b] ?? 0));
  const mid = order[Math.floor((order.length - 1) / 2)] ?? 0;
  const ratio = ratios[mid] ?? Number.NaN;
  const khabar = values.khabar[mid] ?? Number.NaN;
  rows.push({
    id,
    khabar,
    baseline: values.baseline[mid] ?? Number.NaN,
    ratio,
    target: target?.text ?? "none",
    pass: target ? target.pass(ratio, khabar) : true,
    unit: values.unit,
    against: values.against,
    range: [Math.min(...ratios), Math.max(...ratios)],
    runs: ratios.length,
  });
}
const atMost = (limit: number) => ({ text: `≤ ${limit}×`, pass: (ratio: number) => ratio <= limit });

interface RunRates {
  bare: { updatesPerSecond: number };
  reference: { updatesPerSecond: number };
  memory: { updatesPerSecond: number };
  sqlite: { updatesPerSecond: number };
}
interface InprocessResult {
  runs: RunRates[];
  labels: Record<string, number>;
  rateLimitNotices: Record<string, number>;
}

if (runs("inprocess")) {
  const p = PLAN.inprocess;
  progress(
    `in-process: ${p.runs} runs of ${p.readers} readers × ${p.steps} updates, 4 variants taking turns …`,
  );
  const r = await runChild<InprocessResult>(
    "bench/child/inprocess.ts",
    [String(p.readers), String(p.steps), String(p.runs)],
    ["--expose-gc"],
  );
  raw.inprocess = r;
  for (const store of ["memory", "sqlite"] as const) {
    // Rates: the cost ratio is the baseline's rate over khabar's.
    const rates = (name: keyof RunRates) => r.runs.map((run) => run[name].updatesPerSecond);
    figure(
      `inprocess-${store}`,
      {
        khabar: rates(store),
        baseline: rates("reference"),
        unit: "/s",
        against: "reference bot",
        invert: true,
      },
      atMost(store === "memory" ? 1.5 : 2),
    );
    figure(
      `inprocess-${store}-bare`,
      { khabar: rates(store), baseline: rates("bare"), unit: "/s", against: "bare grammY", invert: true },
      undefined,
    );
  }
  const dropped = Object.entries(r.rateLimitNotices).filter(([, n]) => n > 0);
  if (dropped.length > 0)
    notes.push(`in-process: the rate limiter dropped updates (${JSON.stringify(dropped)})`);
}

interface EntryResult {
  runs: Array<{ entryCpuMs: number; commandCpuMs: number; ratio: number; wallRatio: number }>;
}
if (runs("entry")) {
  const p = PLAN.entry;
  progress(`conversation entry: ${p.runs} runs of ${p.perKind} entries and ${p.perKind} commands …`);
  const r = await runChild<EntryResult>(
    "bench/child/entry.ts",
    [String(p.perKind), String(p.runs)],
    ["--expose-gc"],
  );
  raw.entry = r;
  figure(
    "conversation-entry",
    {
      khabar: r.runs.map((run) => run.entryCpuMs),
      baseline: r.runs.map((run) => run.commandCpuMs),
      unit: "ms CPU",
      against: "a command",
    },
    atMost(2),
  );
}

interface MemoryResult {
  updates: number;
  rss: number;
  heapUsed: number;
}
if (runs("memory")) {
  const p = PLAN.memory;
  progress(
    `memory: ${p.runs} runs of ${p.readers} readers × ${p.steps} updates (+ returning readers' earlier visits) each …`,
  );
  // Generated here (the children load no khabar code they would not load anyway) and fed to both children
  // at once, each at its own pace: RSS after a fixed load does not depend on how fast it went. RSS still moves
  // between identical runs (by tens of MB when read too soon after the GC, see child/memory.ts), so it is
  // the median of several fresh pairs, as the other figures are.
  const chunks = mixChunks({
    readers: p.readers,
    steps: p.steps,
    seed: 5,
    firstUserId: 2_000_000,
    firstUpdateId: 1,
  });
  const options = { nodeFlags: ["--expose-gc"], stdin: true };
  const pairs: Array<{ khabar: MemoryResult; baseline: MemoryResult }> = [];
  for (let run = 0; run < p.runs; run++) {
    const children = [
      startChild<MemoryResult>("bench/child/memory.ts", ["khabar"], options),
      startChild<MemoryResult>("bench/child/memory.ts", ["baseline"], options),
    ];
    const [khabar, baseline] = await Promise.all(
      children.map(async ({ child, result }) => {
        if (child.stdin) await feed(child.stdin, chunks);
        return result;
      }),
    );
    if (!khabar || !baseline) throw new Error("a memory child reported nothing");
    pairs.push({ khabar, baseline });
  }
  raw.memory = pairs;
  const mb = (bytes: number) => bytes / 1024 / 1024;
  figure(
    "rss",
    {
      khabar: pairs.map((pair) => mb(pair.khabar.rss)),
      baseline: pairs.map((pair) => mb(pair.baseline.rss)),
      unit: "MB",
      against: `bare grammY, ${pairs[0]?.khabar.updates ?? 0} updates`,
    },
    atMost(1.5),
  );
}

interface RoundTripSide {
  commands: { median: number };
  buttons: { median: number };
}
if (runs("roundtrip")) {
  progress("round trips with 50 ms per Bot API call …");
  const r = await runChild<{ khabar: RoundTripSide; baseline: RoundTripSide }>("bench/child/roundtrip.ts", [
    String(PLAN.roundtrip.samples),
  ]);
  raw.roundtrip = r;
  for (const [id, kind] of [
    ["roundtrip-command", "commands"],
    ["roundtrip-button", "buttons"],
  ] as const) {
    const k = r.khabar[kind].median;
    const b = r.baseline[kind].median;
    figure(
      id,
      { khabar: [k], baseline: [b], unit: "trips", against: "bare grammY" },
      { text: "khabar ≤ 1.05 trips", pass: (_ratio, khabar) => khabar <= 1.05 },
    );
  }
}

if (runs("startup")) {
  progress(`start-up: ${PLAN.startup.runs} runs each …`);
  const r = await measureStartup(PLAN.startup.runs);
  raw.startup = r;
  figure(
    "startup",
    {
      khabar: r.khabarMs,
      baseline: r.baselineMs,
      unit: "ms",
      against: "bare grammY (plain JS)",
    },
    atMost(1.5),
  );
  figure(
    "startup-cpu",
    {
      khabar: r.khabarCpuMs,
      baseline: r.baselineCpuMs,
      unit: "ms CPU",
      against: "bare grammY (plain JS)",
    },
    undefined,
  );
}

if (runs("webhook")) {
  const p = PLAN.webhook;
  progress(
    `webhook: autocannon, ${p.connections} connections, ${p.seconds} s per server in ${p.segments} turns …`,
  );
  const r = await measureWebhook(p);
  raw.webhook = r;
  figure(
    "webhook-throughput",
    {
      khabar: r.khabar.segmentRequestsPerSecond,
      baseline: r.baseline.segmentRequestsPerSecond,
      unit: "req/s",
      against: "bare webhookCallback",
    },
    { text: "≥ 0.6×", pass: (ratio) => ratio >= 0.6 },
  );
  figure(
    "webhook-p99",
    {
      khabar: r.khabar.segmentP99Ms,
      baseline: r.baseline.segmentP99Ms,
      unit: "ms",
      against: "bare webhookCallback",
    },
    atMost(2),
  );
  // CPU per request of each server: what the throughput becomes on a machine with cores to spare.
  figure(
    "webhook-cpu",
    {
      khabar: r.khabar.segmentCpuMsPerRequest,
      baseline: r.baseline.segmentCpuMsPerRequest,
      unit: "ms CPU",
      against: "bare webhookCallback",
    },
    undefined,
  );
  const failed = r.khabar.non2xx + r.khabar.errors + r.baseline.non2xx + r.baseline.errors;
  if (failed > 0) notes.push(`webhook: ${failed} requests failed or were answered with a non-2xx status`);
  if (r.rateLimitNotices > 0)
    notes.push(`webhook: the rate limiter dropped updates (${r.rateLimitNotices} notices)`);
}

interface InlineResult {
  runs: Array<{ inlineCpuMs: number; commandCpuMs: number; mixCpuMs: number; typingCpuMs: number }>;
  inlineUpdates: number;
  answered: number;
  overLimit: number;
}
if (runs("inline")) {
  const p = PLAN.inline;
  progress(`inline: ${p.runs} runs of ${p.perKind} inline queries and ${p.perKind} commands …`);
  const r = await runChild<InlineResult>(
    "bench/child/inline.ts",
    [String(p.perKind), String(p.runs)],
    ["--expose-gc"],
  );
  raw.inline = r;
  figure(
    "inline",
    {
      khabar: r.runs.map((run) => run.inlineCpuMs),
      baseline: r.runs.map((run) => run.commandCpuMs),
      unit: "ms CPU",
      against: "a command",
    },
    atMost(2),
  );
  if (r.answered !== r.inlineUpdates)
    notes.push(`inline: ${r.answered} answers to ${r.inlineUpdates} inline queries`);
  if (r.overLimit > 0) notes.push(`inline: the rate limiter answered ${r.overLimit} queries empty`);
}

interface PushResult {
  cpu: Array<{ bareCpuMs: number; engineCpuMs: number; sent: number }>;
  cpuInProcess: Array<{ bareCpuMs: number; engineCpuMs: number; sent: number }>;
  plan?: { rssGrowthMb: number; bytesPerWaiting: number; bytesPerFollower: number };
  rate?: { pushRate: number; achieved: number; breaches: number; sent: number; followers: number };
}
if (runs("push")) {
  const p = PLAN.push;
  progress(
    `push: ${p.runs} runs of ${p.cpuFollowers} pushes, planning ${p.planFollowers} followers, ${p.rateFollowers} at ${p.pushRate}/s (~${Math.round(p.rateFollowers / p.pushRate)} s) …`,
  );
  // The stand-in Bot API runs here, so the child's CPU is the pushes' alone.
  const api = await startBenchApiServer({ token: BENCH_TOKEN });
  const r = await runChild<PushResult>(
    "bench/child/push.ts",
    [...[p.cpuFollowers, p.runs, p.planFollowers, p.rateFollowers, p.pushRate].map(String), api.apiRoot],
    ["--expose-gc"],
  );
  await api.close();
  raw.push = r;
  figure(
    "push-cpu",
    {
      khabar: r.cpu.map((run) => run.engineCpuMs),
      baseline: r.cpu.map((run) => run.bareCpuMs),
      unit: "ms CPU",
      against: "a bare sendMessage loop",
    },
    atMost(2),
  );
  figure(
    "push-cpu-inprocess",
    {
      khabar: r.cpuInProcess.map((run) => run.engineCpuMs),
      baseline: r.cpuInProcess.map((run) => run.bareCpuMs),
      unit: "ms CPU",
      against: "the same loop, in-process fetch",
    },
    undefined,
  );
  if (r.plan !== undefined) {
    figure(
      "push-plan-rss",
      { khabar: [r.plan.rssGrowthMb], baseline: [50], unit: "MB", against: "a 50 MB budget" },
      atMost(1),
    );
    figure(
      "push-plan-bytes",
      {
        khabar: [r.plan.bytesPerWaiting],
        baseline: [r.plan.bytesPerFollower],
        unit: "bytes",
        against: "one follower's bytes",
      },
      undefined,
    );
  }
  if (r.rate !== undefined) {
    figure(
      "push-rate",
      { khabar: [r.rate.achieved], baseline: [r.rate.pushRate], unit: "msg/s", against: "PUSH_RATE" },
      { text: "≥ 0.95×, no 429", pass: (ratio) => ratio >= 0.95 && r.rate?.breaches === 0 },
    );
    if (r.rate.sent !== r.rate.followers)
      notes.push(`push-rate: ${r.rate.sent} of ${r.rate.followers} followers pushed`);
    if (r.rate.breaches > 0) notes.push(`push-rate: ${r.rate.breaches} answers were 429`);
  }
}

const loadEnd = loadavg();
const seconds = (performance.now() - began) / 1000;
const cpu = cpus();
const machine = `${cpu[0]?.model.trim() ?? "unknown cpu"}, ${cpu.length} cores, load average ${loadStart
  .map((l) => l.toFixed(2))
  .join(" ")} at start, ${loadEnd.map((l) => l.toFixed(2)).join(" ")} at end`;
progress("done");

console.log(renderTable(rows));
console.log(`\nmachine: ${machine}; node ${process.version}`);
console.log(`total: ${seconds.toFixed(1)} s`);
for (const note of notes) console.log(`note: ${note}`);

const resultsDir = join(ROOT, "bench", "results");
mkdirSync(resultsDir, { recursive: true });
const figures = rows.map(({ id, khabar, baseline, ratio, target, pass }) => ({
  id,
  khabar,
  baseline,
  ratio,
  target,
  pass,
}));
const latest = join(resultsDir, "latest.json");
writeFileSync(latest, `${JSON.stringify({ machine, node: process.version, figures }, null, 2)}\n`);
writeFileSync(
  join(resultsDir, "raw.json"),
  `${JSON.stringify({ date: new Date().toISOString(), machine, node: process.version, seconds, plan: PLAN, rows, notes, raw }, null, 2)}\n`,
);
console.log(`written: ${latest} (and raw.json beside it)`);
