/**
 * Groups: a message the bot sent in a group keeps the chat's language (that of the member who opened the bot
 * there, remembered per chat); another member's tap is answered in their own language as a toast, and the
 * shared message is never rewritten into their language.
 */
import { describe, expect, it } from "vitest";
import { createMemoryStore } from "../../../src/storage/index.js";
import { createHarness, story, textOf, updates } from "../harness.js";

const GROUP = updates.DEFAULT_SUPERGROUP_ID;
const ARAB = 42;
const ENGLISH = 43;
const arabic = story.data.sections[0]?.paragraphs[0]?.ar ?? "missing";
const english = story.data.sections[0]?.paragraphs[0]?.en ?? "missing";

const inGroup = (userId: number, lang: string) => ({
  chatId: GROUP,
  chatType: "supergroup" as const,
  userId,
  lang,
});
const toastOf = (calls: { method: string; payload: Record<string, unknown> }[]) =>
  calls.find((c) => c.method === "answerCallbackQuery")?.payload.text;

describe("a group keeps the language it was opened in", () => {
  it.each([
    ["ar", "en-US", ARAB, ENGLISH, arabic, english],
    ["en-US", "ar", ENGLISH, ARAB, english, arabic],
  ])(
    "opened by a %s member, tapped by a %s member",
    async (openerLang, otherLang, opener, other, kept, foreign) => {
      const h = createHarness();
      await h.send(updates.groupCommand("/start", inGroup(opener, openerLang)));
      const menu = h.last(GROUP);
      const full = menu.buttons.find((b) => b.data.includes(".f:"));
      expect(full?.data).toBe(openerLang === "ar" ? "pt.f:ar" : "pt.f:en");

      const calls = await h.press(menu, full?.data ?? "", inGroup(other, otherLang));
      const edited = h.shown(GROUP, menu.messageId).text;
      expect(edited).toContain(kept);
      expect(edited).not.toContain(foreign);
      // No edit in the other member's language, and a toast in theirs.
      for (const call of calls.filter((c) => c.method === "editMessageText"))
        expect(textOf(call)).not.toContain(foreign);
      const otherUi = otherLang === "ar" ? "ar" : "en";
      const chatLang = openerLang === "ar" ? "ar" : "en";
      expect(toastOf(calls)).toBe(h.i18n.t(otherUi, "group-language-toast", { lang: chatLang }));
    },
  );

  it("answers the opener's own taps without a toast", async () => {
    const h = createHarness();
    await h.send(updates.groupCommand("/start", inGroup(ARAB, "ar")));
    const menu = h.last(GROUP);
    const calls = await h.press(menu, "pt.h", inGroup(ARAB, "ar"));
    expect(toastOf(calls)).toBeUndefined();
  });

  it("answers another member's commands in the chat's language, and their private chat in their own", async () => {
    const h = createHarness();
    await h.send(updates.groupCommand("/start", inGroup(ARAB, "ar")));
    const inGroupReply = (await h.send(updates.groupCommand("/full", inGroup(ENGLISH, "en-US"))))
      .map(textOf)
      .join("\n");
    expect(inGroupReply).toContain(arabic);
    const privately = (
      await h.send(updates.command("/full", { userId: ENGLISH, chatId: ENGLISH, lang: "en-US" }))
    )
      .map(textOf)
      .join("\n");
    expect(privately).toContain(english);
  });

  it("remembers the language per chat, across a restart on the same store", async () => {
    const store = createMemoryStore();
    const first = createHarness({ store });
    await first.send(updates.groupCommand("/start", inGroup(ENGLISH, "en-US")));
    await first.send(updates.groupCommand("/start", { ...inGroup(ARAB, "ar"), chatId: GROUP - 1 }));
    const again = createHarness({ store });
    const english_ = (await again.send(updates.groupCommand("/full", inGroup(ARAB, "ar"))))
      .map(textOf)
      .join("\n");
    expect(english_).toContain(english);
    const other = (
      await again.send(updates.groupCommand("/full", { ...inGroup(ENGLISH, "en-US"), chatId: GROUP - 1 }))
    )
      .map(textOf)
      .join("\n");
    expect(other).toContain(arabic);
  });

  it("a language chosen with /language in the group becomes the chat's", async () => {
    const h = createHarness();
    await h.send(updates.groupCommand("/language", inGroup(ARAB, "ar")));
    const chooser = h.last(GROUP);
    const calls = await h.press(chooser, "pt.l:en", inGroup(ARAB, "ar"));
    expect(toastOf(calls)).toBe(h.i18n.t("en", "language-set-group"));
    const reply = (await h.send(updates.groupCommand("/full", inGroup(ENGLISH, "en-US"))))
      .map(textOf)
      .join("\n");
    expect(reply).toContain(english);
  });
});
