/**
 * Issue 9 item 8, faithful to the article: what the bot shows says only what the article says, and the
 * original is shown as the original.
 */
import { describe, expect, it } from "vitest";
import { type FullPage, fullTextPages } from "../full-pages.js";
import { createHarness, story, textOf, updates } from "../harness.js";

const bare = (text: string) => text.replace(/[\u200f\u2068\u2069]/gu, "");

describe.each(["ar", "en"] as const)("faithful to the article (%s)", (lang) => {
  const opts = { lang };

  it("the exchange card says Vinnik is to be released, not that he was", async () => {
    const h = createHarness();
    const [card] = await h.send(updates.command("/exchange", opts));
    const text = bare(textOf(card));
    expect(text).not.toContain("المفرج عنه في المقابل");
    expect(text).toContain(lang === "ar" ? "مَن يُفرَج عنه في المقابل" : "To be released in return");
    // The guarantee is Peskov's announcement, as the article reports it.
    expect(text).toContain(lang === "ar" ? "أعلن بيسكوف، بحسب المقال، أن واشنطن ضمنت" : "Peskov announced");
  });

  it("the summary has the visits and 'would not have happened', the guarantee as Peskov's, and short points", async () => {
    const h = createHarness();
    const [summary] = await h.send(updates.command("/summary", opts));
    const text = bare(textOf(summary));
    expect(text).toContain(lang === "ar" ? "زيارة كل منهما بلد الآخر" : "visiting each other's countries");
    expect(text).toContain(
      lang === "ar" ? "«لم تكن لتحدث لو كنت رئيسا»" : '"would not have happened if I were president"',
    );
    expect(text).toContain(
      lang === "ar"
        ? "وأعلن بيسكوف أن بوتين بحث مع ترامب تبادل السجناء، وأن واشنطن ضمنت"
        : "Peskov announced that Putin",
    );
    expect(text).not.toContain(lang === "ar" ? "ويضيف المقال أن واشنطن" : "the article adds that Washington");
    for (const point of story.data.summary) {
      const words = (point[lang] ?? "").split(/\s+/).length;
      expect(words, point.id).toBeLessThanOrEqual(35);
      expect(text).toContain(point[lang]);
    }
  });

  it("/full shows only the original's own subheading, in the original and (translated) in the translation", async () => {
    const h = createHarness();
    const boldOf = (pages: FullPage[]) =>
      pages.flatMap((page) =>
        page.entities
          .filter((e) => e.type === "bold")
          .map((e) => bare(page.text.slice(e.offset, e.offset + e.length))),
      );
    expect(boldOf(await fullTextPages(h, "full-ar", lang))).toEqual(["صفقة تبادل للسجناء"]);
    expect(boldOf(await fullTextPages(h, "full-en", lang))).toEqual(["The prisoner exchange"]);
  });

  it("the remark on the exchange-3 source is a note apart from the translation", async () => {
    const h = createHarness();
    const text = bare((await fullTextPages(h, "full-en", lang)).map((page) => page.text).join("\n"));
    expect(text).not.toContain("[the original names no source]");
    const paragraph = story.paragraphs.get("exchange-3");
    expect(text).toContain(`${paragraph?.en}\n\n✎ ${paragraph?.note?.en}`);
    const [section] = await h.send(updates.command("/start section-exchange", opts));
    expect(bare(textOf(section))).toContain(`✎ ${paragraph?.note?.[lang]}`);
  });
});
