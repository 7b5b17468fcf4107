/**
 * Fault injection (issue 5, item 2): `npm start` in polling mode, as a child process with SQLite in a temp
 * DATA_DIR, against the fake Bot API server, while the server misbehaves the ways Telegram does: 429 with
 * retry_after, 500/502, dropped connections, slow answers, 403 "bot was blocked by the user", 400 "message
 * is not modified", 400 "query is too old". Then a short outage where every call fails.
 *
 * What must hold: the bot keeps serving the other readers, retries what is worth retrying (and nothing
 * else), sends no message twice because of a retry, never crashes, and once the API recovers every reader
 * has exactly their replies. The expected replies come from an oracle: the same updates run through the
 * in-process app (the real `buildApp`) without faults. Each scenario prints one line of figures.
 *
 * The fake drops a connection *before* it processes the call, so a retry can be checked for duplicates; a
 * cut after Telegram accepted a message cannot be, and is the accepted residual risk (see auto-retry.ts).
 */
import type { Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeBotApiServer, startFakeBotApiServer } from "../helpers/fake-bot-api-server.js";
import { type ApiCall, ERRORS, type FaultRule } from "../helpers/fake-telegram.js";
import { type BotProcess, LEVEL, type LogLine, msg, spawnBot, tempDataDir } from "../helpers/spawn-bot.js";
import { createTestApp } from "../helpers/test-app.js";
import * as updates from "../helpers/updates.js";

// ---------------------------------------------------------------- readers and what they do

type Lang = "ar" | "en";

/** What the fake does to one reader's calls in the burst scenario. */
type Role =
  | "flood" // first sendMessage: 429, retry after 1 s
  | "server-error" // first sendMessage: 500 twice
  | "dropped" // first sendMessage: connection dropped
  | "flaky" // first sendMessage: dropped three times (the whole retry budget)
  | "mixed" // first sendMessage: 502, then 429
  | "slow" // first sendMessage: answered after 2 s
  | "edit-faults" // first editMessageText: 500, then dropped
  | "not-modified" // first editMessageText: 400 message is not modified
  | "blocked" // every call to the chat: 403 bot was blocked by the user
  | "control"; // nothing

const BURST_ROLES: readonly Role[] = [
  "flood",
  "server-error",
  "dropped",
  "flaky",
  "mixed",
  "slow",
  "edit-faults",
  "not-modified",
  "blocked",
  "control",
  "control",
  "control",
];

interface Reader {
  id: number;
  lang: Lang;
  role: Role;
  steps: Update[];
}

const PESKOV: Record<Lang, string> = { ar: "بيسكوف", en: "Peskov" };

/** A reader's session: commands, button presses and the steps of a /quotes conversation. */
function session(
  id: number,
  lang: Lang,
  kind: "menu-first" | "quotes-first" | "outage-early" | "outage-late",
) {
  const o = { userId: id, lang };
  const answer = (): Update =>
    id % 2 === 0 ? updates.message(PESKOV[lang], o) : updates.callback("q:peskov", o);
  switch (kind) {
    case "menu-first":
      return [updates.command("/help", o), updates.callback("t", o), updates.command("/quotes", o), answer()];
    case "quotes-first":
      return [updates.command("/quotes", o), answer(), updates.command("/help", o), updates.callback("t", o)];
    case "outage-early":
      return [updates.command("/quotes", o), answer(), updates.command("/help", o)];
    case "outage-late":
      return [
        updates.command("/start", o),
        updates.callback("t", o),
        updates.command("/quotes", o),
        answer(),
      ];
  }
}

function burstReaders(count: number, firstId: number): Reader[] {
  return Array.from({ length: count }, (_, i) => {
    const id = firstId + i;
    const lang: Lang = i % 3 === 0 ? "en" : "ar";
    const role = BURST_ROLES[i % BURST_ROLES.length] ?? "control";
    return { id, lang, role, steps: session(id, lang, i % 2 === 0 ? "menu-first" : "quotes-first") };
  });
}

/** The fault rules of a reader's role. */
function rulesFor(reader: Reader): FaultRule[] {
  const chatId = reader.id;
  const send = (fault: FaultRule["fault"]): FaultRule => ({ method: "sendMessage", chatId, fault });
  const edit = (fault: FaultRule["fault"]): FaultRule => ({ method: "editMessageText", chatId, fault });
  switch (reader.role) {
    case "flood":
      return [send({ kind: "error", error_code: 429, retry_after: 1 })];
    case "server-error":
      return [{ ...send({ kind: "error", error_code: 500 }), times: 2 }];
    case "dropped":
      return [send({ kind: "drop" })];
    case "flaky":
      return [{ ...send({ kind: "drop" }), times: 3 }];
    case "mixed":
      return [
        send({ kind: "error", error_code: 502 }),
        send({ kind: "error", error_code: 429, retry_after: 1 }),
      ];
    case "slow":
      return [send({ kind: "delay", ms: 2000 })];
    case "edit-faults":
      return [edit({ kind: "error", error_code: 500 }), edit({ kind: "drop" })];
    case "not-modified":
      return [edit({ kind: "error", error_code: 400, description: ERRORS.notModified })];
    case "blocked":
      return [{ chatId, times: Number.POSITIVE_INFINITY, fault: { kind: "error", error_code: 403 } }];
    case "control":
      return [];
  }
}

// ---------------------------------------------------------------- the oracle

/** One reply an update should cause: a new message or an edit, in one chat. */
interface Expected {
  chatId: number;
  key: string;
}

const REPLY_METHODS = new Set(["sendMessage", "editMessageText"]);

function replyKey(call: ApiCall): string {
  return `${Number(call.payload.chat_id)}|${call.method}|${String(call.payload.text)}`;
}

/**
 * The replies each reader should get: their updates run, in order, through the app `buildApp` builds, with
 * no faults. A blocked reader gets none; for a "not-modified" reader, Telegram says the first edited message
 * already shows the screen, so that update adds nothing new.
 */
async function expectedReplies(readers: readonly Reader[]): Promise<Expected[]> {
  const oracle = createTestApp();
  const out: Expected[] = [];
  for (const reader of readers) {
    let skippedEdit = false;
    for (const update of reader.steps) {
      const calls = await oracle.send(update);
      const replies = calls.filter((c) => REPLY_METHODS.has(c.method) && c.error === undefined);
      if (reader.role === "blocked") continue;
      if (
        reader.role === "not-modified" &&
        !skippedEdit &&
        replies.some((c) => c.method === "editMessageText")
      ) {
        skippedEdit = true;
        continue;
      }
      for (const call of replies) out.push({ chatId: reader.id, key: replyKey(call) });
    }
  }
  expect(oracle.tg.violations).toEqual([]);
  return out;
}

// ---------------------------------------------------------------- figures

interface Figures {
  faults: number;
  expected: number;
  delivered: number;
  duplicates: number;
  /** Replies nobody expected (an apology for a failed update, say). */
  unexpected: number;
  crashes: number;
}

/** Matches the replies the fake accepted, by chat and content, against the expected ones. */
function count(calls: readonly ApiCall[], expected: readonly Expected[], chats: ReadonlySet<number>) {
  const want = new Map<string, number>();
  for (const e of expected) want.set(e.key, (want.get(e.key) ?? 0) + 1);
  const got = new Map<string, number>();
  for (const call of calls) {
    if (!REPLY_METHODS.has(call.method) || call.error !== undefined || call.result === undefined) continue;
    if (!chats.has(Number(call.payload.chat_id))) continue;
    const key = replyKey(call);
    got.set(key, (got.get(key) ?? 0) + 1);
  }
  let delivered = 0;
  let duplicates = 0;
  let unexpected = 0;
  for (const [key, n] of got) {
    const w = want.get(key) ?? 0;
    delivered += Math.min(n, w);
    if (w === 0) unexpected += n;
    else duplicates += Math.max(0, n - w);
  }
  return { delivered, duplicates, unexpected, got };
}

function describeFigures(name: string, f: Figures): string {
  return `${name}: faults injected ${f.faults} · replies expected ${f.expected} · delivered ${f.delivered} · duplicates ${f.duplicates} · other messages ${f.unexpected} · crashes ${f.crashes}`;
}

// ---------------------------------------------------------------- the running bot

let api: FakeBotApiServer;
let bot: BotProcess;
let removeDataDir: () => void = () => undefined;
const totals: Figures = { faults: 0, expected: 0, delivered: 0, duplicates: 0, unexpected: 0, crashes: 0 };
const began = Date.now();

const isFailureLine = (line: LogLine): boolean =>
  (line.level ?? 0) >= LEVEL.error ||
  (typeof line.msg === "string" &&
    /update failed: bug|outside the error boundary|unhandled|uncaught/.test(line.msg));

/** The process ended, or logged something fatal, uncaught or unhandled. */
function crashes(): number {
  const exited = bot.child.exitCode !== null || bot.child.signalCode !== null ? 1 : 0;
  const fatal = bot
    .logs()
    .filter(
      (l) => (l.level ?? 0) >= LEVEL.fatal || (typeof l.msg === "string" && /unhandled|uncaught/.test(l.msg)),
    ).length;
  return exited + fatal;
}

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline)
      throw new Error(`${what}: not within ${timeoutMs} ms. ${api.tg.describeCalls(30)}`);
    await sleep(25);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Waits until the bot has gone quiet: no call but the long poll in flight, and none begun or answered for
 * `quietMs` (longer than any retry pause the scenarios can cause), so a late retry would still be counted.
 */
async function settle(quietMs = 1500): Promise<void> {
  await until(
    () => {
      const now = Date.now();
      return api.tg.calls.every(
        (c) =>
          c.method === "getUpdates" || (c.durationMs !== undefined && now - (c.at + c.durationMs) >= quietMs),
      );
    },
    15_000,
    "the bot did not go quiet",
  );
}

beforeAll(async () => {
  api = await startFakeBotApiServer();
  const data = tempDataDir();
  removeDataDir = data.remove;
  bot = spawnBot({ BOT_TOKEN: api.token, BOT_API_ROOT: api.apiRoot, DATA_DIR: data.dir });
  await bot.waitForLog(msg("polling for updates"), 20_000);
  await bot.waitForLog(msg("command menu registered"), 10_000);
});

afterAll(async () => {
  bot?.kill("SIGKILL");
  await bot?.exited;
  await api?.close();
  removeDataDir();
  console.log(`${describeFigures("fault injection, all scenarios", totals)} · ${Date.now() - began} ms`);
});

/**
 * Runs one scenario: computes the expected replies, lets `act` inject faults and push the readers' updates,
 * waits until every expected reply arrived (or the time is up) and the bot is quiet, then counts.
 */
async function scenario(
  name: string,
  readers: readonly Reader[],
  act: () => Promise<void>,
): Promise<{ figures: Figures; calls: ApiCall[] }> {
  const expected = await expectedReplies(readers);
  const chats = new Set(readers.map((r) => r.id));
  const firstCall = api.tg.calls.length;
  const faultsBefore = api.tg.faultsInjected;
  const crashesBefore = crashes();
  const since = () => api.tg.calls.slice(firstCall);

  await act();
  await until(
    () => count(since(), expected, chats).delivered >= expected.length || crashes() > crashesBefore,
    12_000,
    `${name}: not every reply arrived`,
  ).catch(() => undefined); // the figures below say what is missing
  await settle();

  const calls = since();
  const c = count(calls, expected, chats);
  const figures: Figures = {
    faults: api.tg.faultsInjected - faultsBefore,
    expected: expected.length,
    delivered: c.delivered,
    duplicates: c.duplicates,
    unexpected: c.unexpected,
    crashes: crashes() - crashesBefore,
  };
  for (const key of Object.keys(totals) as Array<keyof Figures>) totals[key] += figures[key];
  console.log(describeFigures(name, figures));
  if (figures.delivered !== figures.expected || figures.unexpected > 0) {
    const missing = expected.filter((e) => (c.got.get(e.key) ?? 0) === 0).map((e) => e.key.slice(0, 60));
    console.log(`missing: ${JSON.stringify(missing)}\n${api.tg.describeCalls(60)}`);
  }
  return { figures, calls };
}

/** Checks shared by the scenarios: the figures, no retry storm on blocked chats, each button answered once. */
function expectHealthy(figures: Figures, calls: readonly ApiCall[], readers: readonly Reader[]): void {
  expect(figures.crashes).toBe(0);
  expect(figures.duplicates).toBe(0);
  expect(figures.unexpected).toBe(0);
  expect(figures.delivered).toBe(figures.expected);
  // A blocked reader costs one call per update at most: 403 is final, and nobody apologises to them.
  for (const reader of readers.filter((r) => r.role === "blocked")) {
    const theirs = calls.filter((c) => Number(c.payload.chat_id) === reader.id);
    expect(theirs.length).toBeLessThanOrEqual(reader.steps.length);
    expect(theirs.every((c) => c.error?.error_code === 403)).toBe(true);
  }
  // No button answered twice, and nothing the model itself had to reject (a second answer would be).
  for (const [id, n] of api.tg.answeredCallbackQueries)
    expect(n, `callback query ${id}`).toBeLessThanOrEqual(1);
  expect(api.tg.violations).toEqual([]);
  expect(bot.logs().filter(isFailureLine)).toEqual([]);
}

// ---------------------------------------------------------------- scenarios

describe("fault injection against the running bot (npm start, polling, SQLite)", () => {
  it("serves 36 readers through a burst of 429s, 5xx, drops, slow answers, 403s and stale 400s", async () => {
    const readers = burstReaders(36, 1001);
    let pushedAt = 0;
    const { figures, calls } = await scenario("burst", readers, async () => {
      for (const reader of readers) for (const rule of rulesFor(reader)) api.tg.inject(rule);
      // The first few button answers come too late, the next two lose their connection.
      api.tg.inject({
        method: "answerCallbackQuery",
        times: 4,
        fault: { kind: "error", error_code: 400, description: ERRORS.queryTooOld },
      });
      api.tg.inject({ method: "answerCallbackQuery", times: 2, fault: { kind: "drop" } });
      pushedAt = Date.now();
      for (const step of [0, 1, 2, 3]) {
        for (const reader of readers) {
          const update = reader.steps[step];
          if (update) api.pushUpdate(update);
        }
      }
    });
    expectHealthy(figures, calls, readers);
    expect(figures.faults).toBeGreaterThanOrEqual(40);

    // Retries where they should: each 5xx / drop / 429 was followed by the same call succeeding.
    /** When the reader's first message was delivered (answered, not asked for). */
    const firstReplyAt = (reader: Reader): number => {
      const first = calls.find(
        (c) =>
          Number(c.payload.chat_id) === reader.id && c.method === "sendMessage" && c.result !== undefined,
      );
      return first ? first.at + (first.durationMs ?? 0) : Number.POSITIVE_INFINITY;
    };
    const flaky = readers.filter((r) => r.role === "flaky");
    for (const reader of flaky) {
      const sends = calls.filter(
        (c) => Number(c.payload.chat_id) === reader.id && c.method === "sendMessage",
      );
      expect(
        sends.slice(0, 4).map((c) => (c.dropped ? "drop" : c.error ? c.error.error_code : "ok")),
      ).toEqual(["drop", "drop", "drop", "ok"]);
    }
    // 429 is honoured: the retry waited retry_after (1 s).
    for (const reader of readers.filter((r) => r.role === "flood")) {
      const sends = calls.filter(
        (c) => Number(c.payload.chat_id) === reader.id && c.method === "sendMessage",
      );
      const [limited, retried] = sends;
      expect(limited?.error?.error_code).toBe(429);
      expect((retried?.at ?? 0) - ((limited?.at ?? 0) + (limited?.durationMs ?? 0))).toBeGreaterThanOrEqual(
        950,
      );
    }
    // Never retried: the stale button answers and the not-modified edits were each tried once.
    expect(calls.filter((c) => c.error?.description === ERRORS.queryTooOld)).toHaveLength(4);
    expect(calls.filter((c) => c.error?.description === ERRORS.notModified)).toHaveLength(3);
    // The others were not held up by the slow ones (answered after 2 s). Every sender stops during a 429's
    // retry_after, as Telegram asks, and the burst's 429s can chain those pauses past 2 s; so each control
    // reader's wait is counted from when the bot was last free to send (the burst, or the end of the pause
    // before its reply), and must stay under half a slow answer.
    const slowest = Math.min(...readers.filter((r) => r.role === "slow").map(firstReplyAt));
    const pauseEnds = calls
      .filter((c) => c.error?.error_code === 429)
      .map((c) => c.at + (c.durationMs ?? 0) + (c.error?.parameters?.retry_after ?? 0) * 1000);
    expect(pauseEnds.length).toBeGreaterThan(0);
    const freeSince = (at: number): number => Math.max(pushedAt, ...pauseEnds.filter((end) => end <= at));
    const controlWaits = readers
      .filter((r) => r.role === "control")
      .map((r) => firstReplyAt(r) - freeSince(firstReplyAt(r)));
    expect(Math.max(...controlWaits)).toBeLessThan(1000);
    expect(slowest - pushedAt).toBeGreaterThanOrEqual(2000);
  });

  it("delivers every reply exactly once after a 1 s outage where every call fails", async () => {
    const blocked = burstReaders(36, 1001)
      .filter((r) => r.role === "blocked")
      .map((r) => ({ ...r, steps: [updates.command("/help", { userId: r.id, lang: r.lang })] }));
    const early = Array.from({ length: 12 }, (_, i): Reader => {
      const id = 2001 + i;
      const lang: Lang = i % 2 === 0 ? "ar" : "en";
      return { id, lang, role: "control", steps: session(id, lang, "outage-early") };
    });
    const late = Array.from({ length: 12 }, (_, i): Reader => {
      const id = 2101 + i;
      const lang: Lang = i % 2 === 0 ? "en" : "ar";
      return { id, lang, role: "control", steps: session(id, lang, "outage-late") };
    });
    const readers = [...blocked, ...early, ...late];
    const blockedRules = blocked.flatMap(rulesFor);

    const { figures, calls } = await scenario("outage", readers, async () => {
      await until(() => api.tg.isPolling, 5000, "the bot is not polling");
      // The outage: half the chats get 500s, the other half and everything else (getUpdates, button
      // answers) lose their connections. Blocked readers stay blocked.
      const forever = Number.POSITIVE_INFINITY;
      [...early, ...late].forEach((reader, i) => {
        api.tg.inject({
          chatId: reader.id,
          times: forever,
          fault: i % 2 === 0 ? { kind: "error", error_code: 500 } : { kind: "drop" },
        });
      });
      api.tg.inject({ times: forever, fault: { kind: "drop" } });
      // The early readers' updates reach the bot on the long poll already waiting; their replies fail.
      for (const reader of [...blocked, ...early]) for (const update of reader.steps) api.pushUpdate(update);
      // Until at least one of their replies has failed (at least 500 ms), however slow the machine.
      await sleep(500);
      await until(
        () =>
          api.tg.calls.some((c) => c.method === "sendMessage" && (c.dropped || c.error?.error_code === 500)),
        15_000,
        "no reply failed in the outage",
      );
      // The late ones are sent while getUpdates itself fails.
      for (const reader of late) for (const update of reader.steps) api.pushUpdate(update);
      await sleep(500);
      api.tg.clearFaults();
      for (const rule of blockedRules) api.tg.inject(rule);
    });
    expectHealthy(figures, calls, readers);
    // The outage was real: polling failed. Whether a reply also failed in it depends on whether the poll
    // already waiting took the early updates before its answer was dropped, which the machine's speed
    // decides; every reply arriving exactly once is what holds either way (above).
    expect(calls.filter((c) => c.method === "getUpdates" && c.dropped).length).toBeGreaterThan(0);
  });

  it("is still running and answering afterwards, with no crash or bug in its logs", async () => {
    const update = updates.command("/help", { userId: 3001, lang: "en" });
    api.pushUpdate(update);
    const reply = await api.waitForCall(
      (c) => c.method === "sendMessage" && Number(c.payload.chat_id) === 3001,
    );
    expect(reply.result).toBeDefined();
    expect(bot.child.exitCode).toBeNull();
    expect(bot.child.signalCode).toBeNull();
    expect(crashes()).toBe(0);
    expect(bot.logs().filter(isFailureLine)).toEqual([]);
    expect(bot.stderr()).not.toMatch(/unhandled|uncaught|Error/i);
  });
});
