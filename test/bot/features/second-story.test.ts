/**
 * What a second story shows that one story never did: verbs that agree with a woman speaker wherever her
 * words reach, a translated title and standfirst used and searched in the reader's language, counts of
 * the stories served in the greeting and /help, and a story opened from /stories without a second welcome.
 */
import type { InlineQueryResultArticle } from "grammy/types";
import { describe, expect, it } from "vitest";
import { decodeTarget, targetPayload } from "../../../src/bot/routes.js";
import { fixedCatalog } from "../../../src/content/library.js";
import { indexStory } from "../../../src/content/story.js";
import { createHarness, textOf, updates } from "../harness.js";
import { libraryStory, riversideStory } from "../multi-story.js";
import { realStory } from "../story-fixture.js";

const library = libraryStory();
const stories = fixedCatalog([realStory(), riversideStory(), library]);
const plain = (text: string) => text.replace(/[\u200f\u2068\u2069]/g, "");

async function inlineTexts(h: ReturnType<typeof createHarness>, query: string, lang: "ar" | "en") {
  const calls = await h.send(updates.inlineQuery(query, { lang }));
  const results = (calls.find((c) => c.method === "answerInlineQuery")?.payload.results ??
    []) as InlineQueryResultArticle[];
  return results.map((r) => ({
    title: plain(r.title),
    text: plain("message_text" in r.input_message_content ? r.input_message_content.message_text : ""),
  }));
}

describe("a woman's words, wherever they reach", () => {
  it("search results give her a feminine verb and him a masculine one (ar)", async () => {
    const h = createHarness({ stories });
    await h.send(updates.command(`/start ${targetPayload(library.key, { to: "menu" })}`, { lang: "ar" }));
    const her = plain(textOf((await h.send(updates.command("/search بيتا لكل طالب", { lang: "ar" })))[0]));
    expect(her).toContain("💬 قالت سلمى الحداد:");
    expect(her).not.toContain("قال سلمى");
    const him = plain(textOf((await h.send(updates.command("/search ستدعم", { lang: "ar" })))[0]));
    expect(him).toContain("💬 قال خالد العمري:");
    expect(h.tg.violations).toEqual([]);
  });

  it("her person screen speaks of her in the feminine (ar)", async () => {
    const h = createHarness({ stories });
    const [reply] = await h.send(
      updates.command(`/start ${targetPayload(library.key, { to: "person", id: "haddad" })}`, { lang: "ar" }),
    );
    const text = plain(textOf(reply));
    expect(text).toContain("سلمى الحداد");
    expect(text).not.toMatch(/عنه[:،]|ذكره/);
  });

  it("inline results attribute her quotes to her by name, with no masculine verb", async () => {
    const h = createHarness({ stories });
    const results = await inlineTexts(h, "الحداد", "ar");
    expect(results.length).toBeGreaterThan(0);
    for (const { title, text } of results) {
      expect(title).toContain("سلمى الحداد");
      expect(text).toContain("— سلمى الحداد");
      expect(text).not.toMatch(/قال سلمى|قال الحداد/);
    }
  });
});

describe("a translated title and standfirst", () => {
  it("are found by their own words, on /search and inline", async () => {
    const h = createHarness({ stories });
    await h.send(updates.command(`/start ${targetPayload(library.key, { to: "menu" })}`, { lang: "en" }));
    const [reply] = await h.send(updates.command("/search reopens", { lang: "en" }));
    const text = plain(textOf(reply));
    expect(text).toContain("📰 Headline");
    expect(text).toContain("City library reopens after two years of restoration");
    const inline = await inlineTexts(h, "reopens", "en");
    expect(inline.map((r) => r.text)).toContainEqual(
      expect.stringContaining("📰 City library reopens after two years of restoration"),
    );
  });

  it("head the original in the reader's language when only they are translated", async () => {
    const untranslated = indexStory(
      {
        ...library.data,
        sections: library.data.sections.map((s) => ({
          ...s,
          paragraphs: s.paragraphs.map(({ en: _en, ...p }) => p),
        })),
      },
      library.source,
    );
    const h = createHarness({ stories: fixedCatalog([untranslated]) });
    const [reply] = await h.send(updates.command("/full", { lang: "en" }));
    const lines = plain(textOf(reply)).split("\n");
    expect(lines[0]).toBe("📰 City library reopens after two years of restoration");
    expect(plain(textOf(reply))).toContain("Shown in the original Arabic");
    expect(plain(textOf(reply))).toContain(library.data.sections[0]?.paragraphs[0]?.ar);
  });
});

describe.each([
  [
    "en",
    "Welcome to Khabar, a news reader on Telegram: 3 stories to read.",
    "This bot gives you 3 news stories",
  ],
  ["ar", "أهلاً بك في «خبر»، قارئ الأخبار على تيليغرام: فيه الآن 3 أخبار.", "يقدّم لك هذا البوت 3 أخبار"],
] as const)("counting the stories served (%s)", (lang, greeting, help) => {
  it("the greeting and /help count them, and one story keeps its one-story wording", async () => {
    const h = createHarness({ stories });
    expect(plain(textOf((await h.send(updates.command("/start", { lang })))[0]))).toContain(greeting);
    expect(plain(textOf((await h.send(updates.command("/help", { lang })))[0]))).toContain(help);
    const one = createHarness();
    const start = plain(textOf((await one.send(updates.command("/start", { lang })))[0]));
    expect(start).not.toMatch(/3|stories to read|أخبار\./);
  });

  it("a story opened from /stories opens without a second welcome", async () => {
    const h = createHarness({ stories });
    await h.send(updates.command("/start", { lang }));
    await h.send(updates.command("/stories", { lang }));
    const list = h.last();
    const open = list.buttons.find((b) => {
      const target = decodeTarget(b.data);
      return target?.route.to === "menu" && target.key === library.key;
    });
    await h.press(list, open?.data ?? "", { lang });
    const shown = plain(h.shown(list.chatId, list.messageId).text);
    expect(
      shown.startsWith(plain(lang === "en" ? (library.data.title.en ?? "") : (library.data.title.ar ?? ""))),
    ).toBe(true);
    expect(shown).not.toContain(greeting.slice(0, 10));
    expect(h.tg.violations).toEqual([]);
  });
});
