/**
 * Issue 20, Build 4: `/language` in a group changes the group's language only; the member's private chat
 * keeps the language they read it in.
 */
import { describe, expect, it } from "vitest";
import { encodeTarget } from "../../../src/bot/routes.js";
import { createHarness, story, textOf, updates } from "../harness.js";

const GROUP = updates.DEFAULT_SUPERGROUP_ID;
const inGroup = (lang: string) => ({ chatId: GROUP, chatType: "supergroup" as const, userId: 42, lang });
const bare = (text: string) => text.replace(/[\u200e\u200f\u2066-\u2069]/gu, "");

describe.each([
  ["ar", "en", "What would you like to read?", "ماذا تريد أن تقرأ؟"],
  ["en", "ar", "ماذا تريد أن تقرأ؟", "What would you like to read?"],
] as const)("a %s reader sets a group to %s", (own, chosen, groupHint, privateHint) => {
  it("the group switches; the reader's private chat does not", async () => {
    const h = createHarness();
    // The reader chose their language privately first, then sets the group to the other one.
    await h.send(updates.callback(encodeTarget(story.key, { to: "set-language", lang: own }), { lang: own }));
    await h.send(updates.groupCommand("/language", inGroup(own)));
    const picker = h.last(GROUP);
    const calls = await h.press(
      picker,
      encodeTarget(story.key, { to: "set-language", lang: chosen }),
      inGroup(own),
    );
    expect(bare(h.shown(GROUP, picker.messageId).text)).toContain(groupHint);
    // The toast says the chat changed, in the chosen language.
    const toast = String(calls.find((c) => c.method === "answerCallbackQuery")?.payload.text ?? "");
    expect(toast).toBe(h.i18n.t(chosen, "language-set-group"));
    const [menu] = await h.send(updates.command("/start", { lang: own }));
    expect(bare(textOf(menu))).toContain(privateHint);
    // A reader who never chose privately keeps Telegram's language too.
    const fresh = createHarness();
    await fresh.send(updates.groupCommand("/language", inGroup(own)));
    const other = fresh.last(GROUP);
    await fresh.press(other, encodeTarget(story.key, { to: "set-language", lang: chosen }), inGroup(own));
    const [start] = await fresh.send(updates.command("/start", { lang: own }));
    expect(bare(textOf(start))).toContain(privateHint);
  });
});
