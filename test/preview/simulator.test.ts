import { describe, expect, it } from "vitest";
import type { PreviewEvent } from "../../src/preview/events.js";
import { ReaderSimulator } from "../../src/preview/simulator.js";
import { BotApiModel } from "../../src/preview/telegram-model/index.js";

const chat = { id: 77, type: "private" as const };
const from = { id: 77, first_name: "Reader", language_code: "ar" };

function setup(): { model: BotApiModel; sim: ReaderSimulator; events: PreviewEvent[] } {
  const model = new BotApiModel();
  const sim = new ReaderSimulator(model);
  const events: PreviewEvent[] = [];
  sim.subscribe((event) => events.push(event));
  return { model, sim, events };
}

describe("the preview's reader simulator", () => {
  it("queues what the reader types as Telegram would send it, with detected entities, and echoes it", () => {
    const { model, sim, events } = setup();
    const message = sim.sendText(chat, from, "/quotes@khabar_test_bot trump #x https://example.com/a.");
    expect(message.entities).toEqual([
      { type: "bot_command", offset: 0, length: 23 },
      { type: "hashtag", offset: 30, length: 2 },
      { type: "url", offset: 33, length: 21 },
    ]);
    expect(model.pendingUpdates).toHaveLength(1);
    expect(model.pendingUpdates[0]?.message?.from).toMatchObject({ id: 77, language_code: "ar" });
    expect(events).toEqual([{ type: "user-message", chatId: 77, message }]);
    // The bot's reply continues the chat's numbering.
    expect(sim.sendText(chat, from, "again").message_id).toBe(message.message_id + 1);
  });

  it("sends no language_code when the reader has none, and refuses a private chat that is not the reader's", () => {
    const { model, sim } = setup();
    sim.sendText(chat, { id: 77, first_name: "R" }, "hi");
    expect(model.pendingUpdates[0]?.message?.from?.language_code).toBeUndefined();
    expect(() => sim.sendText({ id: 78, type: "private" }, from, "hi")).toThrow(/reader's id/);
  });

  it("turns the bot's calls into message, edit, delete and answer events, in order", async () => {
    const { model, sim, events } = setup();
    const keyboard = { inline_keyboard: [[{ text: "go", callback_data: "p:1" }]] };
    await model.handle("sendMessage", { chat_id: 77, text: "one", reply_markup: keyboard });
    const press = sim.press(chat, from, 1, "p:1");
    await model.handle("editMessageText", {
      chat_id: 77,
      message_id: 1,
      text: "two",
      reply_markup: keyboard,
    });
    await model.handle("answerCallbackQuery", { callback_query_id: press, text: "Done", show_alert: true });
    await model.handle("deleteMessage", { chat_id: 77, message_id: 1 });
    expect(events.map((e) => e.type)).toEqual(["message", "edit", "callback-answer", "delete"]);
    expect(events[1]).toMatchObject({ type: "edit", chatId: 77, message: { message_id: 1, text: "two" } });
    expect(events[2]).toEqual({
      type: "callback-answer",
      chatId: 77,
      callbackQueryId: press,
      text: "Done",
      showAlert: true,
    });
    expect(events[3]).toEqual({ type: "delete", chatId: 77, messageId: 1 });
    expect(sim.history(77)).toEqual([]);
  });

  it("reports every call the model refuses as an error event with Telegram's text", async () => {
    const { model, events } = setup();
    await model.handle("sendMessage", { chat_id: 77, text: "x".repeat(4097) });
    await model.handle("sendMessage", {
      chat_id: 77,
      text: "a",
      reply_markup: { inline_keyboard: [[{ text: "b", callback_data: "d".repeat(65) }]] },
    });
    await model.handle("sendMessage", {
      chat_id: 77,
      text: "ab",
      entities: [{ type: "bold", offset: 1, length: 5 }],
    });
    expect(events).toEqual([
      {
        type: "error",
        chatId: 77,
        method: "sendMessage",
        errorCode: 400,
        description: "Bad Request: message is too long",
      },
      {
        type: "error",
        chatId: 77,
        method: "sendMessage",
        errorCode: 400,
        description: "Bad Request: BUTTON_DATA_INVALID",
      },
      expect.objectContaining({ type: "error", description: expect.stringMatching(/can't parse entities/) }),
    ]);
  });

  it("refuses a press on a button that is not there", async () => {
    const { model, sim } = setup();
    await model.handle("sendMessage", { chat_id: 77, text: "plain" });
    expect(() => sim.press(chat, from, 1, "p:1")).toThrow(/no button/);
    expect(() => sim.press(chat, from, 9, "p:1")).toThrow(/not in chat/);
  });

  it("says inline mode is off when the bot does not ask for inline queries", async () => {
    const { model, sim } = setup();
    await model.handle("getUpdates", { allowed_updates: ["message", "callback_query"], timeout: 0 });
    expect(() => sim.inlineQuery(from, "trump", "")).toThrow(/inline mode is off/);
    await model.handle("getUpdates", { allowed_updates: ["message", "inline_query"], timeout: 0 });
    const id = sim.inlineQuery(from, "trump", "");
    expect(model.pendingUpdates.at(-1)?.inline_query).toMatchObject({ id, query: "trump" });
  });

  it("shows inline answers, and the commands and descriptions the bot registered per language", async () => {
    const { model, sim, events } = setup();
    await model.handle("answerInlineQuery", {
      inline_query_id: "q1",
      results: [{ type: "article", id: "a", title: "A", input_message_content: { message_text: "A" } }],
      next_offset: "50",
    });
    expect(events[0]).toMatchObject({ type: "inline-results", queryId: "q1", nextOffset: "50" });
    await model.handle("setMyCommands", {
      commands: [{ command: "start", description: "ابدأ" }],
      language_code: "ar",
    });
    await model.handle("setMyDescription", { description: "Reads the news", language_code: "en" });
    const info = sim.info(["ar", "en"]);
    expect(info.commands).toEqual({ "": [], ar: [{ command: "start", description: "ابدأ" }], en: [] });
    expect(info.description).toEqual({ "": "", ar: "", en: "Reads the news" });
  });

  it("starts over on reset", async () => {
    const { model, sim, events } = setup();
    sim.sendText(chat, from, "hi");
    await model.handle("sendMessage", { chat_id: 77, text: "hello" });
    sim.reset();
    expect(sim.history(77)).toEqual([]);
    expect(model.pendingUpdates).toHaveLength(0);
    expect(events.at(-1)).toEqual({ type: "reset" });
  });

  it("posts a picked inline result into the chat via the bot, and follows its buttons and edits", async () => {
    const { model, sim, events } = setup();
    await model.handle("getUpdates", {
      allowed_updates: ["message", "callback_query", "inline_query", "chosen_inline_result"],
      timeout: 0,
    });
    const queryId = sim.inlineQuery(from, "trump", "");
    const result = {
      type: "article",
      id: "q-trump-1",
      title: "Trump",
      input_message_content: {
        message_text: "«…» — Donald Trump",
        entities: [{ type: "bold", offset: 0, length: 3 }],
      },
      reply_markup: { inline_keyboard: [[{ text: "More", callback_data: "i:1" }]] },
    };
    await model.handle("answerInlineQuery", { inline_query_id: queryId, results: [result] });
    expect(() => sim.chooseInlineResult(chat, from, queryId, "nope")).toThrow(/no result/);
    expect(() => sim.chooseInlineResult(chat, from, "old", "q-trump-1")).toThrow(/no answer/);

    const message = sim.chooseInlineResult(chat, from, queryId, "q-trump-1");
    expect(message).toMatchObject({
      from: { id: 77 },
      via_bot: { id: model.botInfo.id, is_bot: true },
      text: "«…» — Donald Trump",
      entities: [{ type: "bold", offset: 0, length: 3 }],
    });
    expect(events.at(-1)).toEqual({ type: "user-message", chatId: 77, message });
    const chosen = model.pendingUpdates.at(-1)?.chosen_inline_result;
    expect(chosen).toMatchObject({ result_id: "q-trump-1", query: "trump" });
    const inlineId = chosen?.inline_message_id;
    expect(inlineId).toBeDefined();

    // Its button arrives as a callback on the inline message, not on a chat message.
    sim.press(chat, from, message.message_id, "i:1");
    const press = model.pendingUpdates.at(-1)?.callback_query;
    expect(press).toMatchObject({ inline_message_id: inlineId, data: "i:1" });
    expect(press?.message).toBeUndefined();

    await model.handle("editMessageText", { inline_message_id: inlineId, text: "Edited" });
    expect(events.at(-1)).toMatchObject({ type: "edit", chatId: 77, message: { text: "Edited" } });
    expect(sim.history(77).at(-1)).toMatchObject({ text: "Edited", message_id: message.message_id });
  });

  it("tells the page about the pushes under way only when they change, and lists them in its info", () => {
    const { sim, events } = setup();
    const running = [{ event: "story:a", audience: 5, sent: 2 }];
    sim.setPushes(running);
    sim.setPushes([{ event: "story:a", audience: 5, sent: 2 }]);
    expect(events).toEqual([{ type: "pushes", pushes: running }]);
    expect(sim.info([]).pushes).toEqual(running);
    sim.setPushes([]);
    expect(events.at(-1)).toEqual({ type: "pushes", pushes: [] });
    expect(sim.info([]).pushes).toEqual([]);
  });
});
