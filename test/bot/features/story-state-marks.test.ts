/**
 * A story readers do not get yet (a draft, or one dated in the future), as the preview serves it: every
 * screen of it starts with the mark, and /stories marks it in its entry and button; live stories carry
 * none. In both interface languages.
 */
import { describe, expect, it } from "vitest";
import { fixedCatalog, makeCatalog } from "../../../src/content/library.js";
import { indexStory, type Story } from "../../../src/content/story.js";
import { createHarness, textOf, updates } from "../harness.js";
import { riversideStory } from "../multi-story.js";
import { realStory } from "../story-fixture.js";

function variant(story: Story, change: Partial<Story["data"]>): Story {
  return indexStory({ ...story.data, ...change }, story.source);
}

const MARK = {
  ar: { draft: "🚧 مسودة", scheduled: "🕒 مجدولة" },
  en: { draft: "🚧 DRAFT", scheduled: "🕒 SCHEDULED" },
} as const;

/** The first line of a reply, as the reader sees it first (direction marks aside). */
const firstLine = (call: Parameters<typeof textOf>[0]) => textOf(call).split("\n")[0] ?? "";

const buttons = (call: { payload: Record<string, unknown> } | undefined) =>
  (
    (call?.payload.reply_markup as { inline_keyboard?: Array<Array<{ text: string }>> } | undefined)
      ?.inline_keyboard ?? []
  )
    .flat()
    .map((b) => b.text);

describe.each(["ar", "en"] as const)("story state marks in the %s interface", (lang) => {
  it("a draft's screens start with the DRAFT mark, and /stories marks it while the live story has none", async () => {
    const draft = variant(riversideStory(), { draft: true });
    const h = createHarness({ stories: fixedCatalog([realStory(), draft]) });
    const [start] = await h.send(updates.command("/start", { lang }));
    expect(firstLine(start).includes(MARK[lang].draft)).toBe(true);
    const [full] = await h.send(updates.command("/full", { lang }));
    expect(firstLine(full).includes(MARK[lang].draft)).toBe(true);

    const [list] = await h.send(updates.command("/stories", { lang }));
    const text = textOf(list);
    // Marked in its own entry, not at the head of the list.
    expect(firstLine(list).includes(MARK[lang].draft)).toBe(false);
    expect(text.split(MARK[lang].draft)).toHaveLength(2);
    expect(text.indexOf(MARK[lang].draft)).toBeGreaterThan(text.indexOf(draft.data.title.en ?? "?"));
    const labels = buttons(list);
    expect(labels.filter((l) => l.includes("🚧"))).toHaveLength(1);
    // The label is cut at a whole word to fit the keyboard.
    expect(labels.find((l) => l.includes("🚧"))).toContain(
      (draft.data.title.en ?? "").split(" ").slice(0, 3).join(" "),
    );
  });

  it("a story dated after now, as the editor's desk serves it, is marked SCHEDULED; a live story is not marked", async () => {
    const scheduled = variant(riversideStory(), { published: "2999-01-01T00:00:00Z" });
    const desk = makeCatalog([realStory(), scheduled], { serveScheduled: true });
    if (!desk) throw new Error("no catalog");
    const h = createHarness({ stories: { current: desk } });
    const [start] = await h.send(updates.command("/start", { lang }));
    expect(firstLine(start).includes(MARK[lang].scheduled)).toBe(true);
    const live = createHarness({ stories: fixedCatalog([realStory()]) });
    const [plain] = await live.send(updates.command("/start", { lang }));
    expect(textOf(plain)).not.toContain("🚧");
    expect(textOf(plain)).not.toContain("🕒");
  });
});
