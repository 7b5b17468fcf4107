/**
 * Where a story comes from, as readers see it: one line on the story's first screen, at the head of the
 * full text and in /stories, and a foot under every shared passage, in both languages, with the link and
 * Telegram's date_time entity; nothing at all for a story without `source`.
 */
import type { MessageEntity } from "grammy/types";
import { describe, expect, it } from "vitest";
import { targetPayload } from "../../../src/bot/routes.js";
import { fixedCatalog } from "../../../src/content/library.js";
import { createHarness, textOf, updates } from "../harness.js";
import { libraryStory, riversideStory } from "../multi-story.js";
import { realStory } from "../story-fixture.js";

const library = libraryStory();
const real = realStory();
const stories = fixedCatalog([real, riversideStory(), library]);
const URL = "https://example.com/news/library";
const LINE = {
  ar: "المصدر: صحيفة المدينة، بقلم ريم ناصر، 1 ديسمبر 2026",
  en: "Source: Al-Madina daily, by Reem Nasser, 1 December 2026",
};
const FOOT = { ar: "— صحيفة المدينة، 1 ديسمبر 2026", en: "— Al-Madina daily, 1 December 2026" };

/** Text without the direction marks and isolates the Arabic interface adds. */
const plain = (text: string) => text.replace(/[\u200f\u2068\u2069]/g, "");

function entitiesOf(payload: Record<string, unknown>): MessageEntity[] {
  return (payload.entities ?? []) as MessageEntity[];
}

/** The link and date entities cover the outlet and the date of the source line. */
function expectLinkAndDate(text: string, entities: readonly MessageEntity[], outlet: string, date: string) {
  const link = entities.find((e) => e.type === "text_link");
  expect(link && plain(text.slice(link.offset, link.offset + link.length))).toBe(outlet);
  expect(link && "url" in link ? link.url : undefined).toBe(URL);
  const when = entities.find((e) => e.type === "date_time");
  expect(when && text.slice(when.offset, when.offset + when.length)).toBe(date);
  expect(when).toMatchObject({ unix_time: Date.parse("2026-12-01T07:30:00Z") / 1000, date_time_format: "D" });
}

describe.each(["ar", "en"] as const)("provenance in the %s interface", (lang) => {
  const outlet = lang === "ar" ? "صحيفة المدينة" : "Al-Madina daily";
  const date = lang === "ar" ? "1 ديسمبر 2026" : "1 December 2026";

  it("shows the source in one line on the story's first screen, with the link and the date", async () => {
    const h = createHarness({ stories });
    const [reply] = await h.send(updates.command("/start", { lang }));
    const text = textOf(reply);
    expect(plain(text)).toContain(LINE[lang]);
    expectLinkAndDate(text, entitiesOf(reply?.payload ?? {}), outlet, date);
    expect(h.tg.violations).toEqual([]);
  });

  it("heads the full text with it", async () => {
    const h = createHarness({ stories });
    const [reply] = await h.send(
      updates.command(`/start ${targetPayload(library.key, { to: "full", lang: "ar" })}`, { lang }),
    );
    const head = plain(textOf(reply)).split("\n").slice(0, 2);
    expect(head).toEqual([`📰 ${library.data.title.ar}`, LINE[lang]]);
    expect(h.tg.violations).toEqual([]);
  });

  it("lists it in /stories under its story only", async () => {
    const h = createHarness({ stories });
    const [reply] = await h.send(updates.command("/stories", { lang }));
    const text = plain(textOf(reply));
    expect(text).toContain(LINE[lang]);
    expect(text.split(lang === "ar" ? "المصدر:" : "Source:")).toHaveLength(2);
    expect(h.tg.violations).toEqual([]);
  });

  it("ends every shared passage of the story with «— outlet, date» and the link", async () => {
    const h = createHarness({ stories });
    const calls = await h.send(updates.inlineQuery(lang === "ar" ? "المكتبة" : "library", { lang }));
    const results = (calls.find((c) => c.method === "answerInlineQuery")?.payload.results ?? []) as Array<{
      input_message_content: { message_text: string; entities?: MessageEntity[] };
    }>;
    const mine = results.filter((r) => plain(r.input_message_content.message_text).includes("📰"));
    expect(mine.length).toBeGreaterThan(0);
    for (const result of mine) {
      const { message_text: text, entities = [] } = result.input_message_content;
      expect(plain(text).split("\n").at(-1)).toBe(FOOT[lang]);
      expectLinkAndDate(text, entities, outlet, date);
    }
    expect(h.tg.violations).toEqual([]);
  });

  it("puts the source under a quote its Copy button copies", async () => {
    const h = createHarness({ stories });
    const [reply] = await h.send(
      updates.command(`/start ${targetPayload(library.key, { to: "quotes", id: "omari" })}`, { lang }),
    );
    const markup = reply?.payload.reply_markup as {
      inline_keyboard: Array<Array<{ copy_text?: { text: string } }>>;
    };
    const copies = markup.inline_keyboard
      .flat()
      .flatMap((b) => (b.copy_text ? [plain(b.copy_text.text)] : []));
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies) expect(copy.split("\n").at(-1)).toBe(FOOT[lang]);
  });

  it("shows nothing for a story without a source", async () => {
    const h = createHarness({ stories: fixedCatalog([real]) });
    const texts = [
      textOf((await h.send(updates.command("/start", { lang })))[0]),
      textOf((await h.send(updates.command("/full", { lang })))[0]),
    ];
    const inline = await h.send(updates.inlineQuery(lang === "ar" ? "ترامب" : "Trump", { lang }));
    texts.push(JSON.stringify(inline.find((c) => c.method === "answerInlineQuery")?.payload.results));
    for (const text of texts) {
      expect(text).not.toMatch(/المصدر:|Source:|— صحيفة|Al-Madina/);
    }
  });
});
