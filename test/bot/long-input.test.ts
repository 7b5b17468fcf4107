import type { Update } from "grammy/types";
import { describe, expect, it } from "vitest";
import { createHarness, type Harness, methods, updates } from "./harness.js";

/**
 * One long word must not stall the bot for everyone: whatever a reader types, the bot's work on it is
 * bounded. Each entry point that reads typed text gets a single word of 4,000 and of 8,000 characters, in
 * Arabic letters, digits and U+FDFA (which NFKD expands to 18 characters). The cost is the process's CPU
 * time for the whole update (the bot and the fake Telegram that answers it), the least of three runs, so
 * other processes on the machine do not count. Before the lookups were bounded, `/quotes` with 4,000
 * Arabic letters cost about 740 ms here and 8,000 letters about four times that.
 */

/** The least CPU time, in ms, that `run` takes over three runs (after one to warm up). */
async function cpuMs(run: () => Promise<unknown>): Promise<number> {
  await run();
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    const before = process.cpuUsage();
    await run();
    const spent = process.cpuUsage(before);
    best = Math.min(best, (spent.user + spent.system) / 1000);
  }
  return best;
}

/** Well above what a bounded lookup costs (a few ms), well below what the unbounded one did (~300–800 ms). */
const BOUND_MS = 60;

const WORDS: Record<string, (length: number) => string> = {
  "Arabic letters": (length) => "ب".repeat(length),
  digits: (length) => "7".repeat(length),
  "U+FDFA": (length) => "\uFDFA".repeat(length),
};

/** Each entry point: the updates that lead to it (if any), then the update carrying the word. */
const ENTRIES: Record<string, { before?: () => Update; with: (word: string) => Update; answer: string }> = {
  "typed text": { with: (word) => updates.message(word), answer: "sendMessage" },
  "/search": { with: (word) => updates.command(`/search ${word}`), answer: "sendMessage" },
  "/quotes <word>": { with: (word) => updates.command(`/quotes ${word}`), answer: "sendMessage" },
  "the quotes question's answer": {
    before: () => updates.command("/quotes"),
    with: (word) => updates.message(word),
    answer: "sendMessage",
  },
  "an inline query": { with: (word) => updates.inlineQuery(word), answer: "answerInlineQuery" },
};

async function deliver(h: Harness, entry: (typeof ENTRIES)[string], word: string) {
  // Each run starts from the same place: no question waiting.
  await h.send(updates.command("/cancel"));
  if (entry.before) await h.send(entry.before());
  return h.send(entry.with(word));
}

describe("a long word costs the bot a bounded amount of work", () => {
  for (const [entryName, entry] of Object.entries(ENTRIES)) {
    for (const [kind, word] of Object.entries(WORDS)) {
      it(`${entryName}: 4,000 ${kind}`, async () => {
        const h = createHarness();
        const calls = await deliver(h, entry, word(4000));
        // The reader still gets an answer.
        expect(methods(calls)).toContain(entry.answer);

        const at4k = await cpuMs(() => deliver(h, entry, word(4000)));
        const at8k = await cpuMs(() => deliver(h, entry, word(8000)));
        expect(at4k).toBeLessThan(BOUND_MS);
        // No growth with the square of the length: twice the word costs about the same, not four times.
        expect(at8k).toBeLessThan(BOUND_MS);
        expect(at8k).toBeLessThan(2 * at4k + 10);
      });
    }
  }
});
