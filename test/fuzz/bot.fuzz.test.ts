/**
 * Property-based fuzzing of the whole bot through `bot.handleUpdate`, against the fake Telegram.
 *
 * Each run is a fresh bot (memory store, fake clock) and a scenario of 50–70 steps by 1–3 readers in their
 * private chats, a group, a supergroup and a forum topic, with channel posts, inline queries, updates the
 * bot has no feature for and time passing (see `arbitraries.ts`, `world.ts`). After every update:
 *
 *   1. no unhandled error: handleUpdate resolves, no error-level log line (such as "update failed: bug"),
 *      and the fake rejected none of the bot's requests (its `violations` stay empty) — save one: a press
 *      on a message Telegram calls inaccessible may fail to edit it, if the screen then comes as a new one;
 *   2. every callback query and every inline query is answered exactly once (checked after it, and again
 *      at the end of the run), an inline query with nothing but its answer;
 *   3. every call keeps to Telegram's limits (text 1–4096 UTF-16 units, entities inside the text and not
 *      splitting surrogate pairs, callback data 1–64 bytes and decodable, answer text ≤ 200 characters),
 *      checked here independently of the fake (`checks.ts`);
 *   4. every call is addressed to the update's own chat (none for updates without one), and every
 *      message sent for an update in a forum topic goes to that topic;
 *   5. liveness: a reader's private message (any kind) and a known command addressed to the bot in a group
 *      get at least one message back; group plain text, commands for other bots, edits, channel posts,
 *      sender-less messages and the unhandled update types get no call at all.
 *
 * A failure throws with the property, the offending call, and the update sequence up to it, which
 * fast-check has first shrunk to a minimal one.
 *
 *   FUZZ_SEED=<int>|random   the seed (default 20261128); every run prints it, and failures their path
 *   FUZZ_UPDATES=<n>         about how many updates to generate (default 12000)
 *   FUZZ_PATH=<path>         with FUZZ_SEED, replays only the counterexample fast-check reported
 *
 * e.g. `FUZZ_UPDATES=100000 FUZZ_SEED=random npx vitest run test/fuzz`.
 */
import fc from "fast-check";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createHarness, story } from "../bot/harness.js";
import type { ApiCall, Violation } from "../helpers/fake-telegram.js";
import { quotesDialog } from "../helpers/quotes-dialog.js";
import { type Scenario, scenarioArb } from "./arbitraries.js";
import { chatIdOf, compact, describeCall, limitProblems } from "./checks.js";
import { type Delivery, World } from "./world.js";

const DEFAULT_SEED = 20261128;
const DEFAULT_UPDATES = 12_000;
const MIN_STEPS = 50;
const MAX_STEPS = 70;

function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value)) throw new Error(`${name} must be an integer, got ${JSON.stringify(raw)}`);
  return value;
}

/** fast-check seeds are 32-bit integers. */
const SEED =
  process.env.FUZZ_SEED === "random"
    ? (Date.now() ^ Math.floor(Math.random() * 0x7fffffff)) | 0
    : envInt("FUZZ_SEED", DEFAULT_SEED) | 0;
const TARGET_UPDATES = Math.max(MIN_STEPS, envInt("FUZZ_UPDATES", DEFAULT_UPDATES));
const AVERAGE_STEPS = (MIN_STEPS + MAX_STEPS) / 2;
const NUM_RUNS = Math.ceil(TARGET_UPDATES / AVERAGE_STEPS);
const PATH = process.env.FUZZ_PATH;
/** The fake clock's start for every run: a fixed instant, so that dates in updates replay exactly. */
const START_TIME = Date.UTC(2026, 10, 28, 12, 0, 0);

interface LogLine {
  level: number;
  msg?: string;
  err?: { message?: string; stack?: string };
}

/** What the fuzzing did, printed at the end so a green run also shows it explored something. */
const stats = {
  runs: 0,
  updates: 0,
  byStep: new Map<string, number>(),
  byMethod: new Map<string, number>(),
  /** Quotes-conversation questions shown (a keyboard with the Cancel button). */
  conversationPrompts: 0,
  /** Updates that reached a private chat with a quotes conversation in progress, by kind. */
  intoConversation: new Map<string, number>(),
  /** Updates after which that conversation was over, by kind (answered, cancelled, left, lapsed). */
  endedConversation: new Map<string, number>(),
  /** Edits Telegram refused because the pressed message was inaccessible (the one tolerated error). */
  refusedEdits: 0,
  /** Minutes of simulated time that passed. */
  waitedMinutes: 0,
};

const bump = (map: Map<string, number>, key: string): void => {
  map.set(key, (map.get(key) ?? 0) + 1);
};

/** A property broke: the message names it and shows the update sequence and the offending call. */
class PropertyFailure extends Error {
  override name = "PropertyFailure";
}

function failure(
  property: string,
  detail: string,
  delivered: readonly Delivery[],
  calls: readonly ApiCall[],
  offending?: ApiCall,
  logs: readonly LogLine[] = [],
): PropertyFailure {
  const at = delivered.at(-1);
  const parts = [
    `${property}, at update #${at?.index ?? "?"} (${at?.step.type ?? "?"}; expected: ${at?.because ?? "?"}):`,
    `  ${detail}`,
  ];
  if (offending) parts.push("Offending call:", `  ${describeCall(offending)}`);
  parts.push(`Calls caused by this update (${calls.length}):`, ...calls.map((c) => `  ${describeCall(c)}`));
  if (logs.length > 0)
    parts.push(
      "Logs at warn and above:",
      ...logs.map((l) => `  [${l.level}] ${l.msg ?? ""} ${l.err?.stack ?? l.err?.message ?? ""}`),
    );
  parts.push(
    `Update sequence (${delivered.length} updates; minimal once fast-check has shrunk it):`,
    ...delivered.map((d) => `  #${d.index} ${compact(d.update)}`),
  );
  return new PropertyFailure(parts.join("\n"));
}

/** What one update caused, for the checks. */
interface Outcome {
  delivery: Delivery;
  /** Every update delivered so far in this run, this one last. */
  delivered: readonly Delivery[];
  calls: readonly ApiCall[];
  logs: readonly LogLine[];
  violations: readonly Violation[];
  rejection: { error: unknown } | undefined;
  /** answerCallbackQuery attempts for this update's query, if it is one. */
  answers: number;
  /** answerInlineQuery attempts for this update's inline query (0 for other updates). */
  inlineAnswers: number;
}

/** Checks the five properties on what one update caused; throws a PropertyFailure on the first broken one. */
function checkUpdate(o: Outcome): void {
  const { delivery, calls } = o;
  const fail = (property: string, detail: string, offending?: ApiCall): never => {
    throw failure(property, detail, o.delivered, calls, offending, o.logs);
  };

  // 1. No unhandled error: handleUpdate resolves, nothing is logged as failed, Telegram rejected nothing.
  if (o.rejection) {
    const { error } = o.rejection;
    const reason = error instanceof Error ? (error.stack ?? error.message) : String(error);
    fail("Property 1 (no unhandled error)", `handleUpdate rejected: ${reason}`);
  }
  const errorLine = o.logs.find((l) => l.level >= 50);
  if (errorLine) fail("Property 1 (no unhandled error)", `logged at error level: ${errorLine.msg ?? ""}`);
  const { tolerated } = delivery;
  const violation = o.violations.find(
    (v) =>
      !(tolerated !== undefined && v.method === "editMessageText" && v.description.startsWith(tolerated)),
  );
  if (violation)
    fail(
      "Property 1 (no Bot API error caused by the bot)",
      `${violation.method}: ${violation.description}`,
      calls.find((c) => c.payload === violation.payload),
    );
  // The tolerated refusal must be followed by what it stands for: the screen sent as a new message.
  const refused = calls.findIndex((c) => c.method === "editMessageText" && c.error !== undefined);
  if (
    refused !== -1 &&
    !calls.slice(refused).some((c) => c.method === "sendMessage" && c.error === undefined)
  )
    fail(
      "Property 1 (no Bot API error caused by the bot)",
      "a refused edit was not followed by a new message",
      calls[refused],
    );

  // 2. Every button press is answered exactly once.
  if (delivery.callbackQueryId !== undefined && o.answers !== 1)
    fail(
      "Property 2 (every callback query answered exactly once)",
      `${delivery.callbackQueryId} was answered ${o.answers} times`,
      calls.find((c) => c.method === "answerCallbackQuery"),
    );

  for (const call of calls) {
    // 3. Every outgoing call is within Telegram's limits.
    const problems = limitProblems(call);
    if (problems.length > 0) fail("Property 3 (within Telegram's limits)", problems.join("; "), call);
    // 4. Every call goes to the update's own chat (or to no chat, for updates without one), and every
    // message sent for an update in a forum topic goes to that topic.
    const chatId = chatIdOf(call);
    if (chatId !== delivery.chatId && !(chatId === undefined && call.method === "answerCallbackQuery"))
      fail(
        "Property 4 (calls stay in the update's chat)",
        `addressed to chat ${String(chatId)}, the update's chat is ${String(delivery.chatId)}`,
        call,
      );
    if (call.method === "sendMessage" && call.payload.message_thread_id !== delivery.threadId)
      fail(
        "Property 4 (calls stay in the update's chat)",
        `sent to topic ${String(call.payload.message_thread_id)}, the update's topic is ${String(delivery.threadId)}`,
        call,
      );
  }

  if (delivery.inlineQueryId !== undefined) {
    const answers = calls.filter((c) => c.method === "answerInlineQuery");
    if (o.inlineAnswers !== 1 || answers.length !== 1 || answers[0]?.error !== undefined)
      fail(
        "Property 2 (every inline query answered exactly once)",
        `${delivery.inlineQueryId} was answered ${o.inlineAnswers} times`,
        answers[0] ?? calls[0],
      );
    if (calls.length !== 1)
      fail("Property 2 (an inline query causes only its answer)", `${calls.length} calls`, calls[1]);
  }

  // 5. Liveness: readers' private messages and addressed group commands get a reply; the rest, silence.
  if (delivery.expect === "reply") {
    const replied = calls.some(
      (c) => c.method === "sendMessage" && c.error === undefined && chatIdOf(c) === delivery.chatId,
    );
    if (!replied) fail("Property 5 (liveness)", "no message was sent to the chat");
  } else if (delivery.expect === "silent" && calls.length > 0) {
    fail("Property 5 (liveness)", `expected no call, got ${calls.length}`, calls[0]);
  }
}

/** Delivers a scenario's updates one by one, checking every property after each. */
async function runScenario(scenario: Scenario): Promise<void> {
  stats.runs++;
  const logs: LogLine[] = [];
  const logger = pino({ level: "warn" }, { write: (line: string) => logs.push(JSON.parse(line) as LogLine) });
  // Every run starts at the same (fake) time, so that runs replay exactly; wait steps move it on.
  vi.setSystemTime(START_TIME);
  const h = createHarness({ logger });
  const conversations = quotesDialog(h.store);
  const world = new World(scenario, h.tg, story, `${stats.runs}`);
  const delivered: Delivery[] = [];
  const pressIds: string[] = [];
  const inlineIds: string[] = [];
  try {
    for (const [index, step] of scenario.steps.entries()) {
      if (step === undefined) continue;
      if (step.type === "wait") {
        vi.setSystemTime(Date.now() + step.minutes * 60_000);
        stats.waitedMinutes += step.minutes;
        continue;
      }
      const delivery = world.materialize(step, index);
      delivered.push(delivery);
      // Private chats are where the quotes conversation lives (keyed by chat id).
      const privateChat =
        delivery.chatId !== undefined && delivery.chatId > 0 ? String(delivery.chatId) : undefined;
      const conversing = privateChat !== undefined && (await conversations.read(privateChat)) !== undefined;

      const callsBefore = h.tg.calls.length;
      const logsBefore = logs.length;
      const violationsBefore = h.tg.violations.length;
      let rejection: { error: unknown } | undefined;
      try {
        await h.tg.deliver(h.bot, delivery.update);
      } catch (error) {
        rejection = { error };
      }
      const calls = h.tg.calls.slice(callsBefore);
      stats.updates++;
      bump(stats.byStep, step.type);
      checkUpdate({
        delivery,
        delivered,
        calls,
        logs: logs.slice(logsBefore),
        violations: h.tg.violations.slice(violationsBefore),
        rejection,
        answers:
          delivery.callbackQueryId === undefined
            ? 0
            : (h.tg.answeredCallbackQueries.get(delivery.callbackQueryId) ?? 0),
        inlineAnswers:
          delivery.inlineQueryId === undefined
            ? 0
            : (h.tg.answeredInlineQueries.get(delivery.inlineQueryId) ?? 0),
      });
      world.learn(calls);
      if (delivery.callbackQueryId !== undefined) pressIds.push(delivery.callbackQueryId);
      if (delivery.inlineQueryId !== undefined) inlineIds.push(delivery.inlineQueryId);
      for (const call of calls) {
        bump(stats.byMethod, call.method);
        if (call.error !== undefined) stats.refusedEdits++;
        if (JSON.stringify(call.payload.reply_markup ?? "").includes(`"callback_data":"${story.key}.c"`))
          stats.conversationPrompts++;
      }
      if (conversing) {
        bump(stats.intoConversation, step.type);
        if (privateChat !== undefined && (await conversations.read(privateChat)) === undefined)
          bump(stats.endedConversation, step.type);
      }
    }

    // 2, again at the end: no later update answered an earlier press a second time.
    for (const id of pressIds) {
      const answers = h.tg.answeredCallbackQueries.get(id) ?? 0;
      if (answers !== 1)
        throw failure(
          "Property 2 (every callback query answered exactly once)",
          `${id} was answered ${answers} times by the end of the sequence`,
          delivered,
          [],
        );
    }
    for (const id of inlineIds) {
      const answers = h.tg.answeredInlineQueries.get(id) ?? 0;
      if (answers !== 1)
        throw failure(
          "Property 2 (every inline query answered exactly once)",
          `${id} was answered ${answers} times by the end of the sequence`,
          delivered,
          [],
        );
    }
  } finally {
    await h.store.close();
  }
}

const counts = (map: Map<string, number>): string =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");

describe("fuzzing the whole bot through handleUpdate", () => {
  // Only Date is faked: the quotes conversation and the store's TTLs read the clock, nothing waits on timers.
  beforeAll(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
  });
  afterAll(() => {
    vi.useRealTimers();
  });

  it(
    `keeps every property over ~${TARGET_UPDATES} generated updates`,
    async () => {
      const started = performance.now();
      try {
        await fc.assert(fc.asyncProperty(scenarioArb(story, MIN_STEPS, MAX_STEPS), runScenario), {
          seed: SEED,
          numRuns: NUM_RUNS,
          includeErrorInReport: true,
          ...(PATH ? { path: PATH, endOnFailure: true } : {}),
        });
      } finally {
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        console.log(
          [
            `fuzz: seed ${SEED}, ${stats.runs} sequences, ${stats.updates} updates in ${seconds} s`,
            `  replay: FUZZ_SEED=${SEED} FUZZ_UPDATES=${TARGET_UPDATES} npx vitest run test/fuzz`,
            `  updates by kind: ${counts(stats.byStep)}`,
            `  calls by method: ${counts(stats.byMethod)}`,
            `  quotes conversation: ${stats.conversationPrompts} questions shown; updates into one: ${counts(stats.intoConversation)}; ended by: ${counts(stats.endedConversation)}`,
            `  edits refused on inaccessible messages (then sent anew): ${stats.refusedEdits}`,
            `  simulated time: ${Math.round(stats.waitedMinutes / 60)} h`,
          ].join("\n"),
        );
      }
      // The generators must reach what they are meant to: about as many updates as asked (wait steps,
      // 2 %, deliver none), and the quotes conversation entered, resumed by text and left by commands.
      if (!PATH) {
        expect(stats.updates).toBeGreaterThanOrEqual(Math.floor(TARGET_UPDATES * 0.9));
        expect(stats.conversationPrompts).toBeGreaterThan(0);
        expect(stats.intoConversation.get("text") ?? 0).toBeGreaterThan(0);
        expect(stats.endedConversation.get("command") ?? 0).toBeGreaterThan(0);
      }
    },
    60_000 + TARGET_UPDATES * 10,
  );
});
