import { Bot, GrammyError, HttpError } from "grammy";
import type { Message } from "grammy/types";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { BOT_INFO, createFakeFetch, createTestBotOptions } from "./fake-fetch.js";
import { type ApiResponse, ERRORS, FAKE_BOT_TOKEN, FakeTelegram } from "./fake-telegram.js";
import * as updates from "./updates.js";

/** Calls the core directly and returns the response body (these tests never inject drops). */
async function call(
  tg: FakeTelegram,
  method: string,
  payload: Record<string, unknown> = {},
): Promise<ApiResponse> {
  const outcome = await tg.handle(method, payload);
  if (outcome.kind !== "response") throw new Error(`${method} was dropped`);
  return outcome.body;
}

async function ok<T = unknown>(
  tg: FakeTelegram,
  method: string,
  payload: Record<string, unknown> = {},
): Promise<T> {
  const body = await call(tg, method, payload);
  if (!body.ok) throw new Error(`${method} failed: ${body.description}`);
  return body.result as T;
}

async function fails(tg: FakeTelegram, method: string, payload: Record<string, unknown>): Promise<string> {
  const body = await call(tg, method, payload);
  if (body.ok) throw new Error(`${method} unexpectedly succeeded`);
  return body.description;
}

const button = (callback_data: string) => ({ inline_keyboard: [[{ text: "go", callback_data }]] });

describe("FakeTelegram core", () => {
  let tg: FakeTelegram;
  beforeEach(() => {
    tg = new FakeTelegram();
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
    const custom = new FakeTelegram({ botInfo: { username: "other_bot" } });
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

  describe("parse modes", () => {
    it("parses HTML into entities and rejects broken markup", async () => {
      const sent = await ok<Message.TextMessage>(tg, "sendMessage", {
        chat_id: 42,
        text: '<b>Bold</b> &lt;x&gt; <a href="https://e.com/?a=1&amp;b=2">link</a>',
        parse_mode: "HTML",
      });
      expect(sent.text).toBe("Bold <x> link");
      expect(sent.entities).toEqual([
        { type: "bold", offset: 0, length: 4 },
        { type: "text_link", offset: 9, length: 4, url: "https://e.com/?a=1&b=2" },
      ]);
      const send = (text: string) => fails(tg, "sendMessage", { chat_id: 42, text, parse_mode: "HTML" });
      expect(await send("a < b")).toMatch(/can't parse entities: Unsupported start tag ""/);
      expect(await send("<b>open")).toMatch(/Can't find end tag corresponding to start tag "b"/);
      expect(await send("<b><i>x</b></i>")).toMatch(/Unmatched end tag/);
      expect(await send("<b></b>")).toBe(ERRORS.textEmpty);
      const code = await ok<Message.TextMessage>(tg, "sendMessage", {
        chat_id: 42,
        text: '<pre><code class="language-ts">let a = 1 &lt; 2;</code></pre>',
        parse_mode: "HTML",
      });
      expect(code.entities).toEqual([{ type: "pre", offset: 0, length: 14, language: "ts" }]);
      // The limit applies after parsing: 4096 letters wrapped in tags fit.
      await ok(tg, "sendMessage", { chat_id: 42, text: `<b>${"a".repeat(4096)}</b>`, parse_mode: "HTML" });
    });

    it("parses MarkdownV2 and rejects unescaped reserved characters", async () => {
      const sent = await ok<Message.TextMessage>(tg, "sendMessage", {
        chat_id: 42,
        text: "*bold* _it_ [link](https://e.com) 1\\.5",
        parse_mode: "MarkdownV2",
      });
      expect(sent.text).toBe("bold it link 1.5");
      expect(sent.entities).toEqual([
        { type: "bold", offset: 0, length: 4 },
        { type: "italic", offset: 5, length: 2 },
        { type: "text_link", offset: 8, length: 4, url: "https://e.com" },
      ]);
      expect(await fails(tg, "sendMessage", { chat_id: 42, text: "1.5", parse_mode: "MarkdownV2" })).toBe(
        "Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'",
      );
      expect(
        await fails(tg, "sendMessage", { chat_id: 42, text: "*open", parse_mode: "MarkdownV2" }),
      ).toMatch(/Can't find end of Bold entity/);
    });
  });

  describe("faults", () => {
    it("injects 429 with retry_after, then recovers", async () => {
      tg.inject({ method: "sendMessage", fault: { kind: "error", error_code: 429, retry_after: 3 } });
      expect(await call(tg, "sendMessage", { chat_id: 42, text: "x" })).toEqual({
        ok: false,
        error_code: 429,
        description: "Too Many Requests: retry after 3",
        parameters: { retry_after: 3 },
      });
      expect((await call(tg, "sendMessage", { chat_id: 42, text: "x" })).ok).toBe(true);
      expect(tg.faultsInjected).toBe(1);
      expect(tg.violations).toEqual([]);
      expect(tg.callsTo("sendMessage")[0]).toMatchObject({ fault: "error", error: { error_code: 429 } });
      // Injected failures never reach the model: nothing was sent by the failed call.
      expect(tg.sent()).toHaveLength(1);
    });

    it("matches by method pattern and chat, for a number of times", async () => {
      tg.inject({
        method: /^send/,
        chatId: 7,
        times: 2,
        fault: { kind: "error", error_code: 500, description: "Internal Server Error" },
      });
      expect((await call(tg, "sendMessage", { chat_id: 8, text: "x" })).ok).toBe(true);
      expect(await call(tg, "sendMessage", { chat_id: 7, text: "x" })).toMatchObject({ error_code: 500 });
      expect(await call(tg, "sendChatAction", { chat_id: 7, action: "typing" })).toMatchObject({
        error_code: 500,
      });
      expect((await call(tg, "sendMessage", { chat_id: 7, text: "x" })).ok).toBe(true);
      tg.inject({ chatId: 9, times: Number.POSITIVE_INFINITY, fault: { kind: "error", error_code: 403 } });
      for (let i = 0; i < 3; i++) {
        expect(await call(tg, "sendMessage", { chat_id: 9, text: "x" })).toMatchObject({
          error_code: 403,
          description: "Forbidden: bot was blocked by the user",
        });
      }
      tg.clearFaults();
      expect((await call(tg, "sendMessage", { chat_id: 9, text: "x" })).ok).toBe(true);
      expect(tg.faultsInjected).toBe(5);
    });

    it("drops and delays calls; latencyMs slows every call", async () => {
      tg.inject({ method: "getMe", fault: { kind: "drop" } });
      expect(await tg.handle("getMe", {})).toEqual({ kind: "drop" });
      expect(tg.callsTo("getMe")[0]).toMatchObject({ dropped: true, fault: "drop" });

      tg.inject({ method: "getMe", fault: { kind: "delay", ms: 60 } });
      let started = performance.now();
      expect(await ok(tg, "getMe")).toMatchObject({ id: 1000 });
      expect(performance.now() - started).toBeGreaterThanOrEqual(55);

      tg.latencyMs = 40;
      started = performance.now();
      await ok(tg, "getMe");
      expect(performance.now() - started).toBeGreaterThanOrEqual(35);
    });

    it("aborts a delayed call when the signal fires", async () => {
      tg.inject({ fault: { kind: "delay", ms: 10_000 } });
      const controller = new AbortController();
      const pending = tg.handle("getMe", {}, { signal: controller.signal });
      setTimeout(() => controller.abort(), 10);
      await expect(pending).rejects.toMatchObject({ name: "AbortError" });
      expect(tg.calls[0]).toMatchObject({ aborted: true });
    });
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

describe("updates factories", () => {
  beforeEach(() => updates.resetUpdateIds());

  it("build a reader's private message with increasing ids", () => {
    const a = updates.message("hello");
    const b = updates.message("again");
    expect(a.update_id).toBe(1);
    expect(b.update_id).toBe(2);
    expect(a.message).toMatchObject({
      chat: { id: 42, type: "private", first_name: "Reader" },
      from: { id: 42, is_bot: false, first_name: "Reader", language_code: "ar" },
      text: "hello",
    });
    expect(updates.message("x", { lang: null }).message.from?.language_code).toBeUndefined();
    expect(updates.message("x", { from: false }).message.from).toBeUndefined();
    expect(updates.message("x", { updateId: 100 }).update_id).toBe(100);
    expect(updates.message("x").update_id).toBe(101);
  });

  it("mark commands, including /cmd@botname", () => {
    const plain = updates.command("/quotes trump");
    expect(plain.message.entities).toEqual([{ type: "bot_command", offset: 0, length: 7 }]);
    const addressed = updates.groupCommand("/quotes@khabar_test_bot trump");
    expect(addressed.message.entities).toEqual([{ type: "bot_command", offset: 0, length: 23 }]);
    expect(addressed.message.chat).toMatchObject({ type: "supergroup", id: -1001234567890 });
    expect(() => updates.command("quotes")).toThrow(/does not start with a \/command/);
  });

  it("build callback queries on a bot message or an inline message", () => {
    const onMessage = updates.callback("p:2", { messageId: 5 });
    expect(onMessage.callback_query).toMatchObject({
      data: "p:2",
      from: { id: 42 },
      message: { message_id: 5, from: { id: 1000, is_bot: true }, chat: { id: 42 } },
    });
    const inline = updates.callback("p:3", { inlineMessageId: "AAA" });
    expect(inline.callback_query.inline_message_id).toBe("AAA");
    expect(inline.callback_query.message).toBeUndefined();
    expect(inline.callback_query.id).not.toBe(onMessage.callback_query.id);
  });

  it("build the other update kinds", () => {
    expect(updates.inlineQuery("trump").inline_query).toMatchObject({ query: "trump", from: { id: 42 } });
    expect(updates.editedMessage("fixed").edited_message).toMatchObject({ text: "fixed" });
    const post = updates.channelPost("news").channel_post;
    expect(post).toMatchObject({ chat: { type: "channel" }, text: "news" });
    expect(post && "from" in post).toBe(false);
    expect(updates.groupMessage("hi", { chatType: "group" }).message.chat).toMatchObject({
      type: "group",
      id: -123456789,
    });
    expect(updates.myChatMember("kicked").my_chat_member).toMatchObject({
      chat: { type: "private" },
      old_chat_member: { status: "member" },
      new_chat_member: { status: "kicked", user: { id: 1000 } },
    });
  });
});

describe("createFakeFetch with grammY", () => {
  let tg: FakeTelegram;
  beforeEach(() => {
    tg = new FakeTelegram();
    updates.resetUpdateIds();
  });

  it("lets a bot reply to a command", async () => {
    const bot = new Bot(FAKE_BOT_TOKEN, createTestBotOptions(tg));
    bot.command("start", (ctx) => ctx.reply("hi"));
    await bot.handleUpdate(updates.command("/start", { chatId: 42 }));
    expect(tg.sent()).toHaveLength(1);
    expect(tg.sent()[0]).toMatchObject({ text: "hi", chat: { id: 42, type: "private" } });
    expect(tg.callsTo("sendMessage")[0]?.payload).toEqual({ chat_id: 42, text: "hi" });
    expect(tg.callsTo("getMe")).toHaveLength(0); // botInfo was given
  });

  it("surfaces a 400 as GrammyError with Telegram's description", async () => {
    const bot = new Bot(FAKE_BOT_TOKEN, { botInfo: BOT_INFO, client: { fetch: createFakeFetch(tg) } });
    const error = await bot.api.sendMessage(42, "x".repeat(4097)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrammyError);
    expect(error).toMatchObject({ error_code: 400, description: ERRORS.tooLong, method: "sendMessage" });

    tg.inject({ method: "sendMessage", fault: { kind: "error", error_code: 429, retry_after: 5 } });
    const limited = await bot.api.sendMessage(42, "x").catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(GrammyError);
    expect(limited).toMatchObject({ error_code: 429, parameters: { retry_after: 5 } });
  });

  it("surfaces a dropped connection as HttpError", async () => {
    const bot = new Bot(FAKE_BOT_TOKEN, createTestBotOptions(tg));
    tg.inject({ method: "sendMessage", fault: { kind: "drop" } });
    const error = await bot.api.sendMessage(42, "x").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(tg.sent()).toHaveLength(0);
  });

  it("delivers a callback query the bot can edit and answer exactly once", async () => {
    const bot = new Bot(FAKE_BOT_TOKEN, createTestBotOptions(tg));
    bot.callbackQuery(/^p:(\d+)$/, async (ctx) => {
      await ctx.editMessageText(`Page ${ctx.match[1]}`);
      await ctx.answerCallbackQuery();
    });
    const press = updates.callback("p:2", { messageId: 5, messageText: "Page 1" });
    await tg.deliver(bot, press);
    expect(tg.getMessage(42, 5)).toMatchObject({ text: "Page 2" });
    expect(tg.answeredCallbackQueries.get(press.callback_query.id)).toBe(1);
    expect(tg.violations).toEqual([]);
    // Pressing the same button again would re-send the same text: Telegram refuses, and so does the fake.
    const again = updates.callback("p:2", { messageId: 5 });
    await expect(tg.deliver(bot, again)).rejects.toThrow(/message is not modified/);
  });

  it("rejects file uploads clearly", async () => {
    const fakeFetch = createFakeFetch(tg);
    await expect(
      fakeFetch("https://api.telegram.org/botX/sendPhoto", { method: "POST", body: new Uint8Array([1]) }),
    ).rejects.toThrow(/only models JSON calls/);
  });

  it("supports long polling in-process, and bot.stop() aborts the pending poll", async () => {
    const bot = new Bot(FAKE_BOT_TOKEN, createTestBotOptions(tg));
    bot.command("start", (ctx) => ctx.reply("polled"));
    tg.pushUpdate(updates.command("/start"));
    const running = bot.start({ timeout: 30 });
    await tg.waitForCall((c) => c.method === "sendMessage", 2000);
    // Wait until the next long poll is pending, then stop: it must end at once, not after 30 s.
    await vi.waitFor(() => expect(tg.isPolling).toBe(true), { timeout: 2000, interval: 5 });
    const started = performance.now();
    await bot.stop();
    await running;
    expect(performance.now() - started).toBeLessThan(1000);
    expect(tg.sent()[0]?.text).toBe("polled");
    expect(tg.callsTo("deleteWebhook")).toHaveLength(1);
    expect(tg.pendingUpdates).toHaveLength(0); // stop() confirmed the update with its final offset
    expect(tg.calls.some((c) => c.aborted)).toBe(true);
  });
});
