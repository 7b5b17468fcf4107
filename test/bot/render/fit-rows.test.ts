/**
 * Issue 20, Build 5: labels that fit the keyboard under a short message, through the bot in both
 * languages: a row whose labels do not fit the message's width goes one button per row; /stories buttons
 * are never cut mid-word.
 */
import type { InlineKeyboardMarkup } from "grammy/types";
import { describe, expect, it } from "vitest";
import { fixedCatalog } from "../../../src/content/library.js";
import { createHarness, story, updates } from "../harness.js";
import { storyCopy } from "../multi-story.js";

const rowsOf = (call: { payload: Record<string, unknown> } | undefined) =>
  ((call?.payload.reply_markup as InlineKeyboardMarkup | undefined)?.inline_keyboard ?? []).map((row) =>
    row.map((b) => b.text.replace(/[\u200e\u200f\u2066-\u2069]/gu, "")),
  );

describe.each(["ar", "en"] as const)("keyboards under short messages (%s)", (lang) => {
  it("the language choice: side by side only where its question is wide enough for both", async () => {
    const h = createHarness();
    const [call] = await h.send(updates.command("/language", { lang }));
    const rows = rowsOf(call);
    expect(rows.flat()).toHaveLength(3);
    // «اختر لغة الواجهة:» is 17 characters, narrower than «✓ العربية» and "English" with their padding;
    // "Choose the interface language:" holds both.
    if (lang === "ar") for (const row of rows) expect(row).toHaveLength(1);
    else expect(rows[0]).toHaveLength(2);
  });

  it("the menu under its longer hint keeps two buttons a row", async () => {
    const h = createHarness();
    const [call] = await h.send(updates.command("/start", { lang }));
    expect(rowsOf(call).some((row) => row.length === 2)).toBe(true);
  });

  it("/stories cuts a long title at a word, with '…'", async () => {
    const long = storyCopy(story, "long-title", "2026-12-01");
    long.data.title = {
      ar: "عنوان طويل جداً لخبر آخر يتجاوز ما يتسع له زر واحد على شاشة الهاتف",
      en: "A very long headline for another story that runs past what one button holds",
    };
    const h = createHarness({ stories: fixedCatalog([story, long]) });
    const [call] = await h.send(updates.command("/stories", { lang }));
    const first = rowsOf(call)[0]?.[0] ?? "";
    expect(first.endsWith("…")).toBe(true);
    const words = (long.data.title[lang] ?? "").split(" ");
    const shown = first.replace(/^1\. /u, "").replace(/…$/u, "").split(" ");
    // Every word shown is a whole word of the title.
    shown.forEach((word, i) => {
      expect(word).toBe(words[i]);
    });
  });
});
