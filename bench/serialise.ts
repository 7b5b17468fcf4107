/**
 * What grammY's own serialisation of a payload costs, for the screens khabar sends (README, Performance):
 * grammY JSON-stringifies every payload with a replacer function (dropping nulls) and first walks it to see
 * whether it holds a file (`requiresFormDataUpload`). Measured per call on the real rendered screens, beside
 * a plain `JSON.stringify` of the same payload and the whole per-update cost from the in-process figure.
 *
 * Usage: node --import tsx bench/serialise.ts
 */
import { InputFile } from "grammy";
import { createI18n } from "../src/bot/i18n.js";
import { ReaderViews } from "../src/bot/reader-views.js";
import { renderRoute } from "../src/bot/render/screens/index.js";
import { decodeRoute } from "../src/bot/routes.js";
import { fixedCatalog } from "../src/content/library.js";
import { benchStory } from "./khabar-app.js";

const story = benchStory();
const views = new ReaderViews({ stories: fixedCatalog([story]), i18n: createI18n("ar"), defaultLang: "ar" });
const payloads: Array<Record<string, unknown>> = [];
for (const lang of ["ar", "en"] as const) {
  for (const key of ["m", "sm", "t", "s:call", "x", "p", "q:trump", "h"]) {
    const route = decodeRoute(key);
    const screen = route ? renderRoute(route, views.for(lang)) : undefined;
    const last = screen?.messages.at(-1);
    if (!screen || !last) continue;
    payloads.push({
      chat_id: 1_000_001,
      text: last.text,
      entities: last.entities,
      link_preview_options: { is_disabled: true },
      reply_markup: screen.keyboard,
    });
  }
}

// grammY's two steps, as in grammy/out/core/payload.js.
const grammyStr = (value: unknown) => JSON.stringify(value, (_, v) => v ?? undefined);
function requiresFormDataUpload(payload: unknown): boolean {
  return (
    payload instanceof InputFile ||
    (typeof payload === "object" &&
      payload !== null &&
      Object.values(payload).some((v) =>
        Array.isArray(v)
          ? v.some(requiresFormDataUpload)
          : v instanceof InputFile || requiresFormDataUpload(v),
      ))
  );
}

function perCall(fn: (p: Record<string, unknown>) => unknown, rounds: number): number {
  let sink = 0;
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) for (const p of payloads) sink += fn(p) ? 1 : 0;
  const us = ((performance.now() - t0) * 1000) / (rounds * payloads.length);
  if (sink < 0) console.log(sink);
  return us;
}

const bytes = payloads.reduce((sum, p) => sum + grammyStr(p).length, 0) / payloads.length;
for (const fn of [grammyStr, JSON.stringify, requiresFormDataUpload]) perCall(fn, 200); // warm-up
const result = {
  payloads: payloads.length,
  meanBytes: Math.round(bytes),
  grammyStringifyUs: perCall(grammyStr, 2000),
  plainStringifyUs: perCall((p) => JSON.stringify(p), 2000),
  formDataCheckUs: perCall(requiresFormDataUpload, 2000),
};
console.log(JSON.stringify(result, null, 2));
