/**
 * What answering an inline query costs (`inline`), as a multiple of a command: khabar (memory store,
 * production wiring) handles blocks of inline queries and blocks of ordinary commands (/summary, /people,
 * /sections, /exchange, /help in turn, the commands `conversation-entry` compares with), taking turns, each
 * update from a new reader (both languages), `CONCURRENCY` in flight. Inline blocks alternate two kinds:
 * a fixed mix (the empty query, names in several spellings, words, a Share button's exact-item query) and
 * queries as readers type them (every prefix of a few names and phrases, one query per keystroke, so mostly
 * distinct). One run's figure is the ratio of the kinds' summed CPU time per update (CPU is what limits
 * capacity); the driver reports every run, and each inline kind apart.
 *
 * Usage: node --expose-gc --import tsx bench/child/inline.ts <updates per kind per run> <runs> [inline|command]
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
/** Queries readers send whole: the empty one, names in several spellings, words, Share buttons' queries. */
const QUERIES = [
  "",
  "ترامب",
  "trump",
  "ترمب",
  "Kremlin",
  "الكرملين",
  "prisoner exchange",
  "تبادل السجناء",
  "#pt.qs:trump",
  "#pt.q:trump-1",
  "trmp",
  "Peskov",
];
/** Readers typing: every prefix of these, as Telegram sends a query per keystroke. */
const TYPED = [
  "Donald Trump",
  "Kremlin spokesman",
  "prisoner exchange",
  "Pennsylvania teacher",
  "Zelensky",
  "دونالد ترامب",
  "الكرملين",
  "تبادل السجناء",
  "بيسكوف",
  "مارك فوغل",
];
const TYPING = TYPED.flatMap((text) => [...text].map((_, i) => text.slice(0, i + 1)));

let answered = 0;
let overLimit = 0;
const light = createLightFetch((method, body) => {
  if (method !== "answerInlineQuery") return;
  answered++;
  // The over-limit (or failed) answer is the only personal one: the bench must never hit it.
  if (body.includes('"is_personal":true')) overLimit++;
});
const built = await createKhabarApp({ store: "memory", fetch: light.fetch });
const handle = (update: Update) => built.app.durable.handleUpdate(update);

let nextUser = 30_000_000;
let nextUpdate = 1;
function reader() {
  const id = nextUser++;
  return { id, is_bot: false, first_name: "Reader", language_code: id % 2 === 0 ? "ar" : "en" };
}
function command(text: string): Update {
  const from = reader();
  return {
    update_id: nextUpdate++,
    message: {
      message_id: 1,
      date: Math.floor(Date.now() / 1000),
      chat: { id: from.id, type: "private", first_name: "Reader" },
      from,
      text,
      entities: [{ type: "bot_command", offset: 0, length: text.length }],
    },
  };
}
function inline(query: string): Update {
  const id = nextUpdate++;
  return {
    update_id: id,
    inline_query: { id: `iq-${id}`, from: reader(), query, offset: "", chat_type: "sender" },
  };
}

/** Handles a block; its CPU milliseconds. */
async function timedBlock(updates: readonly Update[]): Promise<number> {
  // Not when profiling one kind: forced collections would crowd the profile.
  if (only === undefined) collectGarbage();
  let next = 0;
  const cpu0 = process.cpuUsage();
  const worker = async (): Promise<void> => {
    for (let update = updates[next++]; update !== undefined; update = updates[next++]) await handle(update);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const cpu = process.cpuUsage(cpu0);
  return (cpu.user + cpu.system) / 1000;
}

async function run(count: number) {
  let inlineCpu = 0;
  let commandCpu = 0;
  const kinds = { mix: { cpu: 0, n: 0 }, typing: { cpu: 0, n: 0 } };
  let c = 0;
  let q = 0;
  for (let done = 0, b = 0; done < count; done += BLOCK, b++) {
    const n = Math.min(BLOCK, count - done);
    const kind = b % 2 === 0 ? "mix" : "typing";
    const list = kind === "mix" ? QUERIES : TYPING;
    const queries = Array.from({ length: n }, () => inline(list[q++ % list.length] ?? ""));
    const commands = Array.from({ length: n }, () => command(COMMANDS[c++ % COMMANDS.length] ?? "/help"));
    // Which kind goes first alternates, so neither always runs on the other's garbage.
    const first = Math.floor(b / 2) % 2 === 0;
    if (only !== "command" && first) {
      const cpu = await timedBlock(queries);
      inlineCpu += cpu;
      kinds[kind].cpu += cpu;
      kinds[kind].n += n;
    }
    if (only !== "inline") commandCpu += await timedBlock(commands);
    if (only !== "command" && !first) {
      const cpu = await timedBlock(queries);
      inlineCpu += cpu;
      kinds[kind].cpu += cpu;
      kinds[kind].n += n;
    }
  }
  return {
    inlineCpuMs: inlineCpu / count,
    commandCpuMs: commandCpu / count,
    ratio: inlineCpu / commandCpu,
    mixCpuMs: kinds.mix.cpu / Math.max(1, kinds.mix.n),
    typingCpuMs: kinds.typing.cpu / Math.max(1, kinds.typing.n),
  };
}

await run(Math.min(perKind, 1000));
const results = [];
for (let i = 0; i < runs; i++) results.push(await run(perKind));
const inlineUpdates = only === "command" ? 0 : runs * perKind + Math.min(perKind, 1000);
emitResult({
  perKind,
  concurrency: CONCURRENCY,
  runs: results,
  inlineUpdates,
  answered,
  overLimit,
});
await built.close();
