/**
 * Issue 9: typed text is a question to the story. Every input of the typed-input table goes through the
 * bot (bot.handleUpdate with the fake Bot API) in both interface languages, and the kind of screen that
 * comes back is read from what the reader sees: a person's screen (or the choice between several people),
 * search results, a "did you mean" offer, or "nothing found".
 */
import type { InlineKeyboardMarkup, MessageEntity } from "grammy/types";
import { describe, expect, it } from "vitest";
import { renderRoute } from "../../../src/bot/render/screens/index.js";
import { decodeTarget } from "../../../src/bot/routes.js";
import type { Lang } from "../../../src/content/schema.js";
import type { ApiCall } from "../../helpers/fake-telegram.js";
import { quotesDialog } from "../../helpers/quotes-dialog.js";
import { type AnswerKind, TYPED_INPUTS } from "../../text/typed-inputs.js";
import { createHarness, type Harness, methods, story, textOf, updates } from "../harness.js";

const WORDING = {
  ar: { found: "البحث عن «", none: "لا شيء في هذا الخبر يطابق", near: "هل تقصد:", many: "أكثر من شخص" },
  en: {
    found: "Search for “",
    none: "Nothing in this story matches",
    near: "Did you mean:",
    many: "More than one person",
  },
} as const;

interface Seen {
  kind: AnswerKind | "other";
  people?: string[];
  suggests?: string;
}

function buttons(call: ApiCall | undefined) {
  const markup = call?.payload.reply_markup as InlineKeyboardMarkup | undefined;
  return (markup?.inline_keyboard.flat() ?? []).map((b) => ({
    // Arabic labels that start with an emoji carry a right-to-left mark first.
    text: b.text.replace(/^\u200f/u, ""),
    route: decodeTarget("callback_data" in b ? (b.callback_data ?? "") : "")?.route,
  }));
}

/** What kind of answer a reply is, judged by what the reader sees. */
function kindOf(h: Harness, lang: Lang, call: ApiCall | undefined): Seen {
  const text = textOf(call);
  const words = WORDING[lang];
  if (text.startsWith(words.found) || text.startsWith(`\u200f${words.found}`)) return { kind: "search" };
  if (text.includes(words.none)) {
    if (!text.includes(words.near)) return { kind: "nothing" };
    const offer = buttons(call).find((b) => b.text.startsWith("🔎"));
    if (offer?.route?.to === "person") return { kind: "suggestion", suggests: offer.route.id };
    const label = offer?.text.replace(/[\u2068\u2069]/gu, "") ?? "";
    return { kind: "suggestion", suggests: label.replace(/^🔎 /u, "").replace(/[?؟]$/u, "") };
  }
  if (text.includes(words.many))
    return {
      kind: "person",
      // In reading order: Arabic rows are mirrored, so their arrays are read from the end.
      people: buttons(call)
        .flatMap((b) => (b.route?.to === "person" ? [b.route.id] : []))
        .sort(),
    };
  for (const person of story.data.people) {
    const screen = renderRoute({ to: "person", id: person.id }, h.views.for(lang, story));
    if (screen?.messages[0]?.text === text) return { kind: "person", people: [person.id] };
  }
  return { kind: "other" };
}

describe.each(["ar", "en"] as const)("typed text through the bot, in the %s interface", (lang) => {
  const h = createHarness();

  it.each(TYPED_INPUTS.map((row) => [row.input.slice(0, 40), row.kind, row] as const))(
    "%j → %s",
    async (_label, _kind, row) => {
      const calls = await h.send(updates.message(row.input, { lang }));
      expect(methods(calls)).toEqual(["sendMessage"]);
      // Every answer has a way on.
      expect(buttons(calls[0]).length).toBeGreaterThan(0);
      const seen = kindOf(h, lang, calls[0]);
      const want: Seen =
        row.kind === "person"
          ? { kind: "person", people: [...(row.people ?? [])].sort() }
          : row.kind === "suggestion"
            ? { kind: "suggestion", suggests: row.suggests ?? "" }
            : { kind: row.kind };
      expect(seen).toEqual(want);
      expect(h.tg.violations).toEqual([]);
    },
  );
});

describe("search results", () => {
  it("bold the matched words (entities from the ranges) and attribute each passage", async () => {
    const h = createHarness();
    const [reply] = await h.send(updates.message("بنسلفانيا"));
    const text = textOf(reply);
    const entities = (reply?.payload.entities ?? []) as MessageEntity[];
    const bolded = entities
      .filter((e) => e.type === "bold")
      .map((e) => [...text].length > 0 && text.slice(e.offset, e.offset + e.length));
    expect(bolded).toContain("بنسلفانيا");
    // The paragraph's section is named above its snippet.
    expect(text).toContain(`📄 ${story.data.sections[2]?.title?.ar ?? ""}`);
  });

  it("page with buttons that carry the story key, a token and the page (≤ 64 bytes); next before previous in Arabic", async () => {
    const h = createHarness();
    // Ten passages hold «في» (each once): three pages of four.
    const [first] = await h.send(updates.message("في"));
    expect(textOf(first)).toContain("الصفحة 1 من 3".replace(/(\d)/g, "\u2068$1\u2069"));
    const sent = h.last();
    const pagers = (shown: typeof sent) =>
      shown.buttons.filter((b) => decodeTarget(b.data)?.route.to === "results");
    const [next] = pagers(sent);
    expect(next?.data).toMatch(/^pt\.r:[a-z0-9]{6}-1$/);
    expect(Buffer.byteLength(next?.data ?? "")).toBeLessThanOrEqual(64);
    await h.press(sent, next?.data ?? "");
    const second = h.shown(sent.chatId, sent.messageId);
    expect(second.text).toContain("الصفحة 2 من 3".replace(/(\d)/g, "\u2068$1\u2069"));
    // Next (page 3) on the left pointing left, previous (page 1) on the right pointing right.
    expect(pagers(second).map((b) => [b.text, decodeTarget(b.data)?.route])).toEqual([
      ["التالي ←", { to: "results", token: next?.data.slice(5, 11), page: 2 }],
      ["\u200f→ السابق", { to: "results", token: next?.data.slice(5, 11), page: 0 }],
    ]);
  });

  it("an older search keeps paging while the session keeps it; one older than that gets the stale answer", async () => {
    const h = createHarness();
    await h.send(updates.message("في"));
    const old = h.last();
    const data = old.buttons.find((b) => decodeTarget(b.data)?.route.to === "results")?.data ?? "";
    await h.send(updates.message("أوكرانيا"));
    const kept = await h.press(old, data);
    expect(methods(kept)).toEqual(["answerCallbackQuery", "editMessageText"]);
    expect(textOf(kept[1])).toContain("البحث عن «\u2068في\u2069»");
    expect(textOf(kept[1])).toContain("الصفحة 2 من 3".replace(/(\d)/g, "\u2068$1\u2069"));
    // Five newer searches push it out of the session.
    for (const words of ["من", "أن", "قال", "روسيا", "محادثة"]) await h.send(updates.message(words));
    const calls = await h.press(old, data);
    expect(methods(calls)).toEqual(["answerCallbackQuery"]);
    expect(calls[0]?.payload.text).toBe("هذا الزر لم يعد صالحاً. افتح القائمة من جديد.");
  });

  it("a near word is offered as a button that opens its results", async () => {
    const h = createHarness();
    await h.send(updates.message("Pensylvnia", { lang: "en" }));
    const offer = h.last();
    const button = offer.buttons.find((b) => b.text.startsWith("🔎"));
    expect(button?.text).toBe("🔎 \u2068Pennsylvania\u2069?");
    await h.press(offer, button?.data ?? "", { lang: "en" });
    expect(h.shown(offer.chatId, offer.messageId).text).toContain("Search for “\u2068Pennsylvania\u2069”");
  });

  it("a near name is offered as a button to that person", async () => {
    const h = createHarness();
    const [reply] = await h.send(updates.message("trmp", { lang: "en" }));
    expect(buttons(reply).find((b) => b.text.startsWith("🔎"))).toEqual({
      text: "🔎 Donald Trump?",
      route: { to: "person", id: "trump" },
    });
  });

  it("«الرئيس» keeps the choice between the three presidents", async () => {
    const h = createHarness();
    const [reply] = await h.send(updates.message("الرئيس"));
    expect(textOf(reply)).toContain("أكثر من شخص يطابق هذا الاسم");
  });

  it.each([
    ["private", updates.command],
    ["group", updates.groupCommand],
  ] as const)(
    "/quotes with words that name no one but the story holds searches (%s)",
    async (_chat, make) => {
      const h = createHarness();
      const [reply] = await h.send(make("/quotes بنسلفانيا"));
      expect(textOf(reply)).toContain("البحث عن «\u2068بنسلفانيا\u2069»");
      expect(await quotesDialog(h.store).read("42")).toBeUndefined();
    },
  );

  it("right after /quotes answered at once, a typed name opens that person", async () => {
    const h = createHarness();
    await h.send(updates.command("/quotes peskov"));
    const [reply] = await h.send(updates.message("ترامب"));
    expect(textOf(reply)).toContain(story.quotesBy.get("trump")?.[0]?.ar);
  });
});

describe("/search in groups", () => {
  it("searches the story; without words it says how", async () => {
    const h = createHarness();
    const [found] = await h.send(updates.groupCommand("/search تبادل السجناء"));
    expect(textOf(found)).toContain("البحث عن «");
    const [named] = await h.send(updates.groupCommand("/search@khabar_test_bot بيسكوف"));
    expect(textOf(named)).toContain(story.quotesBy.get("peskov")?.[0]?.ar);
    const [usage] = await h.send(updates.groupCommand("/search"));
    expect(textOf(usage)).toContain("أرسل الكلمات التي تبحث عنها بعد الأمر");
    // Plain group messages stay unread.
    expect(await h.send(updates.groupMessage("تبادل السجناء"))).toEqual([]);
  });
});
