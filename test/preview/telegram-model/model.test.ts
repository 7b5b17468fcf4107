import type { Message } from "grammy/types";
import { beforeEach, describe, expect, it } from "vitest";
import { BotApiModel, ERRORS } from "../../../src/preview/telegram-model/index.js";
import * as updates from "../../helpers/updates.js";
import { button, call, fails, ok } from "./call.js";

describe("BotApiModel", () => {
  let tg: BotApiModel;
  beforeEach(() => {
    tg = new BotApiModel();
  });

  it("answers getMe with the configured bot", async () => {
    expect(await ok(tg, "getMe")).toMatchObject({
      id: 1000,
      is_bot: true,
      first_name: "Khabar",
      username: "khabar_test_bot",
      can_read_all_group_messages: false,
      supports_inline_queries: true,
    });
    const custom = new BotApiModel({ botInfo: { username: "other_bot" } });
    expect(await ok(custom, "getMe")).toMatchObject({ id: 1000, username: "other_bot" });
  });

  it("sends messages with per-chat ids, the bot as sender and the chat's type", async () => {
    const first = await ok<Message.TextMessage>(tg, "sendMessage", { chat_id: 42, text: "one" });
    const second = await ok<Message.TextMessage>(tg, "sendMessage", { chat_id: 42, text: "two" });
    const group = await ok<Message.TextMessage>(tg, "sendMessage", { chat_id: -100, text: "g" });
    expect(first).toMatchObject({ message_id: 1, chat: { id: 42, type: "private" }, text: "one" });
    expect(first.from).toMatchObject({ id: 1000, is_bot: true, username: "khabar_test_bot" });
    expect(second.message_id).toBe(2);
    expect(group).toMatchObject({ message_id: 1, chat: { id: -100, type: "supergroup" } });

    tg.setChatType(-5, "group");
    expect(await ok(tg, "sendMessage", { chat_id: -5, text: "x" })).toMatchObject({
      chat: { type: "group" },
    });
    // Chat ids arrive as strings from form bodies.
    expect(await ok(tg, "sendMessage", { chat_id: "42", text: "3" })).toMatchObject({ message_id: 3 });
    expect(tg.sent().map((m) => m.text)).toEqual(["one", "two", "g", "x", "3"]);
    expect(tg.sentTo(42)).toHaveLength(3);
    expect(tg.violations).toEqual([]);
  });

  it("learns chat types and message ids from updates", async () => {
    updates.resetUpdateIds();
    updates.groupMessage("hello", { chatType: "group", chatId: -77, messageId: 10, tg });
    const reply = await ok<Message.TextMessage>(tg, "sendMessage", { chat_id: -77, text: "hi" });
    expect(reply.chat).toMatchObject({ id: -77, type: "group", title: "Test group" });
    expect(reply.message_id).toBe(11);
  });

  it("includes entities and an inline keyboard in the sent message", async () => {
    const entities = [{ type: "bold", offset: 0, length: 5 }];
    const sent = await ok<Message.TextMessage>(tg, "sendMessage", {
      chat_id: 42,
      text: "Hello world",
      entities,
      reply_markup: button("a"),
    });
    expect(sent.entities).toEqual(entities);
    expect(sent.reply_markup).toEqual(button("a"));
    // Reply keyboards are accepted but never appear on the message.
    const plain = await ok<Message.TextMessage>(tg, "sendMessage", {
      chat_id: 42,
      text: "x",
      reply_markup: { keyboard: [["A"]] },
    });
    expect(plain.reply_markup).toBeUndefined();
  });

  describe("limits", () => {
    it("measures text in UTF-16 code units: 4096 passes, 4097 fails", async () => {
      await ok(tg, "sendMessage", { chat_id: 42, text: "a".repeat(4096) });
      expect(await fails(tg, "sendMessage", { chat_id: 42, text: "a".repeat(4097) })).toBe(ERRORS.tooLong);
      // 2048 emoji are 4096 code units (each a surrogate pair): allowed. One more code unit is not.
      const emoji = "😀".repeat(2048);
      expect(emoji.length).toBe(4096);
      await ok(tg, "sendMessage", { chat_id: 42, text: emoji });
      expect(await fails(tg, "sendMessage", { chat_id: 42, text: `${emoji}a` })).toBe(ERRORS.tooLong);
      expect(tg.violations).toHaveLength(2);
      expect(tg.violations[0]).toMatchObject({ method: "sendMessage", description: ERRORS.tooLong });
    });

    it("rejects empty and whitespace-only text and a missing chat", async () => {
      expect(await fails(tg, "sendMessage", { chat_id: 42, text: "" })).toBe(ERRORS.textEmpty);
      expect(await fails(tg, "sendMessage", { chat_id: 42 })).toBe(ERRORS.textEmpty);
      expect(await fails(tg, "sendMessage", { chat_id: 42, text: " \n " })).toBe(ERRORS.textEmpty);
      expect(await fails(tg, "sendMessage", { text: "hi" })).toBe(ERRORS.chatNotFound);
      expect(await fails(tg, "sendMessage", { chat_id: "@somechannel", text: "hi" })).toBe(
        ERRORS.chatNotFound,
      );
    });

    it("rejects entities outside the text or with negative numbers", async () => {
      const send = (entities: unknown) => fails(tg, "sendMessage", { chat_id: 42, text: "hello", entities });
      expect(await send([{ type: "bold", offset: 3, length: 3 }])).toMatch(
        /^Bad Request: can't parse entities: /,
      );
      expect(await send([{ type: "bold", offset: -1, length: 2 }])).toMatch(
        /^Bad Request: can't parse entities: /,
      );
      expect(await send([{ type: "bold", offset: 0, length: -2 }])).toMatch(
        /^Bad Request: can't parse entities: /,
      );
      expect(await send([{ type: "shouting", offset: 0, length: 2 }])).toMatch(/unsupported type/);
      expect(await send([{ type: "text_link", offset: 0, length: 2 }])).toMatch(/no url/);
      // Offsets count UTF-16 code units: an emoji takes two.
      await ok(tg, "sendMessage", {
        chat_id: 42,
        text: "😀 hi",
        entities: [{ type: "bold", offset: 3, length: 2 }],
      });
      expect(
        await fails(tg, "sendMessage", {
          chat_id: 42,
          text: "😀 hi",
          entities: [{ type: "bold", offset: 3, length: 3 }],
        }),
      ).toMatch(/can't parse entities/);
    });

    it("limits callback_data to 64 UTF-8 bytes (Arabic letters take two)", async () => {
      const arabic32 = "خ".repeat(32);
      expect(Buffer.byteLength(arabic32)).toBe(64);
      await ok(tg, "sendMessage", { chat_id: 42, text: "x", reply_markup: button(arabic32) });
      const send = (data: string) =>
        fails(tg, "sendMessage", { chat_id: 42, text: "x", reply_markup: button(data) });
      expect(await send(`a${arabic32}`)).toBe(ERRORS.buttonDataInvalid); // 65 bytes, 33 characters
      expect(await send("")).toBe(ERRORS.buttonDataInvalid);
    });

    it("rejects buttons without exactly one action", async () => {
      const send = (btn: Record<string, unknown>) =>
        fails(tg, "sendMessage", { chat_id: 42, text: "x", reply_markup: { inline_keyboard: [[btn]] } });
      expect(await send({ text: "just text" })).toBe(ERRORS.textButton);
      expect(await send({ text: "both", url: "https://example.com", callback_data: "a" })).toBe(
        "Bad Request: BUTTON_TYPE_INVALID",
      );
      expect(await send({ text: "bad url", url: "javascript:alert(1)" })).toBe(
        "Bad Request: BUTTON_URL_INVALID",
      );
      expect(await send({ callback_data: "a" })).toMatch(/Can't find field "text"/);
      await ok(tg, "sendMessage", {
        chat_id: 42,
        text: "x",
        reply_markup: { inline_keyboard: [[{ text: "site", url: "https://example.com" }]] },
      });
    });

    it("validates commands and stores them per scope and language", async () => {
      const commands = [{ command: "quotes", description: "اقتباسات" }];
      await ok(tg, "setMyCommands", { commands, language_code: "ar" });
      await ok(tg, "setMyCommands", {
        commands: [{ command: "start", description: "Start" }],
        scope: { type: "all_private_chats" },
      });
      expect(await ok(tg, "getMyCommands", { language_code: "ar" })).toEqual(commands);
      expect(await ok(tg, "getMyCommands", {})).toEqual([]);
      expect(await ok(tg, "getMyCommands", { scope: { type: "all_private_chats" } })).toHaveLength(1);
      expect(tg.getCommands({ type: "default" }, "ar")).toEqual(commands);
      await ok(tg, "deleteMyCommands", { language_code: "ar" });
      expect(await ok(tg, "getMyCommands", { language_code: "ar" })).toEqual([]);

      const set = (command: string, description: string) =>
        fails(tg, "setMyCommands", { commands: [{ command, description }] });
      expect(await set("Quotes", "x")).toBe(ERRORS.commandInvalid);
      expect(await set("/quotes", "x")).toBe(ERRORS.commandInvalid);
      expect(await set("a".repeat(33), "x")).toBe(ERRORS.commandInvalid);
      expect(await set("ok", "")).toBe(ERRORS.commandDescriptionInvalid);
      expect(await set("ok", "d".repeat(257))).toBe(ERRORS.commandDescriptionInvalid);
      await ok(tg, "setMyCommands", {
        commands: [{ command: "a".repeat(32), description: "d".repeat(256) }],
      });
    });
  });

  describe("profile", () => {
    it("keeps descriptions per language within Telegram's limits", async () => {
      await ok(tg, "setMyDescription", { description: "d".repeat(512), language_code: "en" });
      await ok(tg, "setMyShortDescription", { short_description: "s".repeat(120) });
      expect(await ok(tg, "getMyDescription", { language_code: "en" })).toEqual({
        description: "d".repeat(512),
      });
      expect(await ok(tg, "getMyShortDescription", {})).toEqual({ short_description: "s".repeat(120) });
      expect(await fails(tg, "setMyDescription", { description: "d".repeat(513) })).toMatch(/too long/);
      expect(await fails(tg, "setMyShortDescription", { short_description: "s".repeat(121) })).toMatch(
        /too long/,
      );
      // Characters, not UTF-16 units: 120 emoji fit.
      await ok(tg, "setMyShortDescription", { short_description: "📰".repeat(120), language_code: "ar" });
    });
  });

  describe("edits", () => {
    it("refuses an identical edit as 'message is not modified'", async () => {
      const sent = await ok<Message.TextMessage>(tg, "sendMessage", {
        chat_id: 42,
        text: "Page 1",
        reply_markup: button("p:2"),
      });
      const same = { chat_id: 42, message_id: sent.message_id, text: "Page 1", reply_markup: button("p:2") };
      expect(await fails(tg, "editMessageText", same)).toBe(ERRORS.notModified);
      // Same text, but leaving out reply_markup removes the keyboard: that is a change.
      const edited = await ok<Message.TextMessage>(tg, "editMessageText", {
        chat_id: 42,
        message_id: sent.message_id,
        text: "Page 1",
      });
      expect(edited.reply_markup).toBeUndefined();
      expect(edited.edit_date).toBeTypeOf("number");
      expect(tg.getMessage(42, sent.message_id)).toMatchObject({ text: "Page 1" });
      const changed = await ok<Message.TextMessage>(tg, "editMessageText", { ...same, text: "Page 2" });
      expect(changed).toMatchObject({ text: "Page 2", reply_markup: button("p:2") });
      // The sent() snapshot is the message as it was sent, not as it is now.
      expect(tg.sent()[0]?.text).toBe("Page 1");
    });

    it("applies the same rules to editMessageReplyMarkup, and knows missing messages", async () => {
      const sent = await ok<Message.TextMessage>(tg, "sendMessage", {
        chat_id: 42,
        text: "x",
        reply_markup: button("a"),
      });
      const target = { chat_id: 42, message_id: sent.message_id };
      expect(await fails(tg, "editMessageReplyMarkup", { ...target, reply_markup: button("a") })).toBe(
        ERRORS.notModified,
      );
      await ok(tg, "editMessageReplyMarkup", { ...target, reply_markup: button("b") });
      await ok(tg, "editMessageReplyMarkup", target);
      expect(await fails(tg, "editMessageReplyMarkup", target)).toBe(ERRORS.notModified);
      expect(await fails(tg, "editMessageText", { chat_id: 42, message_id: 999, text: "y" })).toBe(
        ERRORS.editNotFound,
      );
      expect(await ok(tg, "deleteMessage", target)).toBe(true);
      expect(await fails(tg, "editMessageText", { ...target, text: "y" })).toBe(ERRORS.editNotFound);
      expect(await fails(tg, "deleteMessage", target)).toBe(ERRORS.deleteNotFound);
    });

    it("lets the bot edit the message under a callback button once told about it", async () => {
      const update = updates.callback("p:2", { messageId: 7, messageText: "Page 1", tg });
      expect(update.callback_query.message?.message_id).toBe(7);
      await ok(tg, "editMessageText", { chat_id: 42, message_id: 7, text: "Page 2" });
      // A user's own message can be seen but not edited.
      updates.message("mine", { messageId: 8, tg });
      expect(await fails(tg, "editMessageText", { chat_id: 42, message_id: 8, text: "z" })).toBe(
        ERRORS.cantEdit,
      );
    });

    it("tracks inline messages by id", async () => {
      expect(await ok(tg, "editMessageText", { inline_message_id: "im1", text: "a" })).toBe(true);
      expect(await fails(tg, "editMessageText", { inline_message_id: "im1", text: "a" })).toBe(
        ERRORS.notModified,
      );
    });
  });

  it("answers a callback query once; a second answer is refused", async () => {
    expect(await ok(tg, "answerCallbackQuery", { callback_query_id: "q1" })).toBe(true);
    expect(await fails(tg, "answerCallbackQuery", { callback_query_id: "q1", text: "again" })).toBe(
      ERRORS.queryTooOld,
    );
    expect(tg.answeredCallbackQueries.get("q1")).toBe(2);
    expect(await fails(tg, "answerCallbackQuery", { callback_query_id: "q2", text: "x".repeat(201) })).toBe(
      ERRORS.answerTooLong,
    );
    await ok(tg, "answerCallbackQuery", { callback_query_id: "q3", text: "ش".repeat(200) });
    expect(tg.answeredCallbackQueries.get("q3")).toBe(1);
  });

  it("validates inline query answers", async () => {
    const result = (id: string) => ({
      type: "article",
      id,
      title: "t",
      input_message_content: { message_text: "hi" },
    });
    await ok(tg, "answerInlineQuery", { inline_query_id: "i1", results: [result("a"), result("b")] });
    expect(await fails(tg, "answerInlineQuery", { inline_query_id: "i1", results: [] })).toBe(
      ERRORS.queryTooOld,
    );
    expect(
      await fails(tg, "answerInlineQuery", { inline_query_id: "i2", results: [result("a"), result("a")] }),
    ).toBe("Bad Request: RESULT_ID_DUPLICATE");
  });

  it("answers unknown methods like Telegram, and can be taught new ones", async () => {
    const body = await call(tg, "sendTelepathy", { chat_id: 42 });
    expect(body).toEqual({ ok: false, error_code: 404, description: "Not Found: method not found" });
    expect(tg.violations).toEqual([]);
    tg.registerMethod("sendTelepathy", () => true);
    expect(await ok(tg, "sendTelepathy", {})).toBe(true);
    // Method names are case-insensitive, as on Telegram.
    expect(await ok(tg, "SENDMESSAGE", { chat_id: 1, text: "x" })).toMatchObject({ text: "x" });
    expect(tg.callsTo("sendMessage")).toHaveLength(1);
  });

  it("stores webhook settings", async () => {
    await ok(tg, "setWebhook", {
      url: "https://example.com/hook",
      secret_token: "s3cret_-",
      allowed_updates: ["message", "callback_query"],
    });
    expect(tg.webhook).toMatchObject({ url: "https://example.com/hook", secret_token: "s3cret_-" });
    expect(await ok(tg, "getWebhookInfo")).toMatchObject({
      url: "https://example.com/hook",
      pending_update_count: 0,
      allowed_updates: ["message", "callback_query"],
    });
    expect(await fails(tg, "setWebhook", { url: "http://example.com/hook" })).toMatch(
      /HTTPS URL must be provided/,
    );
    expect(await fails(tg, "setWebhook", { url: "https://example.com:3000/" })).toMatch(
      /ports 80, 88, 443 or 8443/,
    );
    expect(await fails(tg, "setWebhook", { url: "https://example.com/", secret_token: "no spaces" })).toMatch(
      /secret token/,
    );
    await ok(tg, "deleteWebhook", {});
    expect(await ok(tg, "getWebhookInfo")).toMatchObject({ url: "" });
  });

  it("refuses a parse mode: the bot sends explicit entities only", async () => {
    for (const parse_mode of ["HTML", "MarkdownV2", "Markdown"]) {
      expect(await fails(tg, "sendMessage", { chat_id: 42, text: "<b>x</b>", parse_mode })).toMatch(
        /unsupported parse_mode/,
      );
    }
    const sent = await ok<Message.TextMessage>(tg, "sendMessage", { chat_id: 42, text: "<b>x</b>" });
    expect(sent.text).toBe("<b>x</b>");
  });

  describe("waitForCall", () => {
    it("finds past and future calls", async () => {
      await ok(tg, "getMe");
      await expect(tg.waitForCall((c) => c.method === "getMe")).resolves.toMatchObject({ method: "getMe" });
      const later = tg.waitForCall((c) => c.method === "sendMessage", 1000);
      setTimeout(() => void tg.handle("sendMessage", { chat_id: 42, text: "later" }), 10);
      expect((await later).result).toMatchObject({ text: "later" });
    });

    it("times out with a list of the calls it saw", async () => {
      await ok(tg, "getMe");
      await call(tg, "sendMessage", { chat_id: 42, text: "" });
      await call(tg, "deleteWebhook", {});
      await call(tg, "deleteWebhook", {});
      await expect(tg.waitForCall((c) => c.method === "answerCallbackQuery", 30)).rejects.toThrow(
        "waitForCall: no matching call within 30 ms. Calls seen (4): getMe, sendMessage (400: Bad Request: message text is empty), deleteWebhook ×2.",
      );
    });
  });

  it("serves queued updates with offset and limit, in memory too", async () => {
    for (let i = 0; i < 3; i++) tg.pushUpdate(updates.message(`m${i}`));
    const all = await ok<{ update_id: number }[]>(tg, "getUpdates", {});
    expect(all).toHaveLength(3);
    const [first, second] = all;
    const two = await ok<unknown[]>(tg, "getUpdates", { offset: (first?.update_id ?? 0) + 1, limit: 1 });
    expect(two).toEqual([expect.objectContaining({ update_id: second?.update_id })]);
    expect(tg.pendingUpdates).toHaveLength(2);
  });
});
