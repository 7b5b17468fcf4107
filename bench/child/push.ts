/**
 * Push figures (`push-cpu`, `push-cpu-inprocess`, `push-plan-rss`, `push-plan-bytes`, `push-rate`):
 * - push-cpu: CPU per delivered push, the engine (SQLite ledger and follows in a file, the scheduler, the
 *   renderer) against a bare grammY loop of `sendMessage` to the same chats, 4 in flight each, both through
 *   grammY's own transport (keep-alive HTTP) to the bench's stand-in Bot API in the parent process, as a
 *   push goes out in production; runs take turns.
 * - push-cpu-inprocess: the same through the light in-process fetch, which costs next to nothing: the
 *   engine's own work (its store, its scheduler) against grammY's call alone, magnified.
 * - push-plan-rss, push-plan-bytes: planning a push to `planFollowers` followers in windows (the engine's
 *   planner, at most 2,000 waiting, each window answered at once as the sender would): resident memory
 *   growth over the whole push, and the store's bytes per waiting delivery (the file grown by the first
 *   2,000 waiting, after a checkpoint) beside the bytes of one follower.
 * - push-rate: a push to `rateFollowers` followers through the Bot API model enforcing Telegram's limits, at
 *   `PUSH_RATE`: messages a second achieved and the 429s met.
 *
 * Usage: node --expose-gc --import tsx bench/child/push.ts <cpuFollowers> <runs> <planFollowers> <rateFollowers> <pushRate> <apiRoot>
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Api } from "grammy";
import pino from "pino";
import { createModelFetch } from "../../src/preview/telegram-model/fetch.js";
import { BotApiModel } from "../../src/preview/telegram-model/model.js";
import { PushEngine } from "../../src/push/engine.js";
import type { PushLedger } from "../../src/push/ledger.js";
import { OutgoingCalls } from "../../src/push/outgoing-calls.js";
import { planWindow } from "../../src/push/planner.js";
import type { PushEvent } from "../../src/push/push-event.js";
import { createSqliteFollowStore } from "../../src/push/sqlite-follow-store.js";
import { createSqliteLedger } from "../../src/push/sqlite-ledger.js";
import { createSqliteStore, type SqliteStore } from "../../src/storage/index.js";
import { BENCH_TOKEN } from "../config.js";
import { createLightFetch } from "../light-fetch.js";
import { collectGarbage, emitResult, sleep } from "../stats.js";

const cpuFollowers = Number(process.argv[2] ?? 3000);
const runs = Number(process.argv[3] ?? 3);
const planFollowers = Number(process.argv[4] ?? 1_000_000);
const rateFollowers = Number(process.argv[5] ?? 2000);
const pushRate = Number(process.argv[6] ?? 25);
const apiRoot = process.argv[7];

const TOKEN = BENCH_TOKEN;
const EN = { lang: "en", mode: "instant" } as const;
const TEXT = "Riverside win the final\nA late goal settles it after extra time";
const silent = pino({ level: "silent" });
const render = () => ({ text: TEXT });

function tempStore(): { store: SqliteStore; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "khabar-bench-push-"));
  const store = createSqliteStore({ dir, scope: "1000", exclusive: true });
  return {
    store,
    remove: () => {
      void store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function seed(store: SqliteStore, followers: number, first = 1): void {
  const follows = createSqliteFollowStore(store.db, "1000");
  store.db.transaction(() => {
    for (let i = 0; i < followers; i++) void follows.follow(first + i, { kind: "new" }, EN);
  })();
}

const storyEvent = (n: number): PushEvent => ({
  id: `story:bench-${n}`,
  kind: "story",
  storyId: `bench-${n}`,
  audience: [{ kind: "new" }],
});

const cpuMs = (from: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
};

/** How the runs reach the Bot API: grammY's HTTP transport to `apiRoot`, or the light in-process fetch. */
type Transport = "http" | "light";

function apiFor(transport: Transport): Api {
  if (transport === "http") {
    if (apiRoot === undefined) throw new Error("push.ts: the HTTP runs need the stand-in Bot API's root");
    return new Api(TOKEN, { apiRoot });
  }
  return new Api(TOKEN, { fetch: createLightFetch().fetch });
}

/** One bare run: `sendMessage` to each chat, 4 in flight. */
async function bareRun(transport: Transport): Promise<number> {
  const api = apiFor(transport);
  collectGarbage();
  const start = process.cpuUsage();
  let next = 1;
  await Promise.all(
    [0, 1, 2, 3].map(async () => {
      while (next <= cpuFollowers) {
        const chat = next++;
        await api.sendMessage(chat, TEXT);
      }
    }),
  );
  return cpuMs(start);
}

/** An engine on `store`'s ledger and follows, sending through `api` under `calls`: started, and idle. */
async function idleEngine(
  store: SqliteStore,
  api: Api,
  calls: OutgoingCalls,
): Promise<{ engine: PushEngine; ledger: PushLedger }> {
  api.config.use(calls.pushLane());
  const ledger = createSqliteLedger(store.db, "1000");
  const engine = new PushEngine({
    api,
    follows: createSqliteFollowStore(store.db, "1000"),
    ledger,
    render,
    renderDigest: render,
    logger: silent,
    pushRate: calls.pushRate,
    concurrency: calls.maxPushInFlight,
  });
  engine.start([]);
  await engine.idle();
  return { engine, ledger };
}

/** One engine run: a new story pushed to every follower, from the first offer until all are answered. */
async function engineRun(n: number, transport: Transport): Promise<{ cpuMs: number; sent: number }> {
  const { store, remove } = tempStore();
  seed(store, cpuFollowers);
  const calls = new OutgoingCalls({ pushRate: 1_000_000, perChatMs: 0, maxPushInFlight: 4 });
  const { engine, ledger } = await idleEngine(store, apiFor(transport), calls);
  collectGarbage();
  const start = process.cpuUsage();
  engine.offer([storyEvent(n)]);
  await engine.idle();
  const used = cpuMs(start);
  const sent = (await ledger.progress(storyEvent(n).id)).sent;
  await engine.stop(1000);
  remove();
  return { cpuMs: used, sent };
}

/** Planning a push to `planFollowers`: RSS growth and the store's bytes per waiting delivery. */
async function planRun(): Promise<Record<string, number>> {
  const { store, remove } = tempStore();
  const sizeOf = (): number => {
    store.db.pragma("wal_checkpoint(TRUNCATE)");
    return statSync(store.file).size;
  };
  const empty = sizeOf();
  seed(store, planFollowers, 10_000_000);
  const seeded = sizeOf();
  const follows = createSqliteFollowStore(store.db, "1000");
  const ledger = createSqliteLedger(store.db, "1000");
  await ledger.baseline([], Date.now());
  const event = storyEvent(0);
  await ledger.record(event, Date.now(), planFollowers, []);
  collectGarbage();
  await sleep(500);
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const cursor = { event, phase: 0, cursor: undefined as number | undefined, planned: false };
  let waiting = 0;
  let bytesPerWaiting = Number.NaN;
  let windows = 0;
  while (!cursor.planned) {
    while (waiting < 2000 && !cursor.planned)
      waiting += (await planWindow(cursor, follows, ledger, 500)).waiting;
    if (Number.isNaN(bytesPerWaiting)) bytesPerWaiting = (sizeOf() - seeded) / waiting;
    // The sender's part: every waiting delivery answered (a message id recorded), committed together.
    for (const d of await ledger.waiting(waiting, 0)) {
      void ledger.settle(d.id, { status: "sent", messageId: d.id, lang: "en" });
    }
    await ledger.flush();
    waiting = 0;
    if (++windows % 50 === 0) rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  }
  collectGarbage();
  await sleep(500);
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  const done = sizeOf();
  remove();
  return {
    followers: planFollowers,
    rssGrowthMb: (rssPeak - rssBefore) / 1e6,
    bytesPerWaiting,
    bytesPerFollower: (seeded - empty) / planFollowers,
    bytesPerDeliveryKept: (done - seeded) / planFollowers,
  };
}

/** A push at `pushRate` through the model enforcing Telegram's limits. */
async function rateRun(): Promise<Record<string, number>> {
  const { store, remove } = tempStore();
  seed(store, rateFollowers);
  const model = new BotApiModel({ flood: {} });
  const calls = new OutgoingCalls({ pushRate });
  const { engine } = await idleEngine(store, new Api(TOKEN, { fetch: createModelFetch(model) }), calls);
  engine.offer([storyEvent(9)]);
  await engine.idle();
  const sends = model.calls.filter((c) => c.method === "sendMessage" && c.error === undefined);
  const first = sends[0]?.at ?? 0;
  const last = sends[sends.length - 1]?.at ?? 0;
  await engine.stop(1000);
  remove();
  return {
    followers: rateFollowers,
    pushRate,
    sent: sends.length,
    // n sends span n − 1 intervals.
    achieved: last > first ? ((sends.length - 1) * 1000) / (last - first) : Number.NaN,
    breaches: model.flood?.breaches ?? 0,
  };
}

type CpuRun = { bareCpuMs: number; engineCpuMs: number; sent: number };
const cpu: CpuRun[] = [];
const cpuInProcess: CpuRun[] = [];
let event = 0;
for (let i = 0; i < runs; i++) {
  for (const [transport, into] of [
    ["http", cpu],
    ["light", cpuInProcess],
  ] as const) {
    if (transport === "http" && apiRoot === undefined) continue;
    const bare = await bareRun(transport);
    const engine = await engineRun(++event, transport);
    into.push({ bareCpuMs: bare, engineCpuMs: engine.cpuMs, sent: engine.sent });
  }
}
const plan = planFollowers > 0 ? await planRun() : undefined;
const rate = rateFollowers > 0 ? await rateRun() : undefined;
emitResult({ cpuFollowers, cpu, cpuInProcess, plan, rate });
