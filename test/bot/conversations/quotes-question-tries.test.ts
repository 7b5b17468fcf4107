/**
 * Issue 20, Build 5, the quotes question: "did you mean" sits right above the buttons it asks about; a
 * recognised typo and a message without letters cost no try; two names typed together offer both people.
 */
import { describe, expect, it } from "vitest";
import { decodeTarget } from "../../../src/bot/routes.js";
import { createHarness, methods, textOf, updates } from "../harness.js";

const bare = (text: string) => text.replace(/[\u200e\u200f\u2066-\u2069]/gu, "");
const WORDS = {
  ar: {
    near: "هل تقصد:",
    three: "بقيت لك 3 محاولات.",
    two: "بقيت لك محاولتان.",
    notText: "اكتب اسماً",
    gaveUp: "لم أجد هذا الاسم",
  },
  en: {
    near: "Did you mean:",
    three: "You have 3 tries left.",
    two: "You have 2 tries left.",
    notText: "Type a name",
    gaveUp: "I couldn't find",
  },
} as const;

describe.each(["ar", "en"] as const)("the quotes question (%s)", (lang) => {
  const w = WORDS[lang];

  it("offers a recognised typo without spending a try, 'did you mean' as the last line", async () => {
    const h = createHarness();
    await h.send(updates.command("/quotes", { lang }));
    const [reply] = await h.send(updates.message(lang === "ar" ? "بيسكف" : "Peskv", { lang }));
    const text = bare(textOf(reply));
    expect(text.split("\n").at(-1)).toBe(w.near);
    expect(text).toContain(w.three);
    const [miss] = await h.send(updates.message("zzqxw", { lang }));
    expect(bare(textOf(miss))).toContain(w.two);
    expect(bare(textOf(miss))).not.toContain(w.near);
  });

  it("answers an emoji or a sticker without spending a try", async () => {
    const h = createHarness();
    await h.send(updates.command("/quotes", { lang }));
    for (let i = 0; i < 4; i++) {
      const [reply] = await h.send(updates.message("👍", { lang }));
      expect(bare(textOf(reply))).toContain(w.notText);
      expect(bare(textOf(reply))).not.toContain(w.gaveUp);
    }
    const calls = await h.send(updates.message(lang === "ar" ? "بيسكوف" : "Peskov", { lang }));
    expect(methods(calls)).toEqual(["sendMessage"]);
    expect(bare(textOf(calls[0]))).toContain(
      lang === "ar" ? "ما قاله دميتري بيسكوف" : "What Dmitry Peskov said",
    );
  });

  it("offers both speakers for «ترامب وبيسكوف» / 'Trump and Peskov' instead of searching", async () => {
    const h = createHarness();
    await h.send(updates.command("/quotes", { lang }));
    await h.send(updates.message(lang === "ar" ? "ترامب وبيسكوف" : "Trump and Peskov", { lang }));
    const shown = h.last();
    const people = shown.buttons
      .map((b) => decodeTarget(b.data)?.route)
      .flatMap((route) => (route?.to === "person" ? [route.id] : []))
      .sort();
    expect(people).toEqual(["peskov", "trump"]);
    expect(bare(shown.text)).not.toMatch(/البحث عن|Search for/u);
  });
});
