import type { Update } from "grammy/types";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CONVERSATION_WAIT_MS } from "../../../src/bot/create-bot.js";
import { sentencesAbout } from "../../../src/content/person-sentences.js";
import { quotesDialog } from "../../helpers/quotes-dialog.js";
import { createHarness, exchange, type Harness, methods, story, textOf, updates } from "../harness.js";

const trumpQuotes = story.quotesBy.get("trump") ?? [];
const peskovQuotes = story.quotesBy.get("peskov") ?? [];

/** The conversation state stored for the default private chat. */
const stored = (h: Harness) => quotesDialog(h.store).read("42");

async function ask(h: Harness, opts: updates.UpdateOptions = {}) {
  const calls = await h.send(updates.command("/quotes", opts));
  expect(methods(calls)).toEqual(["sendMessage"]);
  return calls;
}

function sticker(): Update {
  const base = updates.message("x");
  const { text: _text, ...rest } = base.message;
  return {
    update_id: base.update_id,
    message: {
      ...rest,
      sticker: {
        file_id: "s",
        file_unique_id: "s",
        type: "regular",
        width: 1,
        height: 1,
        is_animated: false,
        is_video: false,
      },
    },
  } as Update;
}

describe("/quotes asks whose quotes", () => {
  it("with a button per quoted speaker showing their number of quotes, and Cancel", async () => {
    const h = createHarness();
    const [prompt] = await ask(h, { lang: "en" });
    expect(textOf(prompt)).toBe("Whose quotes would you like? Tap a speaker or type a name.");
    const keyboard = prompt?.payload.reply_markup as {
      inline_keyboard: Array<Array<{ text: string; callback_data: string }>>;
    };
    expect(keyboard.inline_keyboard.flat().map((b) => [b.text, b.callback_data])).toEqual([
      ["Dmitry Peskov (2)", "pt.q:peskov"],
      ["Donald Trump (7)", "pt.q:trump"],
      ["✖️ Cancel", "pt.c"],
      ["🏠 Menu", "pt.m"],
    ]);
    expect(await stored(h)).toBeDefined();
  });

  it("keeps the waiting question in a record of its own, apart from the conversations plugin's", async () => {
    const h = createHarness();
    await ask(h);
    expect(await h.store.adapter("conv").read("42")).toBeUndefined();
    expect(await h.store.adapter("question").read("42")).toMatchObject({
      args: { story: expect.any(String) },
    });
    // An answer that needs the conversation's tries enters it: the plugin's record, in its own format.
    await h.send(updates.message("Merkel"));
    expect(await h.store.adapter("question").read("42")).toBeUndefined();
    expect(await h.store.adapter("conv").read("42")).toMatchObject({ version: [0, expect.any(Number)] });
  });

  it("a speaker button answers in place (one answer, one edit) and ends the conversation", async () => {
    const h = createHarness();
    await ask(h);
    const prompt = h.last();
    const calls = await h.press(prompt, "q:trump");
    expect(methods(calls).sort()).toEqual(["answerCallbackQuery", "editMessageText"]);
    const text = h.shown(42, prompt.messageId).text;
    for (const q of trumpQuotes) expect(text).toContain(q.ar);
    expect(await stored(h)).toBeUndefined();
    // Out of the conversation, an unknown name is a search of the story: nothing found, with the menu.
    expect(textOf((await h.send(updates.message("نتنياهو")))[0])).toContain("لا شيء في هذا الخبر يطابق");
  });

  it.each([
    "ترامب",
    "ترمب",
    "trump",
    "TRUMP",
    "تْرَامْب",
    "ترامـــب",
    "دونالد ترامب",
    "الرئيس ترامب",
    "Donald Trump",
  ])("accepts the typed name %j for Trump", async (name) => {
    const h = createHarness();
    await ask(h);
    const calls = await h.send(updates.message(name));
    expect(methods(calls)).toEqual(["sendMessage"]);
    for (const q of trumpQuotes) expect(textOf(calls[0])).toContain(q.ar);
    expect(await stored(h)).toBeUndefined();
  });

  it.each(["بيسكوف", "بسكوف", "peskov", "Peskov", "دميتري بيسكوف"])(
    "accepts the typed name %j for Peskov",
    async (name) => {
      const h = createHarness();
      await ask(h);
      const calls = await h.send(updates.message(name));
      for (const q of peskovQuotes) expect(textOf(calls[0])).toContain(q.ar);
      expect(textOf(calls[0])).toContain("من قسم «المحادثة الهاتفية»");
    },
  );

  it("in the English interface each quote comes in translation (marked once) under its section", async () => {
    const h = createHarness();
    await ask(h, { lang: "en" });
    const [reply] = await h.send(updates.message("peskov", { lang: "en" }));
    for (const q of peskovQuotes) {
      expect(textOf(reply)).not.toContain(q.ar);
      expect(textOf(reply)).toContain(q.en);
    }
    expect(textOf(reply).split("Translated from the Arabic report.")).toHaveLength(2);
    expect(textOf(reply)).toContain("From “The phone call”:");
  });

  it("groups a speaker's quotes under their section: one heading per section, not one per quote", async () => {
    for (const lang of ["ar", "en"] as const) {
      const h = createHarness();
      await ask(h, { lang });
      const [reply] = await h.send(updates.message("ترامب", { lang }));
      const heading = lang === "ar" ? "من قسم «" : "From “";
      const trumpQuotes = story.quotesBy.get("trump") ?? [];
      const sections = new Set(trumpQuotes.map((q) => story.sectionOf.get(q.paragraph)?.id));
      expect(trumpQuotes.length).toBeGreaterThan(sections.size);
      expect(textOf(reply).split(heading).length - 1).toBe(sections.size);
    }
  });

  it.each([
    ["بوتين", "putin"],
    ["زيلينسكي", "zelensky"],
    ["فوجل", "fogel"],
    ["Fogel", "fogel"],
  ])("a person without quotes (%s) gets a clear answer with what the story says", async (name, id) => {
    const h = createHarness();
    await ask(h);
    const [reply] = await h.send(updates.message(name));
    const person = story.people.get(id);
    expect(textOf(reply)).toContain(`لا ينقل الخبر عن ${person?.name.ar} كلاماً مباشراً.`);
    expect(textOf(reply)).toContain(person?.role?.ar);
    // The sentences that name them, not whole paragraphs (see person-sentences.test.ts for the picking).
    const [first] = sentencesAbout(story, id, "ar").picked;
    expect(first).toBeDefined();
    // Shown in quotation marks, cut with "…" (without the sentence's own comma before the cut).
    expect(textOf(reply)).toContain(first?.text.replace(/[.,،؛!؟]+$/u, ""));
    expect(await stored(h)).toBeUndefined();
  });

  it("an unknown name gets 'no one by that name', the speakers and another try; three misses end it politely", async () => {
    const h = createHarness();
    await ask(h);
    const first = await h.send(updates.message("نتنياهو"));
    expect(textOf(first[0])).toContain("لا أحد بهذا الاسم في الخبر.");
    expect(textOf(first[0])).toContain("ينقل الخبر كلام: دميتري بيسكوف، دونالد ترامب.");
    expect(textOf(first[0])).toContain("بقيت لك محاولتان.");
    const second = await h.send(updates.message("Biden"));
    expect(textOf(second[0])).toContain("بقيت لك محاولة واحدة.");
    const third = await h.send(updates.message("xyz"));
    expect(methods(third)).toEqual(["sendMessage"]);
    expect(textOf(third[0])).toContain("لم أجد هذا الاسم بعد ثلاث محاولات");
    expect(await stored(h)).toBeUndefined();
    // Out of the conversation, an unknown name is a search of the story: nothing found, with the menu.
    expect(textOf((await h.send(updates.message("نتنياهو")))[0])).toContain("لا شيء في هذا الخبر يطابق");
  });

  it("a miss then a hit still answers", async () => {
    const h = createHarness();
    await ask(h);
    await h.send(updates.message("nobody"));
    const [reply] = await h.send(updates.message("trump"));
    expect(textOf(reply)).toContain(trumpQuotes[0]?.ar);
  });

  it("a name several people share lets the reader choose", async () => {
    const h = createHarness();
    await ask(h, { lang: "en" });
    const [reply] = await h.send(updates.message("الرئيس", { lang: "en" }));
    expect(textOf(reply)).toBe("More than one person matches that name. Which one do you mean?");
    const choice = h.last();
    expect(choice.buttons.map((b) => b.data)).toEqual(
      expect.arrayContaining(["pt.p:putin", "pt.p:trump", "pt.p:zelensky", "pt.c"]),
    );
    const calls = await h.press(choice, "p:trump", { lang: "en" });
    expect(methods(calls).sort()).toEqual(["answerCallbackQuery", "editMessageText"]);
    expect(h.shown(42, choice.messageId).text).toContain(trumpQuotes[0]?.en);
    expect(await stored(h)).toBeUndefined();
  });

  it("something other than text asks for a name or a button", async () => {
    const h = createHarness();
    await ask(h);
    const calls = await h.send(sticker());
    expect(textOf(calls[0])).toContain("اكتب اسماً أو اختر متحدثاً من الأزرار.");
    expect(await stored(h)).toBeDefined();
  });

  it("/cancel ends it politely", async () => {
    const h = createHarness();
    await ask(h);
    const calls = await h.send(updates.command("/cancel"));
    expect(methods(calls)).toEqual(["sendMessage"]);
    expect(textOf(calls[0])).toBe("أُلغي البحث عن الاقتباسات.");
    expect(h.last().buttons.map((b) => b.data)).toContain("pt.sm");
    expect(await stored(h)).toBeUndefined();
    // Out of the conversation, an unknown name is a search of the story: nothing found, with the menu.
    expect(textOf((await h.send(updates.message("نتنياهو")))[0])).toContain("لا شيء في هذا الخبر يطابق");
  });

  it("the Cancel button ends it in place (one answer, one edit), back to the menu with a toast", async () => {
    const h = createHarness();
    await ask(h);
    const prompt = h.last();
    const calls = await h.press(prompt, "c");
    expect(methods(calls).sort()).toEqual(["answerCallbackQuery", "editMessageText"]);
    expect(calls.find((c) => c.method === "answerCallbackQuery")?.payload.text).toBe(
      "أُلغي البحث عن الاقتباسات.",
    );
    const now = h.shown(42, prompt.messageId);
    expect(now.text).toContain(story.data.title.ar);
    expect(now.buttons.map((b) => b.data)).toContain("pt.sm");
    expect(await stored(h)).toBeUndefined();
  });

  it("a name one edit away gets 'did you mean' as a button that answers the question", async () => {
    const h = createHarness();
    await ask(h);
    await h.send(updates.message("ترانب"));
    const offer = h.last();
    const button = offer.buttons.find((b) => b.text.includes("🔎"));
    expect(button?.data).toBe("pt.p:trump");
    expect(await stored(h)).toBeDefined();
    const calls = await h.press(offer, button?.data ?? "");
    expect(methods(calls).sort()).toEqual(["answerCallbackQuery", "editMessageText"]);
    expect(h.shown(42, offer.messageId).text).toContain(trumpQuotes[0]?.ar);
    expect(await stored(h)).toBeUndefined();
  });

  it("typed words that name no one but that the story holds leave it for a search of the story", async () => {
    const h = createHarness();
    await ask(h);
    const calls = await h.send(updates.message("أوكرانيا"));
    expect(methods(calls)).toEqual(["sendMessage"]);
    expect(textOf(calls[0])).toContain("البحث عن «\u2068أوكرانيا\u2069»");
    expect(await stored(h)).toBeUndefined();
  });

  it("any other command leaves it and works normally", async () => {
    const h = createHarness();
    await ask(h);
    const calls = await h.send(updates.command("/summary"));
    expect(methods(calls)).toEqual(["sendMessage"]);
    expect(textOf(calls[0])).toContain(story.data.summary[0]?.ar);
    expect(await stored(h)).toBeUndefined();
    // Out of the conversation, an unknown name is a search of the story: nothing found, with the menu.
    expect(textOf((await h.send(updates.message("نتنياهو")))[0])).toContain("لا شيء في هذا الخبر يطابق");
  });

  it("/quotes again starts a fresh question", async () => {
    const h = createHarness();
    await ask(h);
    await h.send(updates.message("nobody"));
    const calls = await h.send(updates.command("/quotes"));
    expect(textOf(calls[0])).toBe("اقتباسات مَن تريد؟ اختر متحدثاً أو اكتب اسمه.");
    const again = await h.send(updates.message("nobody"));
    expect(textOf(again[0])).toContain("بقيت لك محاولتان.");
  });

  it("another button leaves it and does what it does anywhere", async () => {
    const h = createHarness();
    await h.send(updates.command("/start"));
    const menu = h.last();
    await ask(h);
    const calls = await h.press(menu, "x");
    expect(methods(calls).sort()).toEqual(["answerCallbackQuery", "editMessageText"]);
    expect(h.shown(42, menu.messageId).text).toContain(exchange.title.ar);
    expect(await stored(h)).toBeUndefined();
  });

  it("the Quotes button of the menu asks in place", async () => {
    const h = createHarness();
    await h.send(updates.command("/start"));
    const menu = h.last();
    const calls = await h.press(menu, "q");
    expect(methods(calls).sort()).toEqual(["answerCallbackQuery", "editMessageText"]);
    expect(h.shown(42, menu.messageId).text).toBe("اقتباسات مَن تريد؟ اختر متحدثاً أو اكتب اسمه.");
    const [reply] = await h.send(updates.message("ترمب"));
    expect(textOf(reply)).toContain(trumpQuotes[0]?.ar);
  });

  it("/quotes <name> answers at once, without a question or stored state", async () => {
    const h = createHarness();
    const calls = await h.send(updates.command("/quotes ترمب"));
    expect(methods(calls)).toEqual(["sendMessage"]);
    expect(textOf(calls[0])).toContain(trumpQuotes[0]?.ar);
    expect(await stored(h)).toBeUndefined();
  });

  it("/quotes <unknown name> says so and waits for another try", async () => {
    const h = createHarness();
    const calls = await h.send(updates.command("/quotes نتنياهو"));
    expect(textOf(calls[0])).toContain("لا أحد بهذا الاسم في الخبر.");
    const [reply] = await h.send(updates.message("بيسكوف"));
    expect(textOf(reply)).toContain(peskovQuotes[0]?.ar);
  });

  it("conversations of two readers do not mix", async () => {
    const h = createHarness();
    await ask(h, { chatId: 1, userId: 1 });
    await ask(h, { chatId: 2, userId: 2 });
    const one = await h.send(updates.message("ترامب", { chatId: 1, userId: 1 }));
    const two = await h.send(updates.message("بيسكوف", { chatId: 2, userId: 2 }));
    expect(one[0]?.payload.chat_id).toBe(1);
    expect(textOf(one[0])).toContain(trumpQuotes[0]?.ar);
    expect(two[0]?.payload.chat_id).toBe(2);
    expect(textOf(two[0])).toContain(peskovQuotes[0]?.ar);
  });
});

describe("the question waits for its first answer as the conversation's wait did", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("for at most CONVERSATION_WAIT_MS: just before, a name answers; from then on, a message is not an answer", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const h = createHarness();
    await ask(h);
    vi.setSystemTime(Date.now() + CONVERSATION_WAIT_MS - 1000);
    const [reply] = await h.send(updates.message("ترامب"));
    expect(textOf(reply)).toContain(trumpQuotes[0]?.ar);

    await ask(h);
    vi.setSystemTime(Date.now() + CONVERSATION_WAIT_MS);
    const late = await h.send(updates.message("نتنياهو"));
    expect(methods(late)).toEqual(["sendMessage"]);
    expect(textOf(late[0])).toContain("لا شيء في هذا الخبر يطابق");
    expect(await stored(h)).toBeUndefined();
  });

  it("past the limit, /cancel still finds it in progress (until an update ends it)", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const h = createHarness();
    await ask(h);
    vi.setSystemTime(Date.now() + CONVERSATION_WAIT_MS + 60_000);
    const calls = await h.send(updates.command("/cancel"));
    expect(textOf(calls[0])).toBe("أُلغي البحث عن الاقتباسات.");
    expect(await stored(h)).toBeUndefined();
  });

  it("an edit passes it by and it keeps waiting: the next name still answers", async () => {
    const h = createHarness();
    await ask(h);
    await h.send(updates.editedMessage("x"));
    expect(await stored(h)).toBeDefined();
    const [reply] = await h.send(updates.message("trump"));
    expect(textOf(reply)).toContain(trumpQuotes[0]?.ar);
    expect(await stored(h)).toBeUndefined();
  });

  it("a Quotes button of its story (here the menu's) answers the press and keeps it waiting", async () => {
    const h = createHarness();
    await h.send(updates.command("/start"));
    const menu = h.last();
    await ask(h);
    const calls = await h.press(menu, "q");
    expect(methods(calls)).toEqual(["answerCallbackQuery"]);
    // It already shows the question: a plain answer, no notice.
    expect(calls[0]?.payload.text).toBeUndefined();
    expect(await stored(h)).toBeDefined();
    const [reply] = await h.send(updates.message("بيسكوف"));
    expect(textOf(reply)).toContain(peskovQuotes[0]?.ar);
  });

  it.each([
    ["waiting for its first answer", false],
    ["after a miss", true],
  ])(
    "a button for someone the story does not have, %s, gets the stale notice and it keeps waiting",
    async (_, miss) => {
      const h = createHarness();
      await ask(h, { lang: "en" });
      const prompt = h.last();
      if (miss) await h.send(updates.message("nobody", { lang: "en" }));
      const calls = await h.press(prompt, "q:nobody", { lang: "en" });
      expect(methods(calls)).toEqual(["answerCallbackQuery"]);
      expect(calls[0]?.payload.text).toBe("This button has expired. Open the menu again.");
      expect(await stored(h)).toBeDefined();
      const [reply] = await h.send(updates.message("peskov", { lang: "en" }));
      expect(textOf(reply)).toContain(peskovQuotes[0]?.en);
    },
  );

  it("/quotes while a conversation runs asks anew and the question waits", async () => {
    const h = createHarness();
    await ask(h);
    await h.send(updates.message("nobody"));
    await ask(h);
    expect(await stored(h)).toBeDefined();
    const [reply] = await h.send(updates.message("ترامب"));
    expect(textOf(reply)).toContain(trumpQuotes[0]?.ar);
    expect(await stored(h)).toBeUndefined();
  });
});
