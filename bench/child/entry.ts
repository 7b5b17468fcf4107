/**
 * What entering the quotes conversation costs (`conversation-entry`), as a multiple of a command: khabar
 * (memory store, production wiring) handles blocks of `/quotes` entries (the question, and what waits for
 * its answer: a record of it, since the conversation itself is entered with the answer) and blocks of
 * ordinary commands (/summary, /people, /sections, /exchange, /help in turn), taking turns, each update
 * from a new reader (both languages), `CONCURRENCY` in flight. The ratio of the two kinds' summed block
 * times is one run's figure; the driver reports every run.
 *
 * Usage: node --expose-gc --import tsx bench/child/entry.ts <updates per kind per run> <runs> [entry|command]
 * With a kind, only that kind runs (for `node --cpu-prof`: a profile of one kind of update at a time).
 */
import type { Update } from "grammy/types";
import { createKhabarApp } from "../khabar-app.js";
import { createLightFetch } from "../light-fetch.js";
import { collectGarbage, emitResult } from "../stats.js";

const perKind = Number(process.argv[2] ?? 2000);
const runs = Number(process.argv[3] ?? 3);
const only = process.argv[4];

const CONCURRENCY = 32;
const BLOCK = 500;
const COMMANDS = ["/summary", "/people", "/sections", "/exchange", "/help"];

const light = createLightFetch();
const built = await createKhabarApp({ store: "memory", fetch: light.fetch });
const handle = (update: Update) => built.app.durable.handleUpdate(update);

let nextUser = 20_000_000;
let nextUpdate = 1;
function command(text: string): Update {
  const id = nextUser++;
  const user = { id, is_bot: false, first_name: "Reader", language_code: id % 2 === 0 ? "ar" : "en" };
  return {
    update_id: nextUpdate++,
    message: {
      message_id: 1,
      date: Math.floor(Date.now() / 1000),
      chat: { id, type: "private", first_name: "Reader" },
      from: user,
      text,
      entities: [{ type: "bot_command", offset: 0, length: text.length }],
    },
  };
}

/** Handles a block; its CPU and wall milliseconds. */
async function timedBlock(updates: readonly Update[]): Promise<{ cpu: number; wall: number }> {
  // Not when profiling one kind: forced collections would crowd the profile.
  if (only === undefined) collectGarbage();
  let next = 0;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const worker = async (): Promise<void> => {
    for (let update = updates[next++]; update !== undefined; update = updates[next++]) await handle(update);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const cpu = process.cpuUsage(cpu0);
  return { cpu: (cpu.user + cpu.system) / 1000, wall: performance.now() - t0 };
}

async function run(count: number) {
  const entry = { cpu: 0, wall: 0 };
  const cmd = { cpu: 0, wall: 0 };
  const add = (into: { cpu: number; wall: number }, t: { cpu: number; wall: number }) => {
    into.cpu += t.cpu;
    into.wall += t.wall;
  };
  let c = 0;
  for (let done = 0; done < count; done += BLOCK) {
    const n = Math.min(BLOCK, count - done);
    const entries = Array.from({ length: n }, () => command("/quotes"));
    const commands = Array.from({ length: n }, () => command(COMMANDS[c++ % COMMANDS.length] ?? "/help"));
    const first = (done / BLOCK) % 2 === 0;
    if (only !== "command" && first) add(entry, await timedBlock(entries));
    if (only !== "entry") add(cmd, await timedBlock(commands));
    if (only !== "command" && !first) add(entry, await timedBlock(entries));
  }
  return {
    entryCpuMs: entry.cpu / count,
    commandCpuMs: cmd.cpu / count,
    ratio: entry.cpu / cmd.cpu,
    entryWallMs: entry.wall / count,
    commandWallMs: cmd.wall / count,
    wallRatio: entry.wall / cmd.wall,
  };
}

await run(Math.min(perKind, 1000));
const results = [];
for (let i = 0; i < runs; i++) results.push(await run(perKind));
emitResult({
  perKind,
  concurrency: CONCURRENCY,
  runs: results,
  callsPerUpdate: light.stats.total / nextUpdate,
});
await built.close();
