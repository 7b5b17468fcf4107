import type { InlineKeyboardMarkup } from "grammy/types";
import { describe, expect, it } from "vitest";
import {
  correctionPush,
  DIGEST_STORIES,
  digestPush,
  pushDate,
  renderDigest,
  renderPush,
  storyPush,
} from "../../../src/bot/render/push.js";
import { decodeTarget, type Route } from "../../../src/bot/routes.js";
import { fixedCatalog } from "../../../src/content/library.js";
import type { PushEvent } from "../../../src/push/push-event.js";
import { createHarness, story } from "../harness.js";
import { riversideStory, storyCopy } from "../multi-story.js";

const riverside = riversideStory();
const { views } = createHarness({ stories: fixedCatalog([story, riverside]) });
const RLM = "\u200f";

/** Each row's decoded routes (with the story key), as Telegram receives them. */
function rowsOf(markup: InlineKeyboardMarkup): Array<Array<{ key: string | undefined; route: Route }>> {
  return markup.inline_keyboard.map((row) =>
    row.map((b) => {
      const target = decodeTarget("callback_data" in b ? (b.callback_data ?? "") : "");
      if (!target) throw new Error(`undecodable button ${b.text}`);
      return target;
    }),
  );
}
const routesOf = (markup: InlineKeyboardMarkup) =>
  rowsOf(markup)
    .flat()
    .map((t) => t.route);

describe("a new story's push", () => {
  it("in English: a new-story line with the date, the title, the standfirst; read, stop and menu buttons", () => {
    const push = storyPush(views.for("en", story));
    const [kicker, title, standfirst] = push.text.split("\n");
    expect(kicker).toBe("🆕 New story · 28 November 2026");
    expect(title).toBe(story.data.title.en);
    expect(standfirst).toBe(story.data.standfirst.en);
    expect(push.entities).toContainEqual({
      type: "bold",
      offset: push.text.indexOf(title ?? ""),
      length: title?.length,
    });
    expect(rowsOf(push.reply_markup).map((row) => row.map((t) => t.route))).toEqual([
      [
        { to: "open", route: { to: "summary" } },
        { to: "open", route: { to: "full", lang: "en" } },
      ],
      [{ to: "stop", topic: { kind: "new" } }],
      [{ to: "open", route: { to: "menu" } }],
    ]);
    expect(
      rowsOf(push.reply_markup)
        .flat()
        .every((t) => t.key === story.key),
    ).toBe(true);
    expect(push.text.length).toBeLessThanOrEqual(4096);
  });

  it("in Arabic: every line right-to-left, and the reading row mirrored (Summary on the right)", () => {
    const push = storyPush(views.for("ar", story));
    expect(push.text).toContain(story.data.title.ar);
    expect(push.text).toContain("خبر جديد");
    expect(push.text).toContain("28 نوفمبر 2026");
    for (const line of push.text.split("\n")) expect(/^[\u200f\u0600-\u06ff]/u.test(line), line).toBe(true);
    const [read] = rowsOf(push.reply_markup);
    expect(read?.map((t) => t.route)).toEqual([
      { to: "open", route: { to: "full", lang: "ar" } },
      { to: "open", route: { to: "summary" } },
    ]);
    const labels = push.reply_markup.inline_keyboard.flat().map((b) => b.text);
    expect(labels).toContain("🔕 أوقف هذه".replace(/^/, RLM));
  });

  it("an untranslated story: the original, with the one-line note; no summary button where it has none", () => {
    const push = storyPush(views.for("ar", riverside));
    expect(push.text).toContain(riverside.data.title.en);
    expect(push.text).toContain("لا ترجمة عربية له بعد");
    expect(routesOf(push.reply_markup)).not.toContainEqual({ to: "open", route: { to: "summary" } });
    expect(push.text).toContain("30 نوفمبر 2026");
  });

  it("a date-time is the chat's day: 18:00 UTC on 30 November is 1 December in Sydney", () => {
    expect(pushDate("2026-11-30T18:00:00Z", "en", "Australia/Sydney")).toBe("1 December 2026");
    expect(pushDate("2026-11-30T18:00:00Z", "en", "UTC+09:00")).toBe("1 December 2026");
    expect(pushDate("2026-11-30T18:00:00Z", "en")).toBe("30 November 2026");
    // A date alone is that day everywhere.
    expect(pushDate("2026-11-28", "en", "America/Los_Angeles")).toBe("28 November 2026");
  });

  it("Stop these stops what the engine says brought the push (a person)", () => {
    const push = storyPush(views.for("en", story), { via: { kind: "person", personId: "trump" } });
    expect(routesOf(push.reply_markup)).toContainEqual({
      to: "stop",
      topic: { kind: "person", personId: "trump" },
    });
  });

  it("after a correction it says so; after a withdrawal it keeps the title, the editors' note and the menu", () => {
    const corrected = storyPush(views.for("en", story), { mark: { kind: "corrected", date: "2026-12-01" } });
    expect(corrected.text).toContain("✏️ Corrected 1 December 2026");
    const withdrawn = storyPush(views.for("en", story), {
      mark: { kind: "withdrawn", note: { en: "the exchange was not confirmed" } },
      menuStory: riverside,
    });
    expect(withdrawn.text).toContain("⛔ Withdrawn by the editors: the exchange was not confirmed");
    expect(withdrawn.text).toContain(story.data.title.en);
    expect(withdrawn.text).not.toContain(story.data.standfirst.en);
    expect(rowsOf(withdrawn.reply_markup)).toEqual([
      [{ key: riverside.key, route: { to: "open", route: { to: "menu" } } }],
    ]);
  });
});

describe("a correction's push", () => {
  const note = { date: "2026-12-01", en: "Marc Fogel was released on 11 February, not 12 February." };

  it("says Corrected: <note>, the title, with a button to the story, Stop these (its corrections) and the menu", () => {
    const push = correctionPush(views.for("en", story), note);
    expect(push.text.split("\n")[0]).toBe(`✏️ Corrected: ${note.en}`);
    expect(push.text).toContain(story.data.title.en);
    expect(rowsOf(push.reply_markup).map((row) => row.map((t) => t.route))).toEqual([
      [{ to: "open", route: { to: "summary" } }],
      [{ to: "stop", topic: { kind: "story", storyId: story.data.id } }],
      [{ to: "open", route: { to: "menu" } }],
    ]);
  });

  it("in Arabic without an Arabic note: the original note, marked as untranslated", () => {
    const push = correctionPush(views.for("ar", riverside), { date: "2026-12-01", en: "The score was 2–1." });
    expect(push.text).toContain("تصحيح: ");
    expect(push.text).toContain("The score was 2–1.");
    expect(push.text).toContain("لا ترجمة عربية له بعد");
  });
});

describe("the daily digest", () => {
  it("is one message with every new story, a button each, Stop these and the menu", () => {
    const push = digestPush(views.for("en", riverside), [riverside, story]);
    expect(push?.text.split("\n")[0]).toBe("📰 Your daily digest: 2 new stories");
    expect(push?.text).toContain(`1. ${riverside.data.title.en}`);
    expect(push?.text).toContain(`2. ${story.data.title.en}`);
    const rows = rowsOf(push?.reply_markup ?? { inline_keyboard: [] });
    expect(rows.slice(0, 2)).toEqual([
      [{ key: riverside.key, route: { to: "open", route: { to: "menu" } } }],
      [{ key: story.key, route: { to: "open", route: { to: "menu" } } }],
    ]);
    expect(rows.at(-1)?.map((t) => t.route)).toEqual([
      { to: "stop", topic: { kind: "new" } },
      { to: "open", route: { to: "menu" } },
    ]);
  });

  it("in Arabic, with the right plural and mirrored rows", () => {
    const push = digestPush(views.for("ar", story), [story]);
    expect(push?.text).toContain("موجزك اليومي: خبر جديد واحد");
    const last = rowsOf(push?.reply_markup ?? { inline_keyboard: [] }).at(-1);
    expect(last?.map((t) => t.route.to)).toEqual(["open", "stop"]);
  });

  it("lists at most ten stories within one message, counts the rest and links to them all", () => {
    const many = Array.from({ length: 13 }, (_, i) =>
      storyCopy(story, `copy-${i}`, `2026-12-${String(i + 1).padStart(2, "0")}`),
    );
    const push = digestPush(views.for("en", story), many);
    expect(push?.text).toContain("13 new stories");
    expect(push?.text).toContain("…and 3 more stories.");
    expect(push?.text.length).toBeLessThanOrEqual(4096);
    const routes = routesOf(push?.reply_markup ?? { inline_keyboard: [] });
    expect(routes.filter((r) => r.to === "open" && r.route.to === "menu")).toHaveLength(DIGEST_STORIES + 1);
    expect(routes).toContainEqual({ to: "open", route: { to: "stories", page: 0 } });
  });

  it("is not sent empty", () => {
    expect(digestPush(views.for("en", story), [])).toBeUndefined();
    expect(renderDigest(views, [], { lang: "en", mode: "digest", digestHour: 8 })).toBeUndefined();
  });
});

describe("renderPush, the engine's entry", () => {
  const prefs = { lang: "en" as const, mode: "instant" as const };
  const storyEvent: PushEvent = {
    id: `story:${story.data.id}`,
    kind: "story",
    storyId: story.data.id,
    audience: [{ kind: "new" }],
  };

  it("renders a story event in the chat's language, a correction with its note, and nothing for a withdrawal", () => {
    expect(renderPush(views, { event: storyEvent, story, prefs })?.text).toContain(story.data.title.en);
    expect(renderPush(views, { event: storyEvent, story, prefs: { ...prefs, lang: "ar" } })?.text).toContain(
      story.data.title.ar,
    );
    const correction: PushEvent = {
      id: `correction:${story.data.id}:c1`,
      kind: "correction",
      storyId: story.data.id,
      correctionId: "c1",
      audience: [{ kind: "story", storyId: story.data.id }],
    };
    expect(
      renderPush(views, {
        event: correction,
        story,
        prefs,
        correction: { date: "2026-12-01", en: "A date." },
      })?.text,
    ).toContain("Corrected: A date.");
    expect(() => renderPush(views, { event: correction, story, prefs })).toThrow(/needs its note/);
    const withdrawal: PushEvent = {
      id: `withdrawal:${story.data.id}`,
      kind: "withdrawal",
      storyId: story.data.id,
      audience: [],
    };
    expect(renderPush(views, { event: withdrawal, story, prefs })).toBeUndefined();
  });
});
