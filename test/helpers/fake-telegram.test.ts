import { beforeEach, describe, expect, it } from "vitest";
import { call, ok } from "../preview/telegram-model/call.js";
import { FakeTelegram } from "./fake-telegram.js";
import * as updates from "./updates.js";

describe("FakeTelegram faults", () => {
  let tg: FakeTelegram;
  beforeEach(() => {
    tg = new FakeTelegram();
    updates.resetUpdateIds();
  });

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
