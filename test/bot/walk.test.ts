import type { InlineKeyboardMarkup } from "grammy/types";
import { describe, expect, it } from "vitest";
import { decodeTarget, type Route, routePayload } from "../../src/bot/routes.js";
import type { ApiCall } from "../helpers/fake-telegram.js";
import { createHarness, methods, story, updates } from "./harness.js";
import { screenRoutes } from "./screen-routes.js";
import { COMMANDS } from "./story-fixture.js";

const STALE = [
  "هذا الزر لم يعد صالحاً. افتح القائمة من جديد.",
  "This button has expired. Open the menu again.",
];

function buttonData(calls: readonly ApiCall[]): string[] {
  return calls.flatMap((call) => {
    const markup = call.payload.reply_markup as InlineKeyboardMarkup | undefined;
    return (
      markup?.inline_keyboard.flat().flatMap((b) => ("callback_data" in b ? [b.callback_data] : [])) ?? []
    );
  });
}

function checkLimits(calls: readonly ApiCall[]): void {
  for (const call of calls) {
    if (call.method === "sendMessage" || call.method === "editMessageText") {
      const text = String(call.payload.text);
      expect(text.length).toBeGreaterThan(0);
      expect(text.length).toBeLessThanOrEqual(4096);
    }
    for (const data of buttonData([call])) {
      expect(Buffer.byteLength(data)).toBeGreaterThan(0);
      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
    }
  }
}

/** Every route a screen of this story can show: the walk must reach them all. */
const EVERY_ROUTE: Route[] = [
  ...screenRoutes(story),
  { to: "set-language", lang: "ar" },
  { to: "set-language", lang: "en" },
];

describe.each(["ar", "en"] as const)("walking every screen in %s", (lang) => {
  it("every command, deep link and button leads to a handled screen within Telegram's limits", async () => {
    const h = createHarness();
    const opts = { lang };
    const queue: string[] = [];
    const pressed = new Set<string>();
    const enqueue = (calls: readonly ApiCall[]) => {
      for (const data of buttonData(calls)) if (!pressed.has(data) && !queue.includes(data)) queue.push(data);
    };

    for (const command of COMMANDS) {
      const calls = await h.send(updates.command(`/${command}`, opts));
      expect(methods(calls), command).toEqual(["sendMessage"]);
      checkLimits(calls);
      enqueue(calls);
      await h.send(updates.command("/cancel", opts));
    }
    const payloads = EVERY_ROUTE.map(routePayload).filter((p) => p !== undefined);
    for (const payload of payloads) {
      const calls = await h.send(updates.command(`/start ${payload}`, opts));
      expect(methods(calls), payload).toEqual(["sendMessage"]);
      checkLimits(calls);
      enqueue(calls);
      await h.send(updates.command("/cancel", opts));
    }

    let screens = 0;
    while (queue.length > 0) {
      const data = queue.shift() ?? "";
      pressed.add(data);
      // Ids far apart per language: the reader's own messages take ids after the largest one used so far,
      // and a press must never land on one of them.
      const base = lang === "ar" ? 10_000_000 : 20_000_000;
      const update = updates.callback(data, { ...opts, messageId: base + pressed.size, tg: h.tg });
      const calls = await h.send(update);
      const id = update.callback_query.id;
      expect(h.tg.answeredCallbackQueries.get(id), data).toBe(1);
      const answer = calls.find((c) => c.method === "answerCallbackQuery");
      expect(STALE, data).not.toContain(answer?.payload.text);
      // A button costs at most one answer and one edit.
      expect(calls.length, `${data}: ${methods(calls)}`).toBeLessThanOrEqual(2);
      checkLimits(calls);
      if (calls.some((c) => c.method === "editMessageText")) screens++;
      enqueue(calls);
      // Keep the reader's language for the rest of the walk.
      if (data.startsWith(`${story.key}.l:`) && data !== `${story.key}.l:${lang}`)
        await h.send(
          updates.callback(`l:${lang}`, { ...opts, messageId: base + 500_000 + pressed.size, tg: h.tg }),
        );
    }

    // Reached by a button, or (the translation, in the Arabic interface) by its deep link.
    const reached = new Set([...pressed].map((d) => JSON.stringify(decodeTarget(d)?.route)));
    reached.add(JSON.stringify({ to: "full", lang: "en" }));
    for (const route of EVERY_ROUTE) expect(reached, JSON.stringify(route)).toContain(JSON.stringify(route));
    expect(screens).toBeGreaterThanOrEqual(EVERY_ROUTE.length - 2);
    expect(h.tg.violations).toEqual([]);
  });
});
