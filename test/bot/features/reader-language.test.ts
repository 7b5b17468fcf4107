/**
 * The reader's language first: "Full text", /full, the summary's button and the `full` deep link open the
 * text in the reader's language (the translation for English readers, with a button to the Arabic original;
 * the original for Arabic readers, with a button to the translation). `full-ar` / `full-en` force one.
 */
import { describe, expect, it } from "vitest";
import { fixedCatalog } from "../../../src/content/library.js";
import { createHarness, story, textOf, updates } from "../harness.js";
import { riversideStory } from "../multi-story.js";

const paragraph = story.data.sections[0]?.paragraphs[0];
const arabic = paragraph?.ar ?? "";
const english = paragraph?.en ?? "";

const buttonsOf = (call: { payload: Record<string, unknown> } | undefined): string[] => {
  const markup = call?.payload.reply_markup as
    | { inline_keyboard?: Array<Array<{ callback_data?: string }>> }
    | undefined;
  return markup?.inline_keyboard?.flat().map((b) => b.callback_data ?? "") ?? [];
};

describe("the full text opens in the reader's language", () => {
  it.each([
    ["en-US", english, arabic, "pt.f:ar"],
    ["ar", arabic, english, "pt.f:en"],
  ])("/full for a %s reader", async (lang, shown, hidden, other) => {
    const h = createHarness();
    const calls = await h.send(updates.command("/full", { lang }));
    const text = calls.map(textOf).join("\n");
    expect(text).toContain(shown);
    expect(text).not.toContain(hidden);
    expect(buttonsOf(calls.at(-1))).toContain(other);
  });

  it.each([
    ["en-US", english, "pt.f:ar"],
    ["ar", arabic, "pt.f:en"],
  ])("the menu's Full text button for a %s reader, then the other text", async (lang, shown, other) => {
    const h = createHarness();
    await h.send(updates.command("/start", { lang }));
    const menu = h.last();
    const full = menu.buttons.find((b) => b.data.startsWith("pt.f:"));
    expect(full?.data).toBe(lang === "ar" ? "pt.f:ar" : "pt.f:en");
    await h.press(menu, full?.data ?? "", { lang });
    const opened = h.shown(menu.chatId, menu.messageId);
    expect(opened.text).toContain(shown);
    const back = opened.buttons.find((b) => b.data === other);
    expect(back).toBeDefined();
    await h.press(opened, other, { lang });
    expect(h.shown(menu.chatId, menu.messageId).text).toContain(lang === "ar" ? english : arabic);
  });

  it.each([
    ["en-US", "pt.f:en"],
    ["ar", "pt.f:ar"],
  ])("the summary's button for a %s reader", async (lang, data) => {
    const h = createHarness();
    const calls = await h.send(updates.command("/summary", { lang }));
    expect(buttonsOf(calls.at(-1))).toContain(data);
  });

  it.each([
    ["full", "en-US", english],
    ["full", "ar", arabic],
    ["full-ar", "en-US", arabic],
    ["full-en", "ar", english],
    ["pt_full", "en-US", english],
    ["pt_full-ar", "en-US", arabic],
    ["pt_full-en", "ar", english],
  ])("/start %s for a %s reader", async (payload, lang, shown) => {
    const h = createHarness();
    const calls = await h.send(updates.command(`/start ${payload}`, { lang }));
    expect(calls.map(textOf).join("\n")).toContain(shown);
  });

  it("old callback data keeps its language: f:ar is the original for everyone", async () => {
    const h = createHarness();
    const calls = await h.send(updates.callback("f:ar", { lang: "en-US" }));
    expect(calls.map(textOf).join("\n")).toContain(arabic);
  });

  it("a story without a translation shows its original with the one-line note", async () => {
    const riverside = riversideStory();
    const h = createHarness({ stories: fixedCatalog([riverside]) });
    const calls = await h.send(updates.command("/full", { lang: "ar" }));
    const text = calls.map(textOf).join("\n");
    expect(text).toContain(riverside.data.sections[0]?.paragraphs[0]?.en ?? "missing");
    expect(text).toContain(h.i18n.t("ar", "untranslated-note"));
    // No button to a translation that does not exist.
    expect(buttonsOf(calls.at(-1)).some((d) => d.endsWith("f:en") || d.endsWith("f:ar"))).toBe(false);
  });
});
