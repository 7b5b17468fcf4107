/**
 * Issue 9 items 6 and 7: a person the story does not quote gets the sentences that name them (attributed,
 * within a budget, with the whole paragraphs a button away); a person's screen shows direct quotes first,
 * then what the story reports of them, labelled and never in quotation marks.
 */
import type { MessageEntity } from "grammy/types";
import { describe, expect, it } from "vitest";
import { decodeTarget } from "../../../src/bot/routes.js";
import { fixedCatalog } from "../../../src/content/library.js";
import { PERSON_TEXT_BUDGET } from "../../../src/content/person-sentences.js";
import { indexStory } from "../../../src/content/story.js";
import { createHarness, story, textOf, updates } from "../harness.js";

const quoted = (entities: unknown) =>
  ((entities ?? []) as MessageEntity[])
    .filter((e) => e.type === "blockquote")
    .reduce((sum, e) => sum + e.length, 0);

/** The text without the direction marks and isolates the Arabic interface adds. */
const bare = (text: string) => text.replace(/[\u200f\u2068\u2069]/gu, "");

const WORDS = {
  ar: {
    said: "قال دونالد ترامب:\n«أود أن أشكر الرئيس بوتين",
    mentions: "ما يقوله الخبر عنه:",
    reported: "🗣 ما نقله الخبر عنه بتصرّف، لا بنصّ كلامه:",
    officials:
      "مسؤولان أميركيان: لا ينقل الخبر كلاماً مباشراً.\n\n🗣 مسؤولان أميركيان — منقول بتصرّف، لا بنصّ الكلام:",
    paragraphs: "الفقرات التي تذكر فلاديمير بوتين",
  },
  en: {
    said: "Donald Trump said:\n“I would like to thank President Putin",
    mentions: "What the story says about him:",
    reported: "🗣 What the story reports him saying, not in his own words:",
    officials:
      "Two US officials: not quoted directly in the story.\n\n🗣 Two US officials, as the story reports them, not in their own words:",
    paragraphs: "The paragraphs that name Vladimir Putin",
  },
} as const;

describe.each(["ar", "en"] as const)("person screens (%s)", (lang) => {
  const opts = { lang };
  const w = WORDS[lang];
  const paragraph = (id: string) => story.paragraphs.get(id)?.[lang] ?? "";

  it("someone not quoted gets the sentences that name them, attributed, within the budget", async () => {
    const h = createHarness();
    const [reply] = await h.send(updates.command("/start person-putin", opts));
    const text = bare(textOf(reply));
    expect(text).toContain(w.mentions);
    expect(text).toContain(w.said);
    expect(quoted(reply?.payload.entities)).toBeLessThanOrEqual(PERSON_TEXT_BUDGET + 40);
    // Not whole paragraphs: Trump's quotes that never name Putin are not there, nor the rest of his thanks.
    expect(text).not.toContain(paragraph("statement-1"));
    expect(text).not.toContain(paragraph("statement-7"));
    expect(text.length).toBeLessThan(1000);
  });

  it("a button leads to the whole paragraphs, and back", async () => {
    const h = createHarness();
    await h.send(updates.command("/start person-putin", opts));
    const screen = h.last();
    const full = screen.buttons.find((b) => decodeTarget(b.data)?.route.to === "mentions");
    expect(full).toBeDefined();
    await h.press(screen, full?.data ?? "", opts);
    const shown = h.shown(screen.chatId, screen.messageId);
    expect(bare(shown.text)).toContain(w.paragraphs);
    expect(shown.text).toContain(paragraph("statement-7"));
    const back = shown.buttons.find((b) => decodeTarget(b.data)?.route.to === "person");
    await h.press(shown, back?.data ?? "", opts);
    expect(h.shown(screen.chatId, screen.messageId).text).toBe(screen.text);
  });

  it("a quoted person: direct quotes first, then what is reported, labelled, without quotation marks", async () => {
    const h = createHarness();
    const [reply] = await h.send(updates.command("/start quotes-trump", opts));
    const text = bare(textOf(reply));
    const label = text.indexOf(w.reported);
    expect(label).toBeGreaterThan(text.indexOf(story.quotesBy.get("trump")?.at(-1)?.[lang] ?? "?"));
    const reported = story.data.statements.find((s) => s.id === "trump-r1")?.[lang] ?? "?";
    expect(text.slice(label)).toContain(`• ${reported}`);
    expect(text).not.toContain(`«${reported}`);
    expect(text).not.toContain(`"${reported}`);
  });

  it("Peskov's reported announcement and the context of his quote are shown", async () => {
    const h = createHarness();
    const [reply] = await h.send(updates.command("/start quotes-peskov", opts));
    const text = bare(textOf(reply));
    // The bracketed subject stands alone, in the nominative; English carries its translation's own.
    expect(text).toContain(lang === "ar" ? "[زعيما البلدين] بحثا مسائل" : "[The two leaders] discussed");
    expect(text).toContain(w.reported);
    for (const id of ["peskov-r1", "peskov-r2"])
      expect(text).toContain(story.data.statements.find((s) => s.id === id)?.[lang] ?? "?");
  });

  it("the unnamed US officials: what they confirmed, reported", async () => {
    const h = createHarness();
    const [reply] = await h.send(updates.command("/start person-us-officials", opts));
    expect(bare(textOf(reply))).toContain(w.officials);
    expect(textOf(reply)).toContain(
      story.data.statements.find((s) => s.id === "officials-r1")?.[lang] ?? "?",
    );
  });
});

describe("person strings agree with the person's gender", () => {
  // The real story with Putin made a woman: only the data changes, the screens follow.
  const data = structuredClone(story.data);
  for (const person of data.people) if (person.id === "putin") person.gender = "f";
  const stories = fixedCatalog([indexStory(data, story.source)]);

  it.each([
    ["ar", "ما يقوله الخبر عنها:", "ما يقوله الخبر عنه:"],
    ["en", "What the story says about her:", "What the story says about him:"],
  ] as const)("%s", async (lang, her, him) => {
    const h = createHarness({ stories });
    const [putin] = await h.send(updates.command("/start person-putin", { lang }));
    expect(bare(textOf(putin))).toContain(her);
    expect(bare(textOf(putin))).not.toContain(him);
    const [fogel] = await h.send(updates.command("/start person-fogel", { lang }));
    expect(bare(textOf(fogel))).toContain(him);
  });
});

describe("the people list", () => {
  it.each(["ar", "en"] as const)("does not repeat a role line (%s)", async (lang) => {
    const h = createHarness();
    const [reply] = await h.send(updates.command("/people", { lang }));
    const roles = textOf(reply)
      .split("\n")
      .filter((line) => line.includes(" — "))
      .map((line) => line.slice(line.indexOf(" — ") + 3));
    expect(roles.length).toBeGreaterThan(4);
    // Not even a clause repeated: four roles once ended in the same "one of four officials …" sentence.
    const clauses = roles.flatMap((role) => role.split(/[;؛]/).map((clause) => clause.trim()));
    expect(new Set(clauses).size).toBe(clauses.length);
  });
});
