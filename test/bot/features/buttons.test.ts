import { describe, expect, it } from "vitest";
import { createHarness, exchange, methods, story, textOf, updates } from "../harness.js";

describe("a button press costs one answer and one edit of the same message", () => {
  it.each([
    ["sm", story.data.summary[2]?.ar ?? ""],
    ["f:ar", story.data.sections[1]?.paragraphs[0]?.ar ?? ""],
    ["f:en", story.data.sections[1]?.paragraphs[0]?.en ?? ""],
    ["t", story.data.sections[2]?.title?.ar ?? ""],
    ["s:trump-statement", story.data.sections[1]?.paragraphs[6]?.ar ?? ""],
    ["q:trump", story.quotesBy.get("trump")?.[3]?.ar ?? ""],
    ["x", exchange.groups[2]?.facts[0]?.text.ar ?? ""],
    ["xs", story.paragraphs.get("exchange-3")?.ar ?? ""],
    ["p", story.people.get("rubio")?.role?.ar ?? ""],
    ["p:vinnik", story.people.get("vinnik")?.role?.ar ?? ""],
    ["l", "اختر لغة الواجهة"],
    ["h", "المساعدة"],
    ["m", story.data.standfirst.ar],
  ])("%s", async (data, expected) => {
    const h = createHarness();
    await h.send(updates.command(data === "m" ? "/help" : "/start"));
    const menu = h.last();
    const calls = await h.press(menu, data);
    expect(methods(calls).sort()).toEqual(["answerCallbackQuery", "editMessageText"]);
    const edit = calls.find((c) => c.method === "editMessageText");
    expect(edit?.payload.message_id).toBe(menu.messageId);
    expect(textOf(edit)).toContain(expected);
    expect(h.tg.violations).toEqual([]);
  });

  it("answers and edits concurrently, not one after the other", async () => {
    const h = createHarness();
    await h.send(updates.command("/start"));
    h.tg.latencyMs = 100;
    const started = Date.now();
    const calls = await h.press(h.last(), "sm");
    const elapsed = Date.now() - started;
    expect(methods(calls).sort()).toEqual(["answerCallbackQuery", "editMessageText"]);
    const [a, b] = calls;
    // Both calls were in flight at once: the second started before the first finished.
    expect(Math.abs((a?.at ?? 0) - (b?.at ?? 0))).toBeLessThan(50);
    expect(elapsed).toBeLessThan(190);
  });
});

describe("sections edit in place with previous / next", () => {
  it("walks from the first section to the last and back in one message", async () => {
    const h = createHarness();
    await h.send(updates.command("/sections"));
    let current = h.last();
    await h.press(current, "s:call");
    current = h.shown(current.chatId, current.messageId);
    // Share has no callback data (it opens Telegram's chat picker): only the buttons that edit are listed.
    const data = () => current.buttons.map((b) => b.data).filter((d) => d !== "");
    // Arabic rows are mirrored: the first in reading order (Contents) sits on the right, last in the array.
    expect(data()).toEqual(["pt.s:trump-statement", "pt.m", "pt.t"]);
    for (const id of ["trump-statement", "exchange", "background"]) {
      const next = current.buttons.find((b) => b.data === `pt.s:${id}`);
      if (!next) throw new Error(`no button to ${id}`);
      await h.press(current, next.data);
      current = h.shown(current.chatId, current.messageId);
      expect(current.text).toContain(story.sections.get(id)?.paragraphs[0]?.ar);
      if (id === "exchange") {
        // Next on the left pointing left, previous on the right pointing right: next first in the row.
        expect(current.buttons.slice(0, 2)).toEqual([
          { text: "التالي ←", data: "pt.s:background" },
          // A label that starts with the arrow gets a right-to-left mark first, so it is drawn from the right.
          { text: "\u200f→ السابق", data: "pt.s:trump-statement" },
        ]);
      }
    }
    expect(data()).toEqual(["pt.s:exchange", "pt.m", "pt.t"]);
    expect(h.tg.sentTo(42)).toHaveLength(1);
  });

  it("in English, previous is on the left pointing left and next on the right pointing right", async () => {
    const h = createHarness();
    await h.send(updates.command("/start section-exchange", { lang: "en" }));
    const shown = h.last();
    expect(shown.buttons.slice(0, 2)).toEqual([
      { text: "← Previous", data: "pt.s:trump-statement" },
      { text: "Next →", data: "pt.s:background" },
    ]);
    await h.send(updates.command("/sections", { lang: "en" }));
    expect(h.last().buttons.find((b) => b.text.startsWith("▸ "))?.data).toBe("pt.s:exchange");
  });

  it("remembers the reader's place and marks it in the contents", async () => {
    const h = createHarness();
    await h.send(updates.command("/start section-exchange"));
    const toc = await h.send(updates.command("/sections"));
    const markup = toc[0]?.payload.reply_markup as
      | { inline_keyboard: Array<Array<{ text: string }>> }
      | undefined;
    const labels = markup?.inline_keyboard.flat() ?? [];
    // The marker starts the label on the right and points left, into it.
    expect(labels.find((b) => b.text.includes("◂"))?.text).toContain(
      story.sections.get("exchange")?.title?.ar,
    );
    expect(await h.store.adapter("session").read("42")).toEqual({
      story: "putin-trump-call",
      section: "exchange",
    });
  });
});

describe("stale, forged and malformed buttons are answered with a notice, never an exception", () => {
  it.each([
    "s:gone",
    "q:nobody",
    "p:nobody",
    "zz",
    "s:UPPER",
    "f:fr",
    "",
    "x".repeat(64),
    "s:ترامب",
    "q:putin",
  ])("%j", async (data) => {
    const h = createHarness();
    await h.send(updates.command("/start"));
    const before = h.shown(42, h.last().messageId);
    const calls = await h.press(before, data);
    expect(methods(calls)).toEqual(["answerCallbackQuery"]);
    expect(calls[0]?.payload.text).toBe("هذا الزر لم يعد صالحاً. افتح القائمة من جديد.");
    expect(h.shown(42, before.messageId).text).toBe(before.text);
  });

  it("in English for an English reader", async () => {
    const h = createHarness();
    const calls = await h.send(updates.callback("nonsense", { lang: "en", tg: h.tg }));
    expect(calls[0]?.payload.text).toBe("This button has expired. Open the menu again.");
  });

  it("a button on an inline-mode message (no chat) is answered too", async () => {
    const h = createHarness();
    const calls = await h.send(updates.callback("sm", { inlineMessageId: "inl-1", lang: "en" }));
    expect(methods(calls)).toEqual(["answerCallbackQuery"]);
    expect(calls[0]?.payload.text).toBe("This button has expired. Open the menu again.");
  });

  it("a stale Cancel button says there is nothing to cancel", async () => {
    const h = createHarness();
    const calls = await h.send(updates.callback("c", { tg: h.tg }));
    expect(methods(calls)).toEqual(["answerCallbackQuery"]);
    expect(calls[0]?.payload.text).toBe("لا شيء لإلغائه.");
  });
});

describe("a button that re-shows what is shown", () => {
  it("is not an error when Telegram answers 'message is not modified'", async () => {
    const h = createHarness();
    await h.send(updates.command("/summary"));
    const shown = h.last();
    await h.press(shown, "sm");
    const again = await h.press(h.shown(42, shown.messageId), "sm");
    expect(methods(again).sort()).toEqual(["answerCallbackQuery", "editMessageText"]);
    expect(again.find((c) => c.method === "editMessageText")?.error?.description).toMatch(
      /message is not modified/,
    );
    expect(again.filter((c) => c.method === "sendMessage")).toEqual([]);
    expect(h.tg.answeredCallbackQueries.size).toBe(2);
  });

  it("shows the screen as a new message when the old one can no longer be edited", async () => {
    const h = createHarness();
    h.tg.inject({
      method: "editMessageText",
      fault: { kind: "error", error_code: 400, description: "Bad Request: message can't be edited" },
    });
    const calls = await h.send(updates.callback("sm", { chatId: 42, messageId: 999 }));
    expect(methods(calls).sort()).toEqual(["answerCallbackQuery", "editMessageText", "sendMessage"]);
    expect(textOf(calls.find((c) => c.method === "sendMessage"))).toContain(story.data.summary[0]?.ar);
  });
});
