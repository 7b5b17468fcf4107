import { Bot, GrammyError, HttpError } from "grammy";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ERRORS, FAKE_BOT_TOKEN } from "../../../src/preview/telegram-model/index.js";
import { BOT_INFO, createFakeFetch, createTestBotOptions } from "../../helpers/fake-fetch.js";
import { FakeTelegram } from "../../helpers/fake-telegram.js";
import * as updates from "../../helpers/updates.js";

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
