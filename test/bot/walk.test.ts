import type { InlineKeyboardMarkup, MessageEntity } from "grammy/types";
import { describe, expect, it } from "vitest";
import {
  decodeTarget,
  encodeTarget,
  parseTargetPayload,
  type Route,
  type Target,
  targetPayload,
} from "../../src/bot/routes.js";
import { fixedCatalog } from "../../src/content/library.js";
import { PERSON_TEXT_BUDGET } from "../../src/content/person-sentences.js";
import type { Story } from "../../src/content/story.js";
import type { ApiCall } from "../helpers/fake-telegram.js";
import { drawnBefore } from "../helpers/visual-order.js";
import { createHarness, methods, story, updates } from "./harness.js";
import { twoStories } from "./multi-story.js";
import { screenRoutes } from "./screen-routes.js";
import { COMMANDS } from "./story-fixture.js";

const STALE = [
  "هذا الزر لم يعد صالحاً. افتح القائمة من جديد.",
  "This button has expired. Open the menu again.",
];

function buttonData(calls: readonly ApiCall[]): string[] {
  return calls.flatMap((call) => {
    const markup = call.payload.reply_markup as InlineKeyboardMarkup | undefined;
    return (
      markup?.inline_keyboard.flat().flatMap((b) => ("callback_data" in b ? [b.callback_data] : [])) ?? []
    );
  });
}

function checkLimits(calls: readonly ApiCall[]): void {
  for (const call of calls) {
    if (call.method === "sendMessage" || call.method === "editMessageText") {
      const text = String(call.payload.text);
      expect(text.length).toBeGreaterThan(0);
      expect(text.length).toBeLessThanOrEqual(4096);
    }
    for (const data of buttonData([call])) {
      expect(Buffer.byteLength(data)).toBeGreaterThan(0);
      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
    }
  }
}

/** Pager labels in each language: [previous, next]. */
const PAGER: Record<"ar" | "en", [string, string]> = { ar: ["السابق", "التالي"], en: ["Previous", "Next"] };

/** Longer labels do not fit a two-column phone row (a button alone on its row may be longer). */
const LABEL_LIMIT = 18;
const bare = (text: string) => text.replace(/[\u200e\u200f\u2066-\u2069]/gu, "");
/**
 * Every message in a private chat carries a keyboard (a way on), and rows read in the interface's direction:
 * in Arabic a row's array is mirrored, so next comes before previous; in English previous comes first.
 */
function checkKeyboards(calls: readonly ApiCall[], lang: "ar" | "en"): void {
  for (const call of calls) {
    if (call.method !== "sendMessage" && call.method !== "editMessageText") continue;
    const markup = call.payload.reply_markup as InlineKeyboardMarkup | undefined;
    expect(
      markup?.inline_keyboard.flat().length ?? 0,
      String(call.payload.text).slice(0, 60),
    ).toBeGreaterThan(0);
    for (const row of markup?.inline_keyboard ?? []) {
      const [previous, next] = PAGER[lang].map((word) => row.findIndex((b) => b.text.includes(word)));
      if (previous !== undefined && next !== undefined && previous !== -1 && next !== -1) {
        if (lang === "ar") expect(next).toBeLessThan(previous);
        else expect(previous).toBeLessThan(next);
      }
      if (row.length < 2) continue;
      for (const b of row) {
        const label = bare(b.text);
        expect([...label].length, label).toBeLessThanOrEqual(LABEL_LIMIT);
      }
    }
  }
}

/** Story text a person screen of someone not quoted may show (see PERSON_TEXT_BUDGET), with room for «…» marks. */
const PERSON_BUDGET = PERSON_TEXT_BUDGET + 40;

/**
 * A person screen of someone the story does not quote shows sentences, not paragraphs: its quoted story text
 * (the blockquotes) stays within the budget, and the whole message stays short.
 */
function checkPersonBudget(calls: readonly ApiCall[], target: Target | undefined, walked: Story): void {
  const route = target?.key === walked.key ? target.route : undefined;
  if (route?.to !== "person" || walked.quotesBy.has(route.id)) return;
  for (const call of calls) {
    if (call.method !== "sendMessage" && call.method !== "editMessageText") continue;
    const text = String(call.payload.text);
    const entities = (call.payload.entities ?? []) as MessageEntity[];
    const quoted = entities.filter((e) => e.type === "blockquote").reduce((sum, e) => sum + e.length, 0);
    expect(quoted, `${route.id}: story text`).toBeLessThanOrEqual(PERSON_BUDGET);
    expect(text.length, `${route.id}: whole screen`).toBeLessThanOrEqual(PERSON_BUDGET + 600);
    personScreens.add(`${walked.data.id}/${route.id}`);
  }
}
const personScreens = new Set<string>();

const { riverside, stories: both } = twoStories();

/** The real story alone (as served before), and the second fixture served beside it (then the newest). */
const WALKS = [
  { name: story.data.id, walked: story, stories: fixedCatalog([story]), lang: "ar" as const },
  { name: story.data.id, walked: story, stories: fixedCatalog([story]), lang: "en" as const },
  {
    name: `${riverside.data.id} beside ${story.data.id}`,
    walked: riverside,
    stories: both,
    lang: "ar" as const,
  },
  {
    name: `${riverside.data.id} beside ${story.data.id}`,
    walked: riverside,
    stories: both,
    lang: "en" as const,
  },
];

describe.each(WALKS)("walking every screen of $name in $lang", ({ walked, stories, lang }) => {
  /** Every route a screen of this story can show: the walk must reach them all. */
  const EVERY_ROUTE: Route[] = [
    ...screenRoutes(walked),
    { to: "set-language", lang: "ar" },
    { to: "set-language", lang: "en" },
    ...(stories.current.stories.length > 1 ? [{ to: "stories", page: 0 } as const] : []),
  ];

  it("every command, deep link and button leads to a handled screen within Telegram's limits, with a way on, rows in reading direction", async () => {
    const h = createHarness({ stories });
    const opts = { lang };
    const queue: string[] = [];
    const pressed = new Set<string>();
    const enqueue = (calls: readonly ApiCall[]) => {
      for (const data of buttonData(calls)) if (!pressed.has(data) && !queue.includes(data)) queue.push(data);
    };

    for (const command of COMMANDS) {
      const calls = await h.send(updates.command(`/${command}`, opts));
      expect(methods(calls), command).toEqual(["sendMessage"]);
      checkLimits(calls);
      checkKeyboards(calls, lang);
      enqueue(calls);
      await h.send(updates.command("/cancel", opts));
    }
    const payloads = EVERY_ROUTE.map((r) => targetPayload(walked.key, r)).filter((p) => p !== undefined);
    for (const payload of payloads) {
      const calls = await h.send(updates.command(`/start ${payload}`, opts));
      expect(methods(calls), payload).toEqual(["sendMessage"]);
      checkLimits(calls);
      checkPersonBudget(calls, parseTargetPayload(payload), walked);
      checkKeyboards(calls, lang);
      enqueue(calls);
      await h.send(updates.command("/cancel", opts));
    }

    let screens = 0;
    while (queue.length > 0) {
      const data = queue.shift() ?? "";
      pressed.add(data);
      // Ids far apart per language: the reader's own messages take ids after the largest one used so far,
      // and a press must never land on one of them.
      const base = lang === "ar" ? 10_000_000 : 20_000_000;
      const update = updates.callback(data, { ...opts, messageId: base + pressed.size, tg: h.tg });
      const calls = await h.send(update);
      const id = update.callback_query.id;
      expect(h.tg.answeredCallbackQueries.get(id), data).toBe(1);
      const answer = calls.find((c) => c.method === "answerCallbackQuery");
      expect(STALE, data).not.toContain(answer?.payload.text);
      // A button costs at most one answer and one edit.
      expect(calls.length, `${data}: ${methods(calls)}`).toBeLessThanOrEqual(2);
      checkLimits(calls);
      checkKeyboards(calls, lang);
      checkPersonBudget(calls, decodeTarget(data), walked);
      if (calls.some((c) => c.method === "editMessageText")) screens++;
      enqueue(calls);
      // Keep the reader's language for the rest of the walk.
      const target = decodeTarget(data);
      if (target?.route.to === "set-language" && target.route.lang !== lang)
        await h.send(
          updates.callback(encodeTarget(target.key ?? story.key, { to: "set-language", lang }), {
            ...opts,
            messageId: base + 500_000 + pressed.size,
            tg: h.tg,
          }),
        );
    }

    // Reached by a button of this story, or (the translation, in the interface of the original) by its deep link.
    const reached = new Set(
      [...pressed]
        .filter((d) => decodeTarget(d)?.key === walked.key)
        .map((d) => JSON.stringify(decodeTarget(d)?.route)),
    );
    for (const full of ["ar", "en"] as const) reached.add(JSON.stringify({ to: "full", lang: full }));
    for (const route of EVERY_ROUTE) expect(reached, JSON.stringify(route)).toContain(JSON.stringify(route));
    expect(screens).toBeGreaterThanOrEqual(EVERY_ROUTE.length - 2);
    expect(h.tg.violations).toEqual([]);
    // Every person the story does not quote had their screen measured.
    for (const person of walked.data.people)
      if (!walked.quotesBy.has(person.id))
        expect(personScreens, person.id).toContain(`${walked.data.id}/${person.id}`);
  });
});

/** Searches a reader might type, in each language, several of them many pages long. */
const SEARCHES = {
  ar: ["الحرب", "في", "من", "أن", "قال", "تبادل السجناء", "روسيا", "war"],
  en: ["war", "the", "said", "prisoner", "what happened", "Russia", "الحرب", "تبادل السجناء"],
} as const;

/** The story passages a search block's snippet can be cut from, and the paragraphs each stands for. */
function passageHomes(walked: Story) {
  const data = walked.data;
  const out: Array<{ kind: string; id: string; texts: string[]; homes: string[] }> = [];
  const texts = (item: { ar?: string; en?: string }) => [item.ar, item.en].filter((t) => t !== undefined);
  for (const section of data.sections)
    for (const p of section.paragraphs)
      out.push({ kind: "paragraph", id: p.id, texts: texts(p), homes: [p.id] });
  for (const q of data.quotes) out.push({ kind: "span", id: q.id, texts: texts(q), homes: [q.paragraph] });
  for (const s of data.statements)
    out.push({ kind: "span", id: s.id, texts: texts(s), homes: [s.paragraph] });
  for (const point of data.summary)
    out.push({ kind: "restatement", id: point.id, texts: texts(point), homes: point.paragraphs });
  for (const card of data.cards)
    for (const group of card.groups)
      for (const fact of group.facts)
        out.push({ kind: "restatement", id: fact.id, texts: texts(fact.text), homes: fact.paragraphs });
  return out;
}

/** The passage a results block shows, found from its snippet: the story text it is cut from. */
function blockPassage(walked: Story, block: string) {
  const snippet = bare(block.split("\n").slice(1).join("\n")).replace(/^\[[^\]]*\] /u, "");
  const longest = snippet
    .split("…")
    .map((s) => s.trim().replace(/^\[[^\]]*\] /u, ""))
    .sort((a, b) => b.length - a.length)[0];
  if (longest === undefined || longest.length < 8) return undefined;
  const found = passageHomes(walked).filter((p) => p.texts.some((t) => t.includes(longest)));
  // A quote's words are in its paragraph too: the narrowest passage is the one shown.
  return found.find((p) => p.kind === "span") ?? found.find((p) => p.kind === "restatement") ?? found[0];
}

describe.each(WALKS)("searching $name in $lang", ({ walked, stories, lang }) => {
  it("no results page repeats a passage an earlier page showed; an English count is drawn after an Arabic query", async () => {
    const h = createHarness({ stories });
    const isResults = (text: string) => bare(text).startsWith(lang === "ar" ? "البحث عن «" : "Search for “");
    let pagesSeen = 0;
    for (const query of SEARCHES[lang]) {
      await h.send(updates.message(query, { lang }));
      let shown = h.last();
      if (!isResults(shown.text)) continue;
      if (lang === "en" && /[\u0600-\u06ff]/u.test(query)) {
        const line = shown.text.split("\n")[0] ?? "";
        const count = /(\d+) passage/u.exec(line)?.[1] ?? "?";
        expect(drawnBefore(line, query, count), line).toBe(true);
      }
      const spans = new Set<string>();
      const paragraphs = new Set<string>();
      const restatements: Array<{ id: string; homes: string[] }> = [];
      for (;;) {
        pagesSeen++;
        const blocks = shown.text.split("\n\n").slice(1);
        for (const block of blocks) {
          const passage = blockPassage(walked, block);
          if (passage === undefined) continue;
          const where = `${query}: ${passage.kind} ${passage.id}`;
          if (passage.kind === "paragraph") {
            expect(paragraphs.has(passage.id), where).toBe(false);
            paragraphs.add(passage.id);
          } else if (passage.kind === "span") {
            expect(spans.has(passage.id), where).toBe(false);
            spans.add(passage.id);
          } else {
            expect(
              restatements.map((r) => r.id),
              where,
            ).not.toContain(passage.id);
            restatements.push({ id: passage.id, homes: passage.homes });
          }
        }
        const next = shown.buttons.find((b) => {
          const route = decodeTarget(b.data)?.route;
          return route?.to === "results" && b.text.includes(PAGER[lang][1]);
        });
        if (next === undefined) break;
        await h.press(shown, next.data, { lang });
        shown = h.shown(shown.chatId, shown.messageId);
      }
      // A quote or statement is never shown beside the whole paragraph it is in, and a restatement never
      // only restates paragraphs shown whole or quoted.
      for (const span of spans) {
        const home = passageHomes(walked).find((p) => p.kind === "span" && p.id === span)?.homes[0] ?? "";
        expect(paragraphs.has(home), `${query}: ${span} and its paragraph`).toBe(false);
      }
      const shownHomes = new Set([
        ...paragraphs,
        ...[...spans].flatMap((s) => passageHomes(walked).find((p) => p.id === s)?.homes ?? []),
      ]);
      for (const r of restatements)
        expect(
          r.homes.every((p) => shownHomes.has(p)),
          `${query}: ${r.id} restates what is shown`,
        ).toBe(false);
    }
    if (walked === story) expect(pagesSeen).toBeGreaterThan(SEARCHES[lang].length);
  });
});

describe("a group's /language", () => {
  it("changes the group's language and leaves the member's private language alone", async () => {
    const h = createHarness();
    const group = { chatId: updates.DEFAULT_SUPERGROUP_ID, chatType: "supergroup" as const, lang: "ar" };
    await h.send(updates.command("/start", { lang: "ar" }));
    await h.send(updates.groupCommand("/language", group));
    const picker = h.last(updates.DEFAULT_SUPERGROUP_ID);
    await h.press(picker, encodeTarget(story.key, { to: "set-language", lang: "en" }), group);
    const [inGroup] = await h.send(updates.groupCommand("/help", group));
    expect(bare(String(inGroup?.payload.text))).toMatch(/^Help/u);
    const [inPrivate] = await h.send(updates.command("/help", { lang: "ar" }));
    expect(bare(String(inPrivate?.payload.text))).toMatch(/^المساعدة/u);
  });
});
