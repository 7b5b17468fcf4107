/**
 * Regressions found by the fuzzer (test/fuzz), each reduced to the minimal update sequence it reported.
 */
import type { Update } from "grammy/types";
import { describe, expect, it } from "vitest";
import type { Harness } from "./harness.js";
import { createHarness, methods, textOf, updates } from "./harness.js";

/**
 * A press on a message exactly as Telegram delivers it: the callback query carries the message as it is
 * now (text, entities and keyboard after any edits), unlike `h.press`, which sends a stand-in.
 */
function pressAsDelivered(h: Harness, chatId: number, messageId: number, data: string): Update {
  const message = h.tg.getMessage(chatId, messageId);
  if (!message) throw new Error(`no message ${messageId} in chat ${chatId}`);
  const update = updates.callback(data, { chatId, messageId });
  return { ...update, callback_query: { ...update.callback_query, message } };
}

describe("a press on a message that already shows the screen it leads to", () => {
  it("(fuzz: /start, then 'm' on the menu) is answered without an edit Telegram would refuse", async () => {
    const h = createHarness();
    await h.send(updates.command("/start"));
    // The greeting is /start's alone: the first press leaves the menu without it, the second changes nothing.
    await h.send(pressAsDelivered(h, 42, h.last().messageId, "m"));
    const menu = h.last();
    const press = pressAsDelivered(h, 42, menu.messageId, "m");
    const calls = await h.send(press);
    expect(methods(calls)).toEqual(["answerCallbackQuery"]);
    expect(h.tg.answeredCallbackQueries.get(press.callback_query?.id ?? "")).toBe(1);
    expect(h.tg.violations).toEqual([]);
    expect(h.shown(42, menu.messageId).text).toBe(menu.text);
  });

  it("a double tap on a button shows the screen once and answers both taps", async () => {
    const h = createHarness();
    await h.send(updates.command("/start"));
    const menu = h.last();
    const first = await h.send(pressAsDelivered(h, 42, menu.messageId, "sm"));
    expect(methods(first).sort()).toEqual(["answerCallbackQuery", "editMessageText"]);
    // The second tap arrives with the message as the first one left it: the summary.
    const second = await h.send(pressAsDelivered(h, 42, menu.messageId, "sm"));
    expect(methods(second)).toEqual(["answerCallbackQuery"]);
    expect(h.tg.answeredCallbackQueries.size).toBe(2);
    expect(h.tg.violations).toEqual([]);
  });

  it("(fuzz: /quotes, a stale button, then 'q' on the question) asks again without a refused edit", async () => {
    const h = createHarness();
    await h.send(updates.command("/quotes"));
    const question = h.last();
    // A forged or stale button on the question leaves the conversation and says the button expired.
    const stale = await h.send(pressAsDelivered(h, 42, question.messageId, "s:vinnik"));
    expect(methods(stale)).toEqual(["answerCallbackQuery"]);
    // The Quotes button enters the conversation again; the message already asks the question.
    const again = await h.send(pressAsDelivered(h, 42, question.messageId, "q"));
    expect(methods(again)).toEqual(["answerCallbackQuery"]);
    expect(h.tg.violations).toEqual([]);
    // And the conversation is on again: a typed name is answered with that speaker's quotes.
    const [reply] = await h.send(updates.message("ترامب"));
    expect(textOf(reply)).toContain("ترامب");
    expect(h.shown(42, question.messageId).text).toBe(question.text);
  });

  it("a message that shows something else is still edited", async () => {
    const h = createHarness();
    await h.send(updates.command("/summary"));
    const summary = h.last();
    const calls = await h.send(pressAsDelivered(h, 42, summary.messageId, "m"));
    expect(methods(calls).sort()).toEqual(["answerCallbackQuery", "editMessageText"]);
    expect(h.shown(42, summary.messageId).text).not.toBe(summary.text);
    expect(h.tg.violations).toEqual([]);
  });
});

describe("a press on a message Telegram reports as inaccessible (date 0)", () => {
  it("shows the screen as a new message without trying an edit Telegram would refuse", async () => {
    const h = createHarness();
    const update = updates.callback("sm", { chatId: 42, messageId: 7 });
    const inaccessible = {
      chat: update.callback_query.message?.chat ?? { id: 42, type: "private" as const, first_name: "R" },
      message_id: 7,
      date: 0 as const,
    };
    const calls = await h.send({
      ...update,
      callback_query: { ...update.callback_query, message: inaccessible },
    });
    expect(methods(calls).sort()).toEqual(["answerCallbackQuery", "sendMessage"]);
    expect(h.tg.violations).toEqual([]);
  });
});
