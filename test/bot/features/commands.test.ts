import { describe, expect, it } from "vitest";
import { FSI, PDI } from "../../../src/bot/render/bidi.js";
import { createHarness, exchange, methods, story, textOf, updates } from "../harness.js";

const buttonsOf = (call: { payload: Record<string, unknown> } | undefined): string[] => {
  const markup = call?.payload.reply_markup as
    | { inline_keyboard?: Array<Array<{ callback_data?: string }>> }
    | undefined;
  return markup?.inline_keyboard?.flat().map((b) => b.callback_data ?? "") ?? [];
};

describe("commands cost one send each and show their screen", () => {
  it("/start greets, gives the title and standfirst, and the main menu", async () => {
    const h = createHarness();
    const calls = await h.send(updates.command("/start"));
    expect(methods(calls)).toEqual(["sendMessage"]);
    expect(textOf(calls[0])).toContain(story.data.title.ar);
    expect(textOf(calls[0])).toContain(story.data.standfirst.ar);
    // Two columns, each row mirrored for the Arabic interface: the first in reading order on the right.
    expect(buttonsOf(calls[0])).toEqual([
      "pt.f:ar",
      "pt.sm",
      "pt.q",
      "pt.t",
      "pt.p",
      "pt.k:exchange",
      "pt.h",
      "pt.l",
      "pt.fo",
    ]);
  });

  it.each([
    ["/summary", story.data.summary[0]?.ar ?? "", ["pt.f:ar", "pt.q:~sm", "pt.m"]],
    ["/full", story.data.sections[0]?.paragraphs[0]?.ar ?? "", ["pt.t", "pt.m"]],
    [
      "/sections",
      story.data.sections[3]?.title?.ar ?? "",
      ["pt.s:call", "pt.s:trump-statement", "pt.s:exchange", "pt.s:background", "pt.m"],
    ],
    [
      "/exchange",
      exchange.groups[0]?.facts[0]?.text.ar ?? "",
      ["pt.ks:exchange", "pt.q:~k:exchange", "pt.m"],
    ],
    ["/people", story.people.get("vinnik")?.role?.ar ?? "", ["pt.p:putin"]],
    ["/language", "اختر لغة الواجهة", ["pt.l:ar", "pt.l:en", "pt.m"]],
    ["/help", `${FSI}/quotes${PDI}`, ["pt.m"]],
    ["/quotes trump", story.quotesBy.get("trump")?.[6]?.ar ?? "", ["pt.q:peskov", "pt.p", "pt.m"]],
  ])("%s", async (command, expected, buttons) => {
    const h = createHarness();
    const calls = await h.send(updates.command(command));
    expect(methods(calls)).toEqual(["sendMessage"]);
    expect(textOf(calls[0])).toContain(expected);
    expect(buttonsOf(calls[0])).toEqual(expect.arrayContaining(buttons));
    expect(h.tg.violations).toEqual([]);
  });

  it("/cancel with nothing in progress says so", async () => {
    const h = createHarness();
    const calls = await h.send(updates.command("/cancel"));
    expect(methods(calls)).toEqual(["sendMessage"]);
    expect(textOf(calls[0])).toBe("لا شيء لإلغائه.");
  });

  it("/full in the English interface opens the translation and offers the original", async () => {
    const h = createHarness();
    const calls = await h.send(updates.command("/full", { lang: "en-US" }));
    expect(buttonsOf(calls.at(-1))).toContain("pt.f:ar");
  });
});

describe("deep links open a screen directly", () => {
  it.each([
    ["summary", story.data.summary[1]?.ar ?? ""],
    // The full text's first page (a phone screen at a time).
    ["full", story.data.sections[0]?.paragraphs[1]?.ar ?? ""],
    ["full-en", story.data.sections[0]?.paragraphs[1]?.en ?? ""],
    ["exchange", exchange.groups[1]?.facts[0]?.text.ar ?? ""],
    ["sections", story.data.sections[1]?.title?.ar ?? ""],
    ["section-exchange", story.data.sections[2]?.paragraphs[3]?.ar ?? ""],
    ["quotes-peskov", story.quotesBy.get("peskov")?.[1]?.ar ?? ""],
    ["person-fogel", story.people.get("fogel")?.role?.ar ?? ""],
    ["people", story.people.get("witkoff")?.role?.ar ?? ""],
  ])("/start %s", async (payload, expected) => {
    const h = createHarness();
    const calls = await h.send(updates.command(`/start ${payload}`));
    expect(methods(calls)).toEqual(["sendMessage"]);
    expect(textOf(calls[0])).toContain(expected);
  });

  it("/start quotes asks whose quotes, as /quotes does", async () => {
    const h = createHarness();
    const calls = await h.send(updates.command("/start quotes"));
    expect(textOf(calls[0])).toContain("اقتباسات مَن تريد؟");
    expect(h.tg.callsTo("sendMessage")).toHaveLength(1);
  });

  it.each(["nope", "section-nowhere", "quotes-nobody", "person-", "__proto__", "a".repeat(64)])(
    "an unknown payload %j gets the normal start",
    async (payload) => {
      const h = createHarness();
      const calls = await h.send(updates.command(`/start ${payload}`));
      expect(methods(calls)).toEqual(["sendMessage"]);
      expect(textOf(calls[0])).toContain(story.data.standfirst.ar);
    },
  );
});

describe("language", () => {
  it("follows Telegram's language_code until the reader chooses", async () => {
    const h = createHarness();
    expect(textOf((await h.send(updates.command("/help", { lang: "ar-EG" })))[0])).toContain("المساعدة");
    expect(textOf((await h.send(updates.command("/help", { lang: "fr" })))[0])).toContain("Help");
    expect(textOf((await h.send(updates.command("/help", { lang: "en-GB" })))[0])).toContain("Help");
  });

  it("uses the default language for a client that sends none", async () => {
    expect(textOf((await createHarness().send(updates.command("/help", { lang: null })))[0])).toContain(
      "المساعدة",
    );
    const en = createHarness({ defaultLang: "en" });
    expect(textOf((await en.send(updates.command("/help", { lang: null })))[0])).toContain("Help");
  });

  it("remembers the reader's choice across chats, over their client's language", async () => {
    const h = createHarness();
    await h.send(updates.command("/language", { lang: "ar" }));
    const answer = await h.press(h.last(), "l:en", { lang: "ar" });
    expect(methods(answer).sort()).toEqual(["answerCallbackQuery", "editMessageText"]);
    expect(answer.find((c) => c.method === "answerCallbackQuery")?.payload.text).toBe(
      "The interface is now in English.",
    );
    expect(textOf(answer.find((c) => c.method === "editMessageText"))).toContain(story.data.title.en);
    const later = await h.send(updates.command("/summary", { lang: "ar" }));
    expect(textOf(later[0])).toContain(story.data.summary[0]?.en);
    const inGroup = await h.send(updates.groupCommand("/summary", { lang: "ar" }));
    expect(textOf(inGroup[0])).toContain(story.data.summary[0]?.en);
  });
});

describe("other input", () => {
  it("plain text in a private chat is a question to the story: nothing found says so, with the menu", async () => {
    const h = createHarness();
    const calls = await h.send(updates.message("مرحبا"));
    expect(methods(calls)).toEqual(["sendMessage"]);
    expect(textOf(calls[0])).toContain("لا شيء في هذا الخبر يطابق «\u2068مرحبا\u2069».");
    expect(buttonsOf(calls[0])).toContain("pt.sm");
  });

  it("an unknown command in a private chat gets a hint that typing searches, and the menu", async () => {
    const calls = await createHarness().send(updates.command("/weather"));
    expect(textOf(calls[0])).toContain("اكتب اسماً أو بضع كلمات لأبحث عنها في الخبر");
    expect(buttonsOf(calls[0])).toContain("pt.sm");
  });

  it("in groups the bot answers commands meant for it and stays quiet otherwise", async () => {
    const h = createHarness();
    expect(methods(await h.send(updates.groupCommand("/summary")))).toEqual(["sendMessage"]);
    expect(methods(await h.send(updates.groupCommand("/summary@khabar_test_bot")))).toEqual(["sendMessage"]);
    expect(await h.send(updates.groupCommand("/summary@other_bot"))).toEqual([]);
    expect(await h.send(updates.groupMessage("hello everyone"))).toEqual([]);
    expect(await h.send(updates.groupCommand("/weather"))).toEqual([]);
    expect(await h.send(updates.groupMessage("مرحبا", { chatType: "group" }))).toEqual([]);
  });

  it("in groups /quotes offers speaker buttons without a conversation", async () => {
    const h = createHarness();
    const calls = await h.send(updates.groupCommand("/quotes"));
    // Under the short question the two names do not fit side by side: one per row, in reading order.
    expect(buttonsOf(calls[0])).toEqual(["pt.q:peskov", "pt.q:trump", "pt.m"]);
    // The bot doesn't wait for a typed name in a group: the next message is ignored.
    expect(await h.send(updates.groupMessage("ترامب"))).toEqual([]);
    const named = await h.send(updates.groupCommand("/quotes بيسكوف"));
    expect(textOf(named[0])).toContain(story.quotesBy.get("peskov")?.[0]?.ar);
    const unknown = await h.send(updates.groupCommand("/quotes نتنياهو"));
    expect(textOf(unknown[0])).toContain("لا أحد بهذا الاسم في الخبر.");
  });

  it("channel posts, edits, inline queries and sender-less updates change nothing and send nothing but an inline answer", async () => {
    const h = createHarness();
    const before = await h.store.adapter("session").read("42");
    expect(await h.send(updates.channelPost("/start"))).toEqual([]);
    expect(await h.send(updates.editedMessage("/start"))).toEqual([]);
    expect(methods(await h.send(updates.inlineQuery("trump")))).toEqual(["answerInlineQuery"]);
    expect(
      await h.send(updates.command("/start", { from: false, chatType: "supergroup", chatId: -100 })),
    ).toEqual([]);
    expect(await h.send(updates.myChatMember("kicked"))).toEqual([]);
    expect(await h.store.adapter("session").read("42")).toEqual(before);
    expect(await h.store.adapter("conv").read("undefined")).toBeUndefined();
  });
});
