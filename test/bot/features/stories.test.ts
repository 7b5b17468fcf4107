/**
 * Several stories served side by side: the newest opens on /start with "More stories", /stories lists them,
 * every button and deep link carries its story, the reader's story is remembered, data from before keys
 * still means the story served then, and a story offers only what it has.
 */
import { describe, expect, it } from "vitest";
import { commandList } from "../../../src/bot/commands.js";
import { STORIES_PER_PAGE } from "../../../src/bot/render/screens/stories.js";
import { decodeTarget, encodeTarget, targetPayload } from "../../../src/bot/routes.js";
import { fixedCatalog } from "../../../src/content/library.js";
import { indexStory } from "../../../src/content/story.js";
import { createHarness, methods, textOf, updates } from "../harness.js";
import { storyCopy, twoStories } from "../multi-story.js";

const { real, riverside, stories } = twoStories();

const buttonsOf = (call: { payload: Record<string, unknown> } | undefined) => {
  const markup = call?.payload.reply_markup as
    | { inline_keyboard?: Array<Array<{ text: string; callback_data?: string }>> }
    | undefined;
  return markup?.inline_keyboard?.flat().map((b) => ({ text: b.text, data: b.callback_data ?? "" })) ?? [];
};
const routesOf = (call: { payload: Record<string, unknown> } | undefined) =>
  buttonsOf(call).map((b) => decodeTarget(b.data));

describe("two stories side by side", () => {
  it("/start opens the newest story, with a More stories button, and every button carries its key", async () => {
    const h = createHarness({ stories });
    const [reply] = await h.send(updates.command("/start", { lang: "en" }));
    expect(textOf(reply)).toContain("Riverside FC win the town final");
    const targets = routesOf(reply);
    expect(targets.every((t) => t?.key === riverside.key)).toBe(true);
    expect(targets.map((t) => t?.route.to)).toEqual([
      "full",
      "toc",
      "speakers",
      "people",
      "language",
      "help",
      "stories",
      "follow",
    ]);
    expect(buttonsOf(reply).at(-2)?.text).toBe("📚 More stories");
    expect(riverside.key).not.toBe(real.key);
  });

  it.each(["ar", "en"] as const)(
    "the second story's menu offers only what it has, in the %s interface",
    async (lang) => {
      const h = createHarness({ stories });
      const [reply] = await h.send(updates.command("/start", { lang }));
      const labels = buttonsOf(reply).map((b) => b.text);
      const summary = lang === "ar" ? "الملخص" : "Summary";
      const exchange = lang === "ar" ? "تبادل السجناء" : "Prisoner exchange";
      expect(labels.some((l) => l.includes(summary))).toBe(false);
      expect(labels.some((l) => l.includes(exchange))).toBe(false);
      expect(labels.some((l) => l.includes("🗂"))).toBe(false);
      // No Arabic translation: the Arabic interface shows the English original with a one-line note.
      expect(textOf(reply)).toContain(riverside.data.title.en);
      if (lang === "ar") expect(textOf(reply)).toContain("يُعرض بالإنجليزية، لغته الأصلية");
      else expect(textOf(reply)).not.toContain("Shown in the original");
      expect(h.tg.violations).toEqual([]);
    },
  );

  it("in the Arabic interface an English original keeps its own direction, with a one-line note", async () => {
    const h = createHarness({ stories });
    const [reply] = await h.send(
      updates.command(`/start ${targetPayload(riverside.key, { to: "section", id: "match" })}`, {
        lang: "ar",
      }),
    );
    const lines = textOf(reply).split("\n");
    const paragraph = lines.find((l) => l.includes("Riverside FC beat Hillcrest"));
    expect(paragraph?.startsWith("Riverside")).toBe(true);
    expect(lines.find((l) => l.includes("لا ترجمة عربية له بعد"))).toBeDefined();
    // The editor's note stands apart from the text.
    expect(textOf(reply)).toContain("✎ A test fixture: this story is invented.");
    // The interface's own lines still start right-to-left (the section title is the story's own English).
    expect(lines.find((l) => l.includes("القسم"))?.startsWith("القسم")).toBe(true);
  });

  it("/help names only the second story's commands and ways of reading it", async () => {
    const h = createHarness({ stories });
    const [reply] = await h.send(updates.command("/help", { lang: "en" }));
    const text = textOf(reply);
    expect(text).toContain("the full text, section by section, or the quotes of one speaker.");
    expect(text).toContain("/stories");
    expect(text).not.toContain("/summary");
    expect(text).not.toContain("/exchange");
    expect(text).not.toContain("prisoner");
  });

  it("the command menu offers what any served story has, /stories included", () => {
    const h = createHarness({ stories });
    expect(commandList(h.i18n, "en", stories.current.stories).map((c) => c.command)).toEqual([
      "start",
      "stories",
      "summary",
      "full",
      "sections",
      "quotes",
      "exchange",
      "people",
      "search",
      "follow",
      "following",
      "unfollow",
      "language",
      "help",
      "cancel",
    ]);
    expect(commandList(h.i18n, "en", [riverside]).map((c) => c.command)).toEqual([
      "start",
      "full",
      "sections",
      "quotes",
      "people",
      "search",
      "follow",
      "following",
      "unfollow",
      "language",
      "help",
      "cancel",
    ]);
  });

  it("commands for parts the story lacks say so and show its menu", async () => {
    const h = createHarness({ stories });
    for (const command of ["/summary", "/exchange"]) {
      const calls = await h.send(updates.command(command, { lang: "en" }));
      expect(methods(calls), command).toEqual(["sendMessage"]);
      expect(textOf(calls[0]), command).toBe("That part is not in this story. Here is what it has:");
      expect(routesOf(calls[0]).map((t) => t?.route.to)).toContain("toc");
    }
  });

  it("/stories lists every story, newest first, with title and standfirst; a button opens one", async () => {
    const h = createHarness({ stories });
    const [list] = await h.send(updates.command("/stories", { lang: "en" }));
    const text = textOf(list);
    expect(text.indexOf(riverside.data.title.en ?? "")).toBeGreaterThan(0);
    expect(text.indexOf(real.data.title.en ?? "")).toBeGreaterThan(
      text.indexOf(riverside.data.title.en ?? ""),
    );
    expect(text).toContain(real.data.standfirst.en);
    expect(text).toContain(riverside.data.standfirst.en);
    // Labels are cut to fit a button: "2. Putin and Trump hold a phone call after a pri…".
    const open = buttonsOf(list).find((b) => b.text.startsWith("2. Putin and Trump"));
    expect(buttonsOf(list)[0]?.text).toBe(`1. ${riverside.data.title.en}`);
    expect(decodeTarget(open?.data ?? "")).toEqual({ key: real.key, route: { to: "menu" } });

    const calls = await h.press(h.last(), open?.data ?? "", { lang: "en" });
    expect(methods(calls).sort()).toEqual(["answerCallbackQuery", "editMessageText"]);
    expect(textOf(calls.find((c) => c.method === "editMessageText"))).toContain(real.data.title.en);
    // The reader is now in that story: commands, /quotes and typed names work inside it.
    expect(await h.store.adapter("session").read("42")).toEqual({ story: real.data.id });
    const [summary] = await h.send(updates.command("/summary", { lang: "en" }));
    expect(textOf(summary)).toContain(real.data.summary[0]?.en);
    const [quotes] = await h.send(updates.command("/quotes Peskov", { lang: "en" }));
    expect(textOf(quotes)).toContain(real.quotesBy.get("peskov")?.[0]?.en);
  });

  it("the More stories button shows the list in place", async () => {
    const h = createHarness({ stories });
    await h.send(updates.command("/start", { lang: "en" }));
    const menu = h.last();
    const more = menu.buttons.find((b) => b.text === "📚 More stories");
    const calls = await h.press(menu, more?.data ?? "", { lang: "en" });
    expect(methods(calls).sort()).toEqual(["answerCallbackQuery", "editMessageText"]);
    expect(h.shown(42, menu.messageId).text).toContain(real.data.title.en);
  });

  it("/quotes and typed names work inside the second story, in both languages", async () => {
    for (const lang of ["ar", "en"] as const) {
      const h = createHarness({ stories });
      const [ask] = await h.send(updates.command("/quotes", { lang }));
      const speakers = [
        { to: "quotes", id: "lopez" },
        { to: "quotes", id: "reed" },
      ];
      const last = [{ to: "cancel" }, { to: "menu" }];
      // Each row mirrored in the Arabic interface.
      expect(buttonsOf(ask).map((b) => decodeTarget(b.data)?.route)).toEqual(
        lang === "ar" ? [...speakers.reverse(), ...last.reverse()] : [...speakers, ...last],
      );
      const [reply] = await h.send(updates.message(lang === "ar" ? "ريد" : "Reed", { lang }));
      expect(textOf(reply)).toContain("The referee was fair and the better side won.");
      expect(h.tg.violations).toEqual([]);
    }
  });

  it("a deep link with a key opens that story's screen", async () => {
    const h = createHarness({ stories });
    const payload = targetPayload(riverside.key, { to: "quotes", id: "lopez" }) ?? "";
    expect(payload.length).toBeLessThanOrEqual(64);
    const [reply] = await h.send(updates.command(`/start ${payload}`, { lang: "en" }));
    expect(textOf(reply)).toContain("We played with our hearts today");
    const section = targetPayload(real.key, { to: "section", id: "background" }) ?? "";
    const [other] = await h.send(updates.command(`/start ${section}`, { lang: "en" }));
    expect(textOf(other)).toContain(real.sections.get("background")?.paragraphs[0]?.en);
  });
});

describe("a story that quotes no one", () => {
  it("has no Quotes button, no /quotes in help, and /quotes says so", async () => {
    const quiet = indexStory({ ...riverside.data, quotes: [] }, riverside.source);
    const h = createHarness({ stories: fixedCatalog([quiet]) });
    const [menu] = await h.send(updates.command("/start", { lang: "en" }));
    expect(routesOf(menu).map((t) => t?.route.to)).toEqual([
      "full",
      "toc",
      "people",
      "language",
      "help",
      "follow",
    ]);
    const [help] = await h.send(updates.command("/help", { lang: "en" }));
    expect(textOf(help)).not.toContain("/quotes");
    expect(textOf(help)).toContain("the full text or section by section.");
    const calls = await h.send(updates.command("/quotes", { lang: "en" }));
    expect(methods(calls)).toEqual(["sendMessage"]);
    expect(textOf(calls[0])).toBe("That part is not in this story. Here is what it has:");
  });
});

describe("callback data and deep links from before stories had keys", () => {
  it.each([
    ["sm", () => real.data.summary[0]?.ar],
    ["x", () => real.cards.get("exchange")?.groups[0]?.facts[0]?.text.ar],
    ["xs", () => real.paragraphs.get("exchange-2")?.ar],
    ["s:call", () => real.sections.get("call")?.paragraphs[0]?.ar],
    ["q:trump", () => real.quotesBy.get("trump")?.[0]?.ar],
    ["m", () => real.data.standfirst.ar],
  ])(
    "keyless button %s still opens the story served before, though another is newest",
    async (data, want) => {
      const h = createHarness({ stories });
      const calls = await h.send(updates.callback(data, { tg: h.tg }));
      expect(methods(calls).sort()).toEqual(["answerCallbackQuery", "editMessageText"]);
      expect(textOf(calls.find((c) => c.method === "editMessageText"))).toContain(want());
    },
  );

  it.each([
    ["exchange", () => real.cards.get("exchange")?.title.ar],
    ["section-call", () => real.sections.get("call")?.paragraphs[1]?.ar],
    ["quotes-peskov", () => real.quotesBy.get("peskov")?.[0]?.ar],
    ["summary", () => real.data.summary[1]?.ar],
  ])("keyless deep link %s still opens the story served before", async (payload, want) => {
    const h = createHarness({ stories });
    const [reply] = await h.send(updates.command(`/start ${payload}`));
    expect(textOf(reply)).toContain(want());
  });

  it("a button of a story no longer served gets the stale-button answer, never an error", async () => {
    const h = createHarness({ stories: fixedCatalog([riverside]) });
    for (const data of ["sm", encodeTarget(real.key, { to: "section", id: "call" }), "zz.m"]) {
      const calls = await h.send(updates.callback(data, { tg: h.tg, lang: "en" }));
      expect(methods(calls), data).toEqual(["answerCallbackQuery"]);
      expect(calls[0]?.payload.text, data).toBe("This button has expired. Open the menu again.");
    }
  });
});

describe("many stories", () => {
  it(`/stories pages them, ${STORIES_PER_PAGE} a page, newest first`, async () => {
    const copies = Array.from({ length: 7 }, (_, i) =>
      storyCopy(riverside, `story-${i + 1}`, `2026-10-${String(10 + i).padStart(2, "0")}`),
    );
    const h = createHarness({ stories: fixedCatalog([real, ...copies]) });
    const [first] = await h.send(updates.command("/stories", { lang: "en" }));
    expect(textOf(first)).toContain("Page 1 of 2");
    const open = buttonsOf(first).filter(
      (b) => decodeTarget(b.data)?.route.to === "menu" && /^\d/.test(b.text),
    );
    expect(open).toHaveLength(STORIES_PER_PAGE);
    // Newest first: the real story (2026-11-28), then the copies from the 16th of October down.
    expect(open.map((b) => decodeTarget(b.data)?.key)).toEqual(
      [real, copies[6], copies[5], copies[4], copies[3]].map((s) => s?.key),
    );
    const next = buttonsOf(first).find((b) => b.text === "Next →");
    const calls = await h.press(h.last(), next?.data ?? "", { lang: "en" });
    const page = calls.find((c) => c.method === "editMessageText");
    expect(textOf(page)).toContain("Page 2 of 2");
    expect(buttonsOf(page).filter((b) => /^\d/.test(b.text))).toHaveLength(3);
    expect(buttonsOf(page).some((b) => b.text === "← Previous")).toBe(true);
    expect(h.tg.violations).toEqual([]);
  });
});
