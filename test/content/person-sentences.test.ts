import { describe, expect, it } from "vitest";
import { PERSON_TEXT_BUDGET, peopleNamedIn, sentencesAbout } from "../../src/content/person-sentences.js";
import { realStory } from "../bot/story-fixture.js";

const story = realStory();
const paragraph = (id: string) => story.paragraphs.get(id);
const length = (id: string, lang: "ar" | "en", budget?: number) =>
  sentencesAbout(story, id, lang, budget).picked.reduce((sum, p) => sum + p.text.length, 0);

describe("peopleNamedIn", () => {
  it("finds people by any whole name or alias, with clitics, and not by a title alone", () => {
    expect([...peopleNamedIn(story, "يذكر أن هذا أول اتصال مباشر معلن لبوتين")]).toEqual(["putin"]);
    expect(peopleNamedIn(story, "Kremlin spokesman Dmitry Peskov").has("peskov")).toBe(true);
    expect(peopleNamedIn(story, "الرئيس الروسي").has("putin")).toBe(true);
    expect([...peopleNamedIn(story, "وأكد الرئيس أن بلاده")]).toEqual([]);
    expect([...peopleNamedIn(story, "ناقشنا أوكرانيا والشرق الأوسط")]).toEqual([]);
  });
});

describe("sentencesAbout", () => {
  it("picks Putin's sentences, not whole paragraphs, within the budget, in both languages", () => {
    for (const lang of ["ar", "en"] as const) {
      const { picked } = sentencesAbout(story, "putin", lang);
      expect(length("putin", lang)).toBeLessThanOrEqual(PERSON_TEXT_BUDGET);
      // Trump's quotes that never name him are left out.
      expect(picked.map((p) => p.paragraph)).not.toContain("statement-1");
      expect(picked.map((p) => p.paragraph)).not.toContain("statement-2");
      expect(picked[0]?.text).toBe(paragraph("call-1")?.[lang]);
      // The thanks is Trump's words, cut from a longer quote.
      const thanks = picked.find((p) => p.paragraph === "statement-7");
      expect(thanks).toMatchObject({ speaker: "trump", cutStart: false, cutEnd: true });
      expect(thanks?.text).toContain(lang === "ar" ? "أشكر الرئيس بوتين" : "thank President Putin");
      expect(thanks?.text).not.toMatch(/["«»]/);
    }
  });

  it("counts what does not fit, and cuts a first passage longer than the budget at a word", () => {
    const { picked, more } = sentencesAbout(story, "putin", "en");
    expect(picked.length + more).toBe(5);
    expect(more).toBeGreaterThan(0);
    const tiny = sentencesAbout(story, "putin", "ar", 40);
    expect(tiny.picked).toHaveLength(1);
    expect(tiny.picked[0]?.cutEnd).toBe(true);
    expect(tiny.picked[0]?.text.length).toBeLessThanOrEqual(40);
    expect(paragraph("call-1")?.ar).toContain(tiny.picked[0]?.text);
  });

  it("attributes the part of a quote that names someone, cut at both ends where it is", () => {
    const [zelensky] = sentencesAbout(story, "zelensky", "en").picked;
    expect(zelensky).toMatchObject({ paragraph: "statement-4", speaker: "trump", cutStart: true });
    expect(zelensky?.text).toMatch(/^We also agreed/);
  });

  it("leaves out a person's own reported statements (the screen shows them apart)", () => {
    expect(sentencesAbout(story, "us-officials", "ar").picked).toEqual([]);
  });

  it("keeps every not-quoted person of the story within the budget", () => {
    for (const person of story.data.people)
      for (const lang of ["ar", "en"] as const)
        expect(length(person.id, lang), `${person.id} ${lang}`).toBeLessThanOrEqual(PERSON_TEXT_BUDGET);
  });
});
