/**
 * A scheduled story through the bot's real entry point, on a fake clock: invisible everywhere (/start,
 * /stories, deep links, buttons, inline results, the bot's description) until its `published` time, then
 * live everywhere, made so by the library's timer with no reload.
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { registerProfile } from "../../../src/bot/profile.js";
import { encodeTarget, targetPayload } from "../../../src/bot/routes.js";
import { type LibraryLog, StoryLibrary } from "../../../src/content/library.js";
import { createHarness, type Harness, methods, textOf, updates } from "../harness.js";
import { EDITOR_FIXTURES, fixtureStory, SCHEDULED_AT } from "../multi-story.js";

const silent: LibraryLog = { info: () => undefined, warn: () => undefined, error: () => undefined };
const harbour = fixtureStory(EDITOR_FIXTURES.scheduled);
const TITLE = { en: harbour.data.title.en ?? "", ar: harbour.data.title.ar ?? "" };
let dir = "";
let library: StoryLibrary;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
  vi.setSystemTime(SCHEDULED_AT - 2 * 3_600_000);
  dir = mkdtempSync(join(tmpdir(), "khabar-scheduled-"));
  for (const id of ["riverside-final", EDITOR_FIXTURES.scheduled])
    cpSync(`test/fixtures/stories/${id}`, join(dir, id), { recursive: true });
  library = StoryLibrary.open(dir, silent);
});
afterEach(() => {
  library.close();
  vi.useRealTimers();
  rmSync(dir, { recursive: true, force: true });
});

/** Everything a reader could reach the story by, in one language: what each shows. */
async function look(h: Harness, lang: "ar" | "en") {
  const start = textOf((await h.send(updates.command("/start", { lang })))[0]);
  const startMessage = h.last();
  const list = await h.send(updates.command("/stories", { lang }));
  const stories = list.map(textOf).join("\n") + JSON.stringify(list.map((c) => c.payload.reply_markup));
  const link = textOf(
    (await h.send(updates.command(`/start ${targetPayload(harbour.key, { to: "toc" })}`, { lang })))[0],
  );
  // A forged (or, before its time, impossible) button of the story, on the start message.
  const press = await h.press(startMessage, encodeTarget(harbour.key, { to: "toc" }), { lang });
  const inline = JSON.stringify((await h.send(updates.inlineQuery("Haddad", { lang })))[0]?.payload);
  const headlines = JSON.stringify((await h.send(updates.inlineQuery("", { lang })))[0]?.payload);
  const search = textOf((await h.send(updates.command("/search terminal", { lang })))[0]);
  return { start, stories, link, press, inline, headlines, search };
}

describe("a scheduled story", () => {
  it.each(["en", "ar"] as const)(
    "is served nowhere before its time and everywhere after it, with no reload (%s)",
    async (lang) => {
      const h = createHarness({ stories: library });
      const title = lang === "ar" ? TITLE.ar : TITLE.en;
      const before = await look(h, lang);
      expect(before.start).not.toContain(title);
      expect(before.stories).not.toContain(title);
      // A deep link to it names nothing the bot has: the menu of the story served, with a one-line notice.
      expect(before.link).not.toContain(title);
      expect(before.link).toContain(lang === "ar" ? "هذا الرابط لا يؤدي" : "That link leads to nothing");
      expect(methods(before.press)).toEqual(["answerCallbackQuery"]);
      expect(textOf(before.press[0])).toBe(
        lang === "ar"
          ? "هذا الزر لم يعد صالحاً. افتح القائمة من جديد."
          : "This button has expired. Open the menu again.",
      );
      expect(before.inline).not.toContain("Haddad");
      expect(before.headlines).not.toContain(TITLE.en);
      expect(before.headlines).not.toContain(TITLE.ar);
      expect(before.search).not.toContain("terminal brings");

      vi.advanceTimersByTime(2 * 3_600_000);

      const after = await look(h, lang);
      expect(after.start).toContain(title);
      expect(after.stories).toContain(title);
      expect(after.link).toContain(lang === "ar" ? "محتويات الخبر" : "Contents");
      expect(after.link).not.toContain(lang === "ar" ? "هذا الرابط لا يؤدي" : "That link leads to nothing");
      expect(methods(after.press)).toEqual(["answerCallbackQuery", "editMessageText"]);
      expect(after.inline).toContain("Haddad");
      expect(after.headlines).toContain(title);
      expect(after.search).toContain("terminal");
      expect(h.tg.violations).toEqual([]);
    },
  );

  it("the bot's description names it only once it is live, registered anew when the timer swaps it in", async () => {
    const h = createHarness({ stories: library });
    const register = () => registerProfile(h.bot.api, h.i18n, "en", library.current.stories);
    const swapped: Promise<void>[] = [];
    library.onSwap(() => swapped.push(register()));
    await register();
    expect(h.tg.profile.description.get("en")).toContain("Riverside FC");
    expect(h.tg.profile.description.get("en")).not.toContain(TITLE.en);
    vi.advanceTimersByTime(2 * 3_600_000 - 1);
    expect(swapped).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(swapped).toHaveLength(1);
    await Promise.all(swapped);
    expect(h.tg.profile.description.get("en")).toContain(TITLE.en);
    expect(h.tg.profile.description.get("ar")).toContain(TITLE.ar);
  });
});
