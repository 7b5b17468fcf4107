/**
 * Issue 20, Build 6: Guest Mode. A mention of the bot in a chat it is not in is answered once, through
 * answerGuestQuery, with the article inline mode gives for the same words, and its "Read the story" button;
 * rate-limited like inline queries, reading and writing no reader state.
 */
import type { InlineQueryResultArticle } from "grammy/types";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { createBot } from "../../../src/bot/create-bot.js";
import { fixedCatalog } from "../../../src/content/library.js";
import { createMemoryFollowStore } from "../../../src/push/memory-follow-store.js";
import { createMemoryStore } from "../../../src/storage/index.js";
import { ALLOWED_UPDATES } from "../../../src/updates/running.js";
import { createTestBotOptions } from "../../helpers/fake-fetch.js";
import { FAKE_BOT_TOKEN, FakeTelegram } from "../../helpers/fake-telegram.js";
import { createHarness, type Harness, methods, story, updates } from "../harness.js";

const BOT = "@khabar_test_bot";
const bare = (text: string) => text.replace(/[\u200e\u200f\u2066-\u2069]/gu, "");

/** Mentions the bot as a guest; returns the one result it answered with. */
async function mention(h: Harness, text: string, lang: "ar" | "en"): Promise<InlineQueryResultArticle> {
  const update = updates.guestMessage(text, { lang });
  const calls = await h.send(update);
  expect(methods(calls)).toEqual(["answerGuestQuery"]);
  expect(calls[0]?.payload.guest_query_id).toBe(update.guest_message.guest_query_id);
  expect(h.tg.answeredGuestQueries.get(update.guest_message.guest_query_id ?? "")).toBe(1);
  expect(h.tg.violations).toEqual([]);
  return calls[0]?.payload.result as unknown as InlineQueryResultArticle;
}

/** The first result inline mode gives for the same words. */
async function inlineFirst(h: Harness, query: string, lang: "ar" | "en"): Promise<InlineQueryResultArticle> {
  const [call] = await h.send(updates.inlineQuery(query, { lang }));
  const results = (call?.payload.results ?? []) as InlineQueryResultArticle[];
  const [first] = results;
  if (first === undefined) throw new Error(`no inline result for ${query}`);
  return first;
}

const textOfResult = (r: InlineQueryResultArticle) =>
  bare("message_text" in r.input_message_content ? r.input_message_content.message_text : "");
const readButton = (r: InlineQueryResultArticle) => r.reply_markup?.inline_keyboard.flat()[0];

describe.each(["ar", "en"] as const)("a guest mention (%s)", (lang) => {
  it("of a passage gets inline mode's first result for those words, with the Read the story button", async () => {
    const h = createHarness();
    const words = lang === "ar" ? "بنسلفانيا" : "Pennsylvania";
    const guest = await mention(h, `${BOT} ${words}`, lang);
    const inline = await inlineFirst(h, words, lang);
    expect(guest).toEqual(inline);
    const read = readButton(guest);
    expect(read && "url" in read ? read.url : "").toMatch(/^https:\/\/t\.me\/khabar_test_bot\?start=pt_/u);
    expect(bare(read?.text ?? "")).toBe(lang === "ar" ? "📖 اقرأ الخبر" : "📖 Read the story");
  });

  it("of a name gets that person's quotes in one message", async () => {
    const h = createHarness();
    const guest = await mention(h, `${BOT} ${lang === "ar" ? "بيسكوف" : "Peskov"}`, lang);
    const text = textOfResult(guest);
    for (const quote of story.quotesBy.get("peskov") ?? [])
      expect(text).toContain((quote[lang] ?? "").slice(-40));
    expect(guest.id).toBe("pt.qs:peskov");
  });

  it("bare, or with the name before the mention, answers with the story's first headline item", async () => {
    const h = createHarness();
    const bareMention = await mention(h, BOT, lang);
    const inline = await inlineFirst(h, "", lang);
    expect(bareMention).toEqual(inline);
    expect(bareMention.id).toBe("pt.sm");
    const after = await mention(h, `ترامب ${BOT}`, lang);
    expect(after.id).toBe("pt.qs:trump");
  });

  it("that matches nothing says so, with the way into the bot", async () => {
    const h = createHarness();
    const guest = await mention(h, `${BOT} zzqxw`, lang);
    expect(textOfResult(guest)).toContain("zzqxw");
    expect(textOfResult(guest)).toContain(
      lang === "ar" ? "لا شيء في هذا الخبر يطابق" : "Nothing in this story matches",
    );
    expect(readButton(guest)).toBeDefined();
  });
});

describe("guest messages", () => {
  it("read and write no reader state", async () => {
    const store = createMemoryStore();
    const h = createHarness({ store });
    await mention(h, `${BOT} ترامب`, "ar");
    expect(await store.adapter("session").read("42")).toBeUndefined();
    expect(await store.adapter("chat").read(String(-1005550001))).toBeUndefined();
  });

  it("are rate-limited like inline queries, and still answered once each", async () => {
    const tg = new FakeTelegram();
    const { bot } = createBot({
      token: FAKE_BOT_TOKEN,
      stories: fixedCatalog([story]),
      store: createMemoryStore(),
      follows: createMemoryFollowStore(),
      logger: pino({ level: "silent" }),
      defaultLang: "en",
      botConfig: createTestBotOptions(tg),
      inline: { limit: 2, timeFrameMs: 60_000 },
    });
    const results: string[] = [];
    for (let i = 0; i < 3; i++) {
      const update = updates.guestMessage(`${BOT} war`, { lang: "en" });
      await tg.deliver(bot, update);
      expect(tg.answeredGuestQueries.get(update.guest_message.guest_query_id ?? "")).toBe(1);
      results.push(
        String((tg.guestAnswer(update.guest_message.guest_query_id ?? "") as { id?: string })?.id),
      );
    }
    expect(results.slice(0, 2)).not.toContain("slow");
    expect(results[2]).toBe("slow");
  });

  it("are asked for in allowed_updates (polling and webhook share the list)", () => {
    expect(ALLOWED_UPDATES).toContain("guest_message");
  });
});
