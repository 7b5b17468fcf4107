/**
 * One khabar variant alone on the realistic mix, for `node --cpu-prof` (what the in-process figure's
 * khabar side spends its time on, without the other variants in the profile).
 *
 * Usage: node --cpu-prof --import tsx bench/child/profile-mix.ts <memory|sqlite|reference> [readers] [steps]
 */
import type { Update } from "grammy/types";
import { createKhabarApp } from "../khabar-app.js";
import { createLightFetch } from "../light-fetch.js";
import { Mix } from "../mix.js";
import { CallRecorder, createReferenceBot } from "../reference-bot.js";

const which = process.argv[2] ?? "memory";
const readers = Number(process.argv[3] ?? 5000);
const steps = Number(process.argv[4] ?? 4);
const recorder = new CallRecorder();
const light = createLightFetch(recorder.onCall);
let handle: (update: Update) => Promise<unknown>;
if (which === "reference") {
  // The reference replays calls recorded from a khabar run of the same mix.
  const khabar = await createKhabarApp({ store: "memory", fetch: light.fetch });
  const bot = createReferenceBot(createLightFetch().fetch, recorder);
  handle = async (update) => {
    recorder.begin([update]);
    await khabar.app.durable.handleUpdate(update);
    recorder.end();
    await bot.handleUpdate(update);
  };
} else {
  const built = await createKhabarApp({
    store: which === "sqlite" ? "sqlite" : "memory",
    fetch: light.fetch,
  });
  handle = (update) => built.app.durable.handleUpdate(update);
}
const mix = new Mix({ readers, steps, seed: 3, firstUserId: 1_000_000, firstUpdateId: 1 });
const t0 = performance.now();
for (const items of mix.history()) {
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let item = items[next++]; item !== undefined; item = items[next++]) await handle(item.update);
  };
  await Promise.all(Array.from({ length: 32 }, worker));
}
for (let items = mix.round(); items.length > 0; items = mix.round()) {
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let item = items[next++]; item !== undefined; item = items[next++]) await handle(item.update);
  };
  await Promise.all(Array.from({ length: 32 }, worker));
}
console.log(`${which}: ${mix.size + mix.historySize} updates in ${(performance.now() - t0).toFixed(0)} ms`);
