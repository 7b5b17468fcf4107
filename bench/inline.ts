/**
 * What an inline query costs against a command, in one process: `npx tsx bench/inline.ts`.
 *
 * The production app (`buildApp`: de-duplication, rate limit, ordering, session, conversations, memory
 * store) over a stateless stand-in for the Bot API answers blocks of inline queries (a mix of names,
 * words, the empty query and a Share button's exact-item query, in both languages) and blocks of commands
 * (`/start`, `/summary`, `/quotes trump`, `/exchange`, `/sections`), and blocks of queries as readers type
 * them (every prefix of a few names and phrases), taking turns so the shared machine's
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
/** Readers typing: every prefix of these, as Telegram sends a query per keystroke (mostly distinct queries). */
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

function inlineUpdate(i: number, queries: readonly string[] = QUERIES): Update {
  const from = nextReader();
  return {
    update_id: updateId++,
    inline_query: {
      id: `iq-${updateId}`,
      from: { id: from.id, is_bot: false, first_name: "Reader", language_code: from.lang },
      query: queries[i % queries.length] ?? "",
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

  type Run = { wall: number; cpu: number };
  const kinds: Array<{ name: string; make: (i: number) => Update; runs: Run[] }> = [
    { name: "command", make: commandUpdate, runs: [] },
    { name: "inline, mix", make: (i) => inlineUpdate(i), runs: [] },
    { name: "inline, typing", make: (i) => inlineUpdate(i, TYPING), runs: [] },
  ];
  for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
    // Rotate which kind goes first, so none always runs on a warmer (or colder) heap.
    for (let k = 0; k < kinds.length; k++) {
      const kind = kinds[(round + k) % kinds.length];
      if (kind === undefined) continue;
      const run = await block(kind.make);
      if (round >= WARMUP_ROUNDS) kind.runs.push(run);
    }
  }
  const [command, mix, typing] = kinds.map((kind) => kind.runs);
  if (!command || !mix || !typing) throw new Error("no runs");
  const wall = (runs: readonly Run[]) => median(runs.map((r) => r.wall));
  const cpu = (runs: readonly Run[]) => median(runs.map((r) => r.cpu));
  console.log(`inline queries vs commands, ${ROUNDS} rounds of ${BLOCK} updates each (median per update)`);
  for (const kind of kinds) {
    const ratio =
      kind.runs === command ? "" : `  ${(cpu(kind.runs) / cpu(command)).toFixed(2)}× a command's CPU`;
    console.log(
      `${kind.name.padEnd(16)} ${wall(kind.runs).toFixed(1).padStart(8)} µs wall ${cpu(kind.runs).toFixed(1).padStart(8)} µs CPU${ratio}`,
    );
  }
  const worst = Math.max(cpu(mix), cpu(typing)) / cpu(command);
  console.log(
    `inline row: ${worst.toFixed(2)}× a command (the costlier mix); target ≤ ~2×: ${worst <= 2 ? "PASS" : "FAIL"}`,
  );
  await app.store.close();
}

await main();
