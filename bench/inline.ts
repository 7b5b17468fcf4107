/**
 * What an inline query costs against a command, in one process: `npx tsx bench/inline.ts`.
 *
 * The production app (`buildApp`: de-duplication, rate limit, ordering, session, conversations, memory
 * store) over a stateless stand-in for the Bot API answers blocks of inline queries (a mix of names,
 * words, the empty query and a Share button's exact-item query, in both languages) and blocks of commands
 * (`/start`, `/summary`, `/quotes trump`, `/exchange`, `/sections`), taking turns so the shared machine's
 * load swings hit both alike. Each update is awaited before the next, from 10,000 readers in rotation, so
 * no rate limit fires. It prints the median wall and CPU time per update of each and their ratio
 * (issue 10's target: an inline query costs at most about twice a command).
 *
 *   INLINE_BENCH_ROUNDS=<n>  rounds after the warm-up (default 15), each one block of each kind
 *   INLINE_BENCH_BLOCK=<n>   updates per block (default 400)
 */
import type { Update, UserFromGetMe } from "grammy/types";
import pino from "pino";
import { buildApp } from "../src/app/build.js";
import { parseConfig } from "../src/config.js";
import { fixedCatalog } from "../src/content/library.js";
import { loadStory } from "../src/content/load.js";
import { createMemoryStore } from "../src/storage/index.js";

const ROUNDS = Number(process.env.INLINE_BENCH_ROUNDS ?? 15);
const BLOCK = Number(process.env.INLINE_BENCH_BLOCK ?? 400);
const WARMUP_ROUNDS = 3;
const READERS = 10_000;
const TOKEN = "123456:AAbench-inline-token-0123456789";
const BOT_INFO: UserFromGetMe = {
  id: 123456,
  is_bot: true,
  first_name: "Khabar",
  username: "khabar_bench_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: true,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

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
const COMMANDS = ["/start", "/summary", "/quotes trump", "/exchange", "/sections"];

/** The Bot API as a stateless echo: a message for sends, `true` for the rest; it validates nothing. */
const lightFetch = (async (input: string | URL | Request, init?: RequestInit) => {
  const href = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  const method = href.slice(href.lastIndexOf("/") + 1);
  let result: unknown = true;
  if (method === "sendMessage") {
    const payload = JSON.parse(String(init?.body ?? "{}")) as { chat_id?: number; text?: string };
    result = {
      message_id: 1,
      date: 0,
      chat: { id: payload.chat_id ?? 0, type: "private", first_name: "Reader" },
      from: { id: BOT_INFO.id, is_bot: true, first_name: BOT_INFO.first_name },
      text: payload.text ?? "",
    };
  }
  return { ok: true, status: 200, json: () => Promise.resolve({ ok: true, result }) } as unknown as Response;
}) as typeof fetch;

let updateId = 1;
let reader = 0;
function nextReader(): { id: number; lang: string } {
  reader = (reader + 1) % READERS;
  return { id: 1_000_000 + reader, lang: reader % 2 === 0 ? "ar" : "en" };
}

function inlineUpdate(i: number): Update {
  const from = nextReader();
  return {
    update_id: updateId++,
    inline_query: {
      id: `iq-${updateId}`,
      from: { id: from.id, is_bot: false, first_name: "Reader", language_code: from.lang },
      query: QUERIES[i % QUERIES.length] ?? "",
      offset: "",
      chat_type: "sender",
    },
  };
}

function commandUpdate(i: number): Update {
  const from = nextReader();
  const text = COMMANDS[i % COMMANDS.length] ?? "/start";
  const length = text.indexOf(" ") === -1 ? text.length : text.indexOf(" ");
  return {
    update_id: updateId++,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: from.id, type: "private", first_name: "Reader" },
      from: { id: from.id, is_bot: false, first_name: "Reader", language_code: from.lang },
      text,
      entities: [{ type: "bot_command", offset: 0, length }],
    },
  };
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

async function main(): Promise<void> {
  const loaded = loadStory("content/putin-trump-call");
  if (!loaded.ok) throw new Error("the story does not load");
  const parsed = parseConfig({ BOT_TOKEN: TOKEN, LOG_LEVEL: "warn", LOG_FORMAT: "json" });
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  const app = buildApp(parsed.config, fixedCatalog([loaded.story]), pino({ level: "silent" }), {
    store: createMemoryStore({ scope: parsed.config.botId }),
    botConfig: { botInfo: BOT_INFO, client: { fetch: lightFetch } },
  });
  await app.bot.init();

  /** Runs one block; returns wall and CPU microseconds per update. */
  async function block(make: (i: number) => Update): Promise<{ wall: number; cpu: number }> {
    const updates = Array.from({ length: BLOCK }, (_, i) => make(i));
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    for (const update of updates) await app.bot.handleUpdate(update);
    const wall = Number(process.hrtime.bigint() - start) / 1000 / BLOCK;
    const used = process.cpuUsage(cpu);
    return { wall, cpu: (used.user + used.system) / BLOCK };
  }

  const inline: { wall: number; cpu: number }[] = [];
  const command: { wall: number; cpu: number }[] = [];
  for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
    // Alternate which kind goes first, so neither always runs on a warmer (or colder) heap.
    const first = round % 2 === 0;
    const a = first ? await block(inlineUpdate) : await block(commandUpdate);
    const b = first ? await block(commandUpdate) : await block(inlineUpdate);
    if (round < WARMUP_ROUNDS) continue;
    (first ? inline : command).push(a);
    (first ? command : inline).push(b);
  }
  const row = (name: string, runs: typeof inline) =>
    `${name.padEnd(16)} ${median(runs.map((r) => r.wall))
      .toFixed(1)
      .padStart(8)} µs wall ${median(runs.map((r) => r.cpu))
      .toFixed(1)
      .padStart(8)} µs CPU`;
  const wallRatio = median(inline.map((r) => r.wall)) / median(command.map((r) => r.wall));
  const cpuRatio = median(inline.map((r) => r.cpu)) / median(command.map((r) => r.cpu));
  // Ratio per round too (each pair ran side by side), for the spread.
  const pairs = inline.map((r, i) => r.cpu / (command[i]?.cpu ?? r.cpu)).sort((x, y) => x - y);
  console.log(`inline vs command, ${ROUNDS} rounds of ${BLOCK} updates each (median per update)`);
  console.log(row("inline query", inline));
  console.log(row("command", command));
  console.log(
    `ratio            ${wallRatio.toFixed(2)}× wall, ${cpuRatio.toFixed(2)}× CPU (per round ${pairs[0]?.toFixed(2)}–${pairs.at(-1)?.toFixed(2)}×); target ≤ ~2×: ${cpuRatio <= 2 ? "PASS" : "FAIL"}`,
  );
  await app.store.close();
}

await main();
