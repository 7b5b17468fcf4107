/**
 * Issue 20, Build 1: what the bot shows says exactly what the article says, no more and no less, and
 * someone's words in translation say they are translated (once per message), wherever they appear.
 */
import { describe, expect, it } from "vitest";
import { copyText } from "../../../src/bot/render/inline/share.js";
import { fullTextPages } from "../full-pages.js";
import { createHarness, type Harness, story, textOf, updates } from "../harness.js";

const bare = (text: string) => text.replace(/[\u200e\u200f\u2066-\u2069]/gu, "");
const count = (text: string, part: string) => text.split(part).length - 1;
const MARK = { en: "Translated from the Arabic report.", attribution: "translated from the Arabic report" };

/** Every text the bot sent or edited in, reduced to its letters. */
async function shown(h: Harness, update: Parameters<Harness["send"]>[0]): Promise<string[]> {
  const calls = await h.send(update);
  return calls.filter((c) => c.payload.text !== undefined).map((c) => bare(textOf(c)));
}

/** The message texts of an inline answer's results. */
async function inlineTexts(h: Harness, query: string, lang: "ar" | "en"): Promise<string[]> {
  const [call] = await h.send(updates.inlineQuery(query, { lang }));
  const results = (call?.payload.results ?? []) as Array<{ input_message_content: { message_text: string } }>;
  return results.map((r) => bare(r.input_message_content.message_text));
}

describe("Peskov's second quote keeps its subject, in the case it takes standing alone", () => {
  it("on the quotes screen, in a share's copy and inline (ar)", async () => {
    const h = createHarness();
    const [screen = ""] = await shown(h, updates.command("/start quotes-peskov", { lang: "ar" }));
    expect(screen).toContain("[زعيما البلدين] بحثا مسائل");
    expect(screen).not.toContain("زعيمي البلدين]");
    const [inline = ""] = await inlineTexts(h, "#pt.q:peskov-2", "ar");
    expect(inline).toContain("[زعيما البلدين] بحثا مسائل");
  });

  it("in English, the translation's own bracket, once", async () => {
    const h = createHarness();
    const [inline = ""] = await inlineTexts(h, "#pt.q:peskov-2", "en");
    expect(count(inline, "[The two leaders]")).toBe(1);
    expect(inline).not.toContain("زعيم");
  });
});

describe("English quotes say they are translated, once per message; Arabic ones do not", () => {
  it("the quotes screen shows the translation alone, marked once", async () => {
    const h = createHarness();
    const [en = ""] = await shown(h, updates.command("/quotes ترامب", { lang: "en" }));
    expect(count(en, MARK.en)).toBe(1);
    expect(en).not.toContain("ناقشنا أوكرانيا");
    expect(en.length).toBeLessThan(2200);
    const [ar = ""] = await shown(h, updates.command("/quotes ترامب", { lang: "ar" }));
    expect(ar).not.toContain("مترجَم");
  });

  it("the summary, which quotes Trump's words in point 4, says so once in English only", async () => {
    const h = createHarness();
    const [en = ""] = await shown(h, updates.command("/summary", { lang: "en" }));
    expect(en).toContain('"would not have happened if I were president"');
    expect(count(en, MARK.en)).toBe(1);
    const [ar = ""] = await shown(h, updates.command("/summary", { lang: "ar" }));
    expect(ar).not.toContain("مترجَم");
  });

  it("a person's page quoting others' words (Fogel's, in Trump's words) is marked once", async () => {
    const h = createHarness();
    const [en = ""] = await shown(h, updates.command("/start person-fogel", { lang: "en" }));
    expect(en).toContain("Donald Trump said:");
    expect(count(en, MARK.en)).toBe(1);
    const [ar = ""] = await shown(h, updates.command("/start person-fogel", { lang: "ar" }));
    expect(ar).not.toContain("مترجَم");
  });

  it("the Copy button of a quote, and the quote sent inline", async () => {
    const h = createHarness();
    // No screen of this story shares a lone quote (every speaker has two or more), so the Copy text is
    // checked through its renderer.
    const quote = story.data.quotes.find((q) => q.id === "peskov-2");
    if (!quote) throw new Error("no peskov-2");
    const copy = copyText(h.views.for("en", story), { story, kind: "quote", quote }) ?? "";
    expect(copy).toContain(", translated from the Arabic report");
    const copyAr = copyText(h.views.for("ar", story), { story, kind: "quote", quote }) ?? "";
    expect(copyAr).toMatch(/^«\[زعيما البلدين\] بحثا/u);
    expect(copyAr).not.toContain("مترجَم");
    const [one = ""] = await inlineTexts(h, "#pt.q:trump-1", "en");
    expect(count(one, MARK.attribution)).toBe(1);
    expect(one).toContain("— Donald Trump, translated from the Arabic report");
    const [all = ""] = await inlineTexts(h, "#pt.qs:trump", "en");
    expect(count(all, MARK.attribution)).toBe(1);
    const [ar = ""] = await inlineTexts(h, "#pt.q:trump-1", "ar");
    expect(ar).not.toContain("مترجَم");
    expect(ar).toContain("— دونالد ترامب");
  });
});

describe.each(["ar", "en"] as const)("the summary and card say what the article says (%s)", (lang) => {
  it("point 2 keeps 'as we both agreed, we want'; point 5 'regarding the release'; point 7 the «حسبما» caveat", async () => {
    const h = createHarness();
    const [summary = ""] = await shown(h, updates.command("/summary", { lang }));
    if (lang === "ar") {
      expect(summary).not.toContain("وإنهما اتفقا على وقف الوفيات");
      expect(summary).toContain("وإنهما يريدان أولاً، كما اتفقا، وقف الوفيات في الحرب");
      expect(summary).toContain("على وقته وجهده فيما يتعلق بإطلاق سراحه");
      expect(summary).toContain("«حسبما»");
    } else {
      expect(summary).toContain("as they both agreed, they want to stop the deaths");
      expect(summary).toContain('"according to"');
    }
  });

  it("no corrected phrase is put in the article's mouth", async () => {
    const h = createHarness();
    const texts = [
      ...(await shown(h, updates.command("/summary", { lang }))),
      ...(await shown(h, updates.command("/exchange", { lang }))),
      ...(await shown(h, updates.command("/start person-vinnik", { lang }))),
    ].join("\n");
    expect(texts).not.toContain("يصفه المقال بأنه مجرم روسي مدان");
    if (lang === "ar") expect(texts).toContain("«مجرم الروسي مدان» (كذا)");
  });

  it("Trump's reported line keeps «مراراً» and the article's «دون أن يوضح»", async () => {
    const h = createHarness();
    const [screen = ""] = await shown(h, updates.command("/start quotes-trump", { lang }));
    if (lang === "ar") {
      expect(screen).toContain(
        "قال ترامب مراراً إنه سينهي الحرب في أوكرانيا سريعاً، دون أن يوضح كيفية تحقيق ذلك",
      );
    } else {
      expect(screen).toContain(
        "repeatedly said that he would end the war in Ukraine quickly, without explaining how",
      );
    }
  });

  it("the card does not file 'this effort' as the exchange's outlook, and says what was confirmed", async () => {
    const h = createHarness();
    const [card = ""] = await shown(h, updates.command("/exchange", { lang }));
    expect(card).not.toMatch(/Outlook|التوقعات/u);
    expect(card).toContain(lang === "ar" ? "أي جهد يقصد" : "which effort he means");
    expect(card).toContain(
      lang === "ar" ? "تأكيد إجراءات الإفراج عن فينيك" : "The steps to release Vinnik, confirmed",
    );
  });

  it("the full text bolds only the article's own subheading; the headline is set apart", async () => {
    const h = createHarness();
    for (const which of ["full-ar", "full-en"]) {
      const pages = await fullTextPages(h, which, lang);
      const bold = pages.flatMap((page) =>
        page.entities
          .filter((e) => e.type === "bold")
          .map((e) => bare(page.text.slice(e.offset, e.offset + e.length))),
      );
      expect(bold).toEqual([which === "full-ar" ? "صفقة تبادل للسجناء" : "The prisoner exchange"]);
      const text = pages[0]?.text ?? "";
      expect(bare(text).split("\n")[0]).toMatch(/^📰 /u);
    }
  });
});
