/**
 * Corrections and withdrawals through the bot's real entry point: a corrected story says so under its
 * standfirst with a button to the editors' notes; a withdrawn story is listed nowhere, and its buttons and
 * deep links say it was withdrawn, with the note and the way back to the menu, never an error.
 */
import { describe, expect, it } from "vitest";
import { decodeTarget, encodeTarget, targetPayload } from "../../../src/bot/routes.js";
import { type Catalog, makeCatalog, type StorySource } from "../../../src/content/library.js";
import { createHarness, methods, textOf, updates } from "../harness.js";
import { EDITOR_FIXTURES, fixtureStory, riversideStory, storyWith } from "../multi-story.js";

const riverside = riversideStory();
const bridge = fixtureStory(EDITOR_FIXTURES.corrected);
const mill = fixtureStory(EDITOR_FIXTURES.withdrawn);
/** The withdrawn story as it was served before the editors withdrew it. */
const millLive = storyWith(mill, (d) => {
  delete d.withdrawn;
});
/** Later than every fixture's date: which stories are live does not depend on the day the tests run. */
const NOW = Date.parse("2026-12-05T00:00:00Z");

function catalog(...stories: Parameters<typeof makeCatalog>[0]): Catalog {
  const built = makeCatalog(stories, { now: NOW });
  if (built === undefined) throw new Error("no live story");
  return built;
}

type Button = { text: string; data: string };
const buttonsOf = (call: { payload: Record<string, unknown> } | undefined): Button[] => {
  const markup = call?.payload.reply_markup as
    | { inline_keyboard?: Array<Array<{ text: string; callback_data?: string }>> }
    | undefined;
  return markup?.inline_keyboard?.flat().map((b) => ({ text: b.text, data: b.callback_data ?? "" })) ?? [];
};

describe("a corrected story", () => {
  const stories: StorySource = { current: catalog(riverside, bridge) };

  it.each([
    ["en", "Corrected 3 December 2026", "📝 Corrections"],
    ["ar", "صُحِّح في 3 ديسمبر 2026", "📝 التصحيحات"],
  ] as const)(
    "shows 'Corrected <date>' under its standfirst and a Corrections button (%s)",
    async (lang, line, label) => {
      const h = createHarness({ stories });
      const [reply] = await h.send(
        updates.command(`/start ${targetPayload(bridge.key, { to: "menu" })}`, { lang }),
      );
      const lines = textOf(reply)
        .split("\n")
        .map((l) => l.replace(/^\u200f|[\u2068\u2069]/g, ""));
      const standfirst = lines.indexOf(bridge.data.standfirst[lang] ?? "");
      expect(standfirst).toBeGreaterThan(0);
      expect(lines[standfirst + 1]).toBe(line);
      const button = buttonsOf(reply).find((b) => b.text.replace(/^\u200f/, "") === label);
      expect(decodeTarget(button?.data ?? "")).toEqual({ key: bridge.key, route: { to: "corrections" } });
    },
  );

  it("a story never corrected has neither the line nor the button", async () => {
    const h = createHarness({ stories });
    const [reply] = await h.send(
      updates.command(`/start ${targetPayload(riverside.key, { to: "menu" })}`, { lang: "en" }),
    );
    expect(textOf(reply)).toContain(riverside.data.title.en);
    expect(textOf(reply)).not.toContain("Corrected");
    expect(buttonsOf(reply).some((b) => b.text.includes("Corrections"))).toBe(false);
  });

  it("its button opens the notes, newest first, each with its date and the sections it touched", async () => {
    const h = createHarness({ stories });
    await h.send(updates.command(`/start ${targetPayload(bridge.key, { to: "menu" })}`, { lang: "en" }));
    const menu = h.last();
    const calls = await h.press(menu, encodeTarget(bridge.key, { to: "corrections" }), { lang: "en" });
    expect(methods(calls)).toEqual(["answerCallbackQuery", "editMessageText"]);
    expect(h.last().text).toBe(
      [
        "Corrections by the editors",
        "Council approves the new footbridge",
        "",
        "3 December 2026",
        "In: The cost",
        "",
        "The cost is 1.2 million pounds, not 2.1 million.",
        "",
        "2 December 2026",
        "In: The vote",
        "",
        "An earlier version gave the vote as eight to one; it was seven to two.",
      ].join("\n"),
    );
    expect(h.last().buttons.map((b) => [b.text, decodeTarget(b.data)?.route])).toEqual([
      ["📄 The cost", { to: "section", id: "cost" }],
      ["📄 The vote", { to: "section", id: "vote" }],
      ["🏠 Menu", { to: "menu" }],
    ]);
    const section = await h.press(h.last(), h.last().buttons[1]?.data ?? "", { lang: "en" });
    expect(textOf(section[1])).toContain("seven votes to two");
  });

  it("in Arabic, a note with no translation stands in its original, marked as such in one line", async () => {
    const h = createHarness({ stories });
    const [reply] = await h.send(
      updates.command(`/start ${targetPayload(bridge.key, { to: "corrections" })}`, { lang: "ar" }),
    );
    const text = textOf(reply);
    expect(text).toContain("تصحيحات المحررين");
    expect(text).toContain("ذكرت نسخة سابقة أن التصويت كان ثمانية مقابل واحد");
    expect(text).toContain("The cost is 1.2 million pounds, not 2.1 million.");
    expect(text).toContain("في: الكلفة");
    expect(text).toContain("يُعرض بالإنجليزية، لغته الأصلية");
    expect(buttonsOf(reply).map((b) => b.text.replace(/^\u200f/, ""))).toEqual([
      "📄 الكلفة",
      "📄 التصويت",
      "🏠 القائمة",
    ]);
  });

  it("the corrections link of a story never corrected says it has no such part", async () => {
    const h = createHarness({ stories });
    const [reply] = await h.send(
      updates.command(`/start ${targetPayload(riverside.key, { to: "corrections" })}`, { lang: "en" }),
    );
    expect(textOf(reply)).toContain("That part is not in this story");
  });
});

describe("a withdrawn story", () => {
  it.each([
    [
      "en",
      "Withdrawn by the editors on 21 November 2026:",
      "the fire was at another building; this report was wrong.",
    ],
    ["ar", "سحبه المحررون في 21 نوفمبر 2026:", "الحريق كان في مبنى آخر؛ هذا الخبر كان خطأ."],
  ] as const)(
    "its buttons say it was withdrawn, with the note and the way back to the menu (%s)",
    async (lang, by, note) => {
      const stories = { current: catalog(riverside, millLive) };
      const h = createHarness({ stories });
      await h.send(updates.command(`/start ${targetPayload(mill.key, { to: "menu" })}`, { lang }));
      const menu = h.last();
      expect(menu.text).toContain(mill.data.title[lang]);
      // The editors withdraw it; the reader presses a button of the message they still have.
      stories.current = catalog(riverside, mill);
      const calls = await h.press(menu, encodeTarget(mill.key, { to: "toc" }), { lang });
      expect(methods(calls)).toEqual(["answerCallbackQuery", "editMessageText"]);
      expect(textOf(calls[0]).replace(/[\u2068\u2069]/g, "")).toBe(
        `${lang === "ar" ? "سحبه المحررون" : "Withdrawn by the editors"}: ${note}`,
      );
      const shown = h.shown(menu.chatId, menu.messageId);
      expect(shown.text).toContain(mill.data.title[lang]);
      expect(shown.text.replace(/[\u2068\u2069]/g, "")).toContain(by);
      expect(shown.text).toContain(note);
      expect(shown.buttons.map((b) => decodeTarget(b.data))).toEqual([
        { key: riverside.key, route: { to: "menu" } },
      ]);
      expect(h.tg.violations).toEqual([]);
    },
  );

  it.each(["en", "ar"] as const)("its deep links say so too, and it is listed nowhere (%s)", async (lang) => {
    const stories = { current: catalog(riverside, bridge, mill) };
    const h = createHarness({ stories });
    for (const route of [{ to: "menu" }, { to: "summary" }, { to: "section", id: "fire" }] as const) {
      const [reply] = await h.send(updates.command(`/start ${targetPayload(mill.key, route)}`, { lang }));
      expect(textOf(reply)).toContain(lang === "ar" ? "سحبه المحررون" : "Withdrawn by the editors");
      // Two stories are still served: the way on is the menu and the list of stories (a mirrored row in Arabic).
      const row = [{ to: "menu" }, { to: "stories", page: 0 }];
      expect(buttonsOf(reply).map((b) => decodeTarget(b.data)?.route)).toEqual(
        lang === "ar" ? row.reverse() : row,
      );
    }
    const list = await h.send(updates.command("/stories", { lang }));
    expect(list.map(textOf).join("\n")).not.toContain(mill.data.title[lang]);
    const inline = await h.send(updates.inlineQuery("Lena Park", { lang }));
    expect(JSON.stringify(inline[0]?.payload)).not.toContain("Lena Park");
  });

  it("a button of it under an inline-mode message (no chat to edit in) answers with the note", async () => {
    const h = createHarness({ stories: { current: catalog(riverside, mill) } });
    const calls = await h.send(
      updates.callback(encodeTarget(mill.key, { to: "menu" }), { lang: "en", inlineMessageId: "im-1" }),
    );
    expect(methods(calls)).toEqual(["answerCallbackQuery"]);
    expect(textOf(calls[0])).toBe(
      "Withdrawn by the editors: the fire was at another building; this report was wrong.",
    );
  });

  it("an English note in the Arabic interface stands in its original, marked as such", async () => {
    const englishOnly = storyWith(mill, (d) => {
      d.withdrawn = { date: "2026-11-21", en: "the report was wrong." };
    });
    const h = createHarness({ stories: { current: catalog(riverside, englishOnly) } });
    const [reply] = await h.send(
      updates.command(`/start ${targetPayload(mill.key, { to: "menu" })}`, { lang: "ar" }),
    );
    expect(textOf(reply)).toContain("the report was wrong.");
    expect(textOf(reply)).toContain("يُعرض بالإنجليزية، لغته الأصلية");
  });
});
