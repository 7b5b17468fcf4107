/**
 * Figure 3: round trips. The real app (buildApp, default SQLite store) over the in-process fake Bot API
 * with 50 ms added to every call. For each sample: the time from the `handleUpdate` call to the end of the
 * last Bot API call the update caused, divided by 50 ms. 1 is the physical floor: one round trip.
 *
 * The baseline is the bare grammY bot over the same fake (one reply, or one answer for a button): one
 * round trip plus grammY's own overhead.
 *
 * Each sample comes from a fresh reader who first got the menu (/start, not timed, all of a round's readers
 * at once), so button presses sit on a real bot message the fake knows, and no reader comes near the rate
 * limit. Samples run one at a time.
 *
 * Usage: node --import tsx bench/child/roundtrip.ts <rounds>
 */
import type { Update } from "grammy/types";
import { createFakeFetch } from "../../test/helpers/fake-fetch.js";
import { FakeTelegram } from "../../test/helpers/fake-telegram.js";
import * as updates from "../../test/helpers/updates.js";
import { createBaselineBot } from "../baseline-bot.js";
import { createKhabarApp } from "../khabar-app.js";
import { emitResult, median } from "../stats.js";

export const LATENCY_MS = 50;
const rounds = Number(process.argv[2] ?? 3);

const tg = new FakeTelegram({ latencyMs: LATENCY_MS });
const fakeFetch = createFakeFetch(tg);
let lastCallEnd = 0;
let callsInWindow = 0;
const timedFetch = (async (input: string | URL | Request, init?: RequestInit) => {
  callsInWindow++;
  try {
    return await fakeFetch(input, init);
  } finally {
    lastCallEnd = Math.max(lastCallEnd, performance.now());
  }
}) as typeof fetch;

const built = await createKhabarApp({ store: "default", fetch: timedFetch });
const bare = createBaselineBot({ fetch: timedFetch });
type Target = { handleUpdate(update: Update): Promise<unknown> };

/** The commands and buttons sampled; each button is pressed on the menu the reader was just sent. */
const COMMANDS = [
  "/start",
  "/summary",
  "/sections",
  "/exchange",
  "/people",
  "/help",
  "/quotes ترامب",
  "/quotes",
];
/** The language button switches to the other language, so the menu really changes. */
const BUTTONS = ["sm", "t", "s:call", "q:trump", "p", "l:*", "x"];

let nextUser = 7_000_000;

async function timed(
  bot: Target,
  update: Update,
): Promise<{ trips: number; calls: number; doneTrips: number }> {
  tg.observe(update);
  lastCallEnd = 0;
  callsInWindow = 0;
  const t0 = performance.now();
  await bot.handleUpdate(update);
  const done = performance.now();
  return {
    trips: (lastCallEnd - t0) / LATENCY_MS,
    calls: callsInWindow,
    doneTrips: (done - t0) / LATENCY_MS,
  };
}

/** New readers with the menu in front of them, all at once (their /start is not timed). */
async function freshReaders(count: number, lang: "ar" | "en") {
  const ids = Array.from({ length: count }, () => nextUser++);
  await Promise.all(
    ids.map((userId) => tg.deliver(built.app.bot, updates.command("/start", { userId, lang }))),
  );
  return ids.map((userId) => {
    const menu = tg.sentTo(userId).at(-1);
    if (!menu) throw new Error("no menu sent");
    return { userId, menu };
  });
}

interface Sample {
  what: string;
  trips: number;
  calls: number;
  doneTrips: number;
}

/** Every command and button once per round, each from a fresh reader, in both interface languages in turn. */
async function sample(bot: Target, rounds: number) {
  const commands: Sample[] = [];
  const buttons: Sample[] = [];
  for (let round = 0; round < rounds; round++) {
    const lang = round % 2 === 0 ? "ar" : "en";
    const readers = await freshReaders(COMMANDS.length + BUTTONS.length, lang);
    for (const [i, text] of COMMANDS.entries()) {
      const reader = readers[i];
      if (!reader) throw new Error("not enough readers");
      commands.push({
        what: text,
        ...(await timed(bot, updates.command(text, { userId: reader.userId, lang }))),
      });
    }
    for (const [i, pressed] of BUTTONS.entries()) {
      const reader = readers[COMMANDS.length + i];
      if (!reader) throw new Error("not enough readers");
      const data = pressed === "l:*" ? `l:${lang === "ar" ? "en" : "ar"}` : pressed;
      const { menu, userId } = reader;
      const update = updates.callback(data, {
        userId,
        lang,
        messageId: menu.message_id,
        messageText: menu.text,
        ...(menu.reply_markup ? { replyMarkup: menu.reply_markup } : {}),
      });
      buttons.push({ what: `button ${pressed}`, ...(await timed(bot, update)) });
    }
  }
  return {
    commands: { median: median(commands.map((s) => s.trips)), samples: commands },
    buttons: { median: median(buttons.map((s) => s.trips)), samples: buttons },
  };
}

// Warm-up: one round of each, not recorded.
await sample(built.app.bot, 1);
await sample(bare, 1);
const khabar = await sample(built.app.bot, rounds);
const baseline = await sample(bare, rounds);
const violations = tg.violations.map((v) => JSON.stringify(v).slice(0, 300));
emitResult({ latencyMs: LATENCY_MS, khabar, baseline, violations });
await built.close();
