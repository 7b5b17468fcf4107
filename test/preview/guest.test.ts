import { describe, expect, it } from "vitest";
import type { PreviewEvent } from "../../src/preview/events.js";
import { GUEST_CHAT, ReaderSimulator } from "../../src/preview/simulator.js";
import { BotApiModel } from "../../src/preview/telegram-model/index.js";

const from = { id: 77, first_name: "Reader", language_code: "en" };
const result = {
  type: "article",
  id: "pt.qs:peskov",
  title: "Dmitry Peskov",
  input_message_content: {
    message_text: "Quotes · Dmitry Peskov",
    entities: [{ type: "bold", offset: 0, length: 6 }],
  },
  reply_markup: {
    inline_keyboard: [[{ text: "📖 Read the story", url: "https://t.me/khabar_test_bot?start=pt_m" }]],
  },
};

describe("Guest Mode in the preview", () => {
  it("queues a mention in another chat as a guest_message, and shows the bot's answer there", async () => {
    const model = new BotApiModel();
    const sim = new ReaderSimulator(model);
    const events: PreviewEvent[] = [];
    sim.subscribe((event) => events.push(event));
    await model.handle("getUpdates", { allowed_updates: ["message", "guest_message"], timeout: 0 });
    const mention = sim.guestMention(from, "@khabar_test_bot peskov");
    const update = model.pendingUpdates.at(-1);
    expect(update?.guest_message).toMatchObject({
      text: "@khabar_test_bot peskov",
      chat: { id: GUEST_CHAT.id },
    });
    const id = update?.guest_message?.guest_query_id ?? "";
    expect(id).not.toBe("");
    await model.handle("answerGuestQuery", { guest_query_id: id, result });
    expect(events.map((e) => e.type)).toEqual(["user-message", "message"]);
    const answer = events[1];
    expect(answer).toMatchObject({
      type: "message",
      chatId: GUEST_CHAT.id,
      message: {
        text: "Quotes · Dmitry Peskov",
        from: { is_bot: true },
        guest_bot_caller_user: { id: 77 },
        reply_markup: result.reply_markup,
      },
    });
    expect(sim.history(GUEST_CHAT.id).map((m) => m.message_id)).toEqual([
      mention.message_id,
      mention.message_id + 1,
    ]);
    expect(sim.info([]).guestChatId).toBe(GUEST_CHAT.id);
  });

  it("says Guest Mode is off when the bot does not ask for guest messages", async () => {
    const model = new BotApiModel();
    const sim = new ReaderSimulator(model);
    await model.handle("getUpdates", { allowed_updates: ["message", "inline_query"], timeout: 0 });
    expect(() => sim.guestMention(from, "@khabar_test_bot")).toThrow(/guest mode is off/);
  });
});
