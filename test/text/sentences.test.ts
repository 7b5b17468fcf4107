import { describe, expect, it } from "vitest";
import { splitSentences } from "../../src/text/sentences.js";

const texts = (text: string) => splitSentences(text).map((s) => s.text);

describe("splitSentences", () => {
  it("splits Arabic at . ؟ and ! followed by a space", () => {
    expect(texts("ذهب إلى البيت. هل عاد؟ نعم! ثم نام")).toEqual([
      "ذهب إلى البيت.",
      "هل عاد؟",
      "نعم!",
      "ثم نام",
    ]);
  });

  it("keeps a closing quotation mark and a following stop with the sentence that ends there", () => {
    expect(texts('وقال بيسكوف: "انتهت المحادثة. كانت إيجابية". ثم غادر.')).toEqual([
      'وقال بيسكوف: "انتهت المحادثة.',
      'كانت إيجابية".',
      "ثم غادر.",
    ]);
    expect(texts("قال: «لا ينبغي فقدان المزيد من الأرواح!». وانتهى")).toEqual([
      "قال: «لا ينبغي فقدان المزيد من الأرواح!».",
      "وانتهى",
    ]);
    expect(texts('He said: "I hope soon!" Then he left.')).toEqual([
      'He said: "I hope soon!"',
      "Then he left.",
    ]);
  });

  it("does not split inside numbers, abbreviations or a mark not followed by a space", () => {
    expect(texts("It rose 2.5 points in the U.S.A today. Then fell.")).toEqual([
      "It rose 2.5 points in the U.S.A today.",
      "Then fell.",
    ]);
  });

  it("gives each sentence's place in the text, trimmed, and nothing for blank text", () => {
    const text = "  أولاً.   ثانياً؟ ";
    const sentences = splitSentences(text);
    for (const s of sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(sentences.map((s) => s.text)).toEqual(["أولاً.", "ثانياً؟"]);
    expect(splitSentences("   ")).toEqual([]);
  });

  it("splits every paragraph of the real story into sentences that rebuild it", async () => {
    const { realStory } = await import("../bot/story-fixture.js");
    const story = realStory();
    for (const paragraph of story.paragraphs.values())
      for (const lang of ["ar", "en"] as const) {
        const text = paragraph[lang] ?? "";
        expect(
          splitSentences(text)
            .map((s) => s.text)
            .join(" "),
        ).toBe(text.replace(/\s+/g, " ").trim());
      }
  });
});
