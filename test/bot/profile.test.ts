import { Api } from "grammy";
import { describe, expect, it } from "vitest";
import { createI18n } from "../../src/bot/i18n.js";
import { profileTexts, registerProfile } from "../../src/bot/profile.js";
import { LIMITS } from "../../src/telegram-limits.js";
import { createFakeFetch } from "../helpers/fake-fetch.js";
import { FAKE_BOT_TOKEN, FakeTelegram } from "../helpers/fake-telegram.js";
import { riversideStory, storyCopy } from "./multi-story.js";
import { realStory } from "./story-fixture.js";

const chars = (text: string | undefined) => [...(text ?? "")].length;

describe("the bot's profile", () => {
  it("is registered in Arabic, in English and in the default language, naming the story", async () => {
    const tg = new FakeTelegram();
    const story = realStory();
    await registerProfile(new Api(FAKE_BOT_TOKEN, { fetch: createFakeFetch(tg) }), createI18n("en"), "en", [
      story,
    ]);
    expect(tg.violations).toEqual([]);
    const { description, shortDescription } = tg.profile;
    expect(description.get("ar")).toContain(story.data.title.ar);
    expect(description.get("ar")).toContain("خبر");
    expect(description.get("en")).toContain(story.data.title.en ?? "missing");
    expect(description.get("en")).toContain("Khabar");
    expect(description.get("")).toBe(description.get("en"));
    expect(shortDescription.get("ar")).toMatch(/[\u0600-\u06ff]/);
    expect(shortDescription.get("en")).toContain("Arabic and English");
    expect(shortDescription.get("")).toBe(shortDescription.get("en"));
  });

  it("an untranslated title stands in its original", () => {
    const riverside = riversideStory();
    const texts = profileTexts(createI18n("ar"), "ar", [riverside]);
    expect(texts.description).toContain(riverside.data.title.en ?? "missing");
  });

  it("stays within Telegram's limits however many stories are served, listing whole titles", () => {
    const real = realStory();
    const many = Array.from({ length: 40 }, (_, i) => storyCopy(real, `copy-${i}`, "2025-02-12"));
    for (const lang of ["ar", "en"] as const) {
      const texts = profileTexts(createI18n("ar"), lang, many);
      expect(chars(texts.description)).toBeLessThanOrEqual(LIMITS.botDescription);
      expect(chars(texts.shortDescription)).toBeLessThanOrEqual(LIMITS.botShortDescription);
      const title = real.data.title[lang] ?? "";
      const lines = texts.description.split("\n").filter((l) => l.startsWith("• "));
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(line).toBe(`• ${title}`);
    }
  });
});
