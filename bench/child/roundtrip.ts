/**
 * Round trips (`roundtrip-command`, `roundtrip-button`). The real app (buildApp, default SQLite store) over
 * the bench's light fetch with 50 ms added to every call. For each sample: the time from the
 * `handleUpdate` call to the end of the last Bot API call the update caused, divided by 50 ms. 1 is the
 * physical floor: one round trip.
 *
 * The baseline is the bare grammY bot over the same fetch (one reply, or one answer for a button): one
 * round trip plus grammY's own overhead.
 *
 * Samples are the commands and button presses of the realistic mix (bench/mix.ts: buttons sit on the
 * message the reader was shown last), one at a time, `samples` of each kind; each reader's updates are
 * handled in order, their earlier ones untimed.
 *
 * Usage: node --import tsx bench/child/roundtrip.ts <samples>
 */
import type { Update } from "grammy/types";
import { createBaselineBot } from "../baseline-bot.js";
import { createKhabarApp } from "../khabar-app.js";
import { createLightFetch } from "../light-fetch.js";
import { Mix } from "../mix.js";
import { emitResult, median, quantile } from "../stats.js";

export const LATENCY_MS = 50;
const samples = Number(process.argv[2] ?? 30);

let lastCallEnd = 0;
const light = createLightFetch(undefined, { latencyMs: LATENCY_MS });
const timedFetch = (async (input: string | URL | Request, init?: RequestInit) => {
  try {
    return await light.fetch(input, init);
  } finally {
    lastCallEnd = Math.max(lastCallEnd, performance.now());
  }
}) as typeof fetch;

const built = await createKhabarApp({ store: "default", fetch: timedFetch });
const bare = createBaselineBot({ fetch: timedFetch });
type Target = { handleUpdate(update: Update): Promise<unknown> };

async function trips(bot: Target, update: Update): Promise<number> {
  lastCallEnd = 0;
  const t0 = performance.now();
  await bot.handleUpdate(update);
  return (lastCallEnd - t0) / LATENCY_MS;
}

/** Samples of each kind from the mix; both bots see the same updates (their stores are their own). */
async function sample(bot: Target, seed: number) {
  const mix = new Mix({ readers: samples, steps: 3, seed, firstUserId: 7_000_000, firstUpdateId: 1 });
  const commands: number[] = [];
  const buttons: number[] = [];
  for (const item of mix) {
    const kind = item.label.startsWith("cmd ")
      ? commands
      : item.label.startsWith("btn ")
        ? buttons
        : undefined;
    if (kind === undefined || kind.length >= samples) await bot.handleUpdate(item.update);
    else kind.push(await trips(bot, item.update));
  }
  return {
    commands: { median: median(commands), p90: quantile(commands, 0.9), n: commands.length },
    buttons: { median: median(buttons), p90: quantile(buttons, 0.9), n: buttons.length },
  };
}

const khabar = await sample(built.app.durable, 11);
const baseline = await sample(bare, 11);
emitResult({ latencyMs: LATENCY_MS, khabar, baseline });
await built.close();
