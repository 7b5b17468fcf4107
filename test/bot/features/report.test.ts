/**
 * "Report an error": the ✍️ button and /report, what reaches the editors' chat (and what never does), the
 * "let the editors answer me" switch, an editor's reply relayed to the reader, the daily limit, and no
 * button without an editors' chat; through `bot.handleUpdate` against the Bot API model, in both languages.
 */
import pino from "pino";
import { describe, expect, it } from "vitest";
import { REPORTS_PER_DAY } from "../../../src/bot/features/report.js";
import { decodeTarget, targetPayload } from "../../../src/bot/routes.js";
import { fixedCatalog } from "../../../src/content/library.js";
import { createHarness, textOf, updates } from "../harness.js";
import { libraryStory } from "../multi-story.js";
import { realStory } from "../story-fixture.js";

const EDITORS = -1001112223334;
const READER = { userId: 4242, firstName: "Mariam", username: "mariam_reads" };
const library = libraryStory();
const stories = fixedCatalog([realStory(), library]);
const plain = (text: string) => text.replace(/[\u200f\u2068\u2069]/g, "");
const WORDS = "الفقرة الثانية تنسب القول إلى الشخص الخطأ، راجعوها رجاءً";

function harness(logs?: string[]) {
  const logger =
    logs === undefined
      ? undefined
      : pino({ level: "debug" }, { write: (line: string) => void logs.push(line) });
  return createHarness({ stories, editorsChatId: EDITORS, ...(logger ? { logger } : {}) });
}

type H = ReturnType<typeof harness>;

function buttonTo(h: H, to: string, chatId = READER.userId) {
  const shown = h.last(chatId);
  const found = shown.buttons.find((b) => decodeTarget(b.data)?.route.to === to);
  if (found === undefined) throw new Error(`no ${to} button on «${shown.text.slice(0, 40)}»`);
  return { shown, data: found.data };
}

describe.each(["ar", "en"] as const)("reporting an error (%s)", (lang) => {
  const opts = { ...READER, lang };

  it("sends the reader's words with the story and screen, and without their name or id", async () => {
    const logs: string[] = [];
    const h = harness(logs);
    await h.send(updates.command("/start", opts));
    const { shown, data } = buttonTo(h, "report");
    await h.press(shown, data, opts);
    const prompt = plain(h.last(READER.userId).text);
    expect(prompt).toContain(lang === "ar" ? "ما الخطأ في «" : "What is wrong in “");
    await h.send(updates.message(WORDS, opts));
    const [report] = h.tg.sentTo(EDITORS);
    const text = plain(report?.text ?? "");
    expect(text).toContain(WORDS);
    // The editors' chat reads the bot's default language (Arabic here), whatever the reader's.
    expect(text).toContain(library.data.title.ar ?? "-");
    expect(text).toContain("library-opening");
    expect(text).not.toMatch(/Mariam|mariam_reads|4242/);
    expect(plain(h.last(READER.userId).text)).toContain(lang === "ar" ? "دون اسمك" : "without your name");
    // Nothing the reader wrote or is, in the logs.
    const logged = logs.join("\n");
    expect(logged).toContain("report was sent");
    expect(logged).not.toMatch(/Mariam|mariam_reads|4242|الفقرة الثانية/);
    expect(h.tg.violations).toEqual([]);
  });

  it("names the section and its passage when sent from a section screen, and the reader's words", async () => {
    const h = harness();
    await h.send(
      updates.command(`/start ${targetPayload(library.key, { to: "section", id: "reactions" })}`, opts),
    );
    const { shown, data } = buttonTo(h, "report");
    await h.press(shown, data, opts);
    await h.send(updates.message("typo", opts));
    const text = plain(h.tg.sentTo(EDITORS)[0]?.text ?? "");
    expect(text).toContain("(reactions)");
    expect(text).toContain(library.data.sections[1]?.paragraphs[0]?.ar ?? "-");
    expect(text).toContain("typo");
  });

  it("with «let the editors answer me» ticked, relays an editor's reply to the reader", async () => {
    const h = harness();
    await h.send(updates.command("/report", opts));
    const { shown, data } = buttonTo(h, "report-answerable");
    await h.press(shown, data, opts);
    expect(h.shown(shown.chatId, shown.messageId).buttons[0]?.text).toContain("☑️");
    await h.send(updates.message(WORDS, opts));
    const report = h.tg.sentTo(EDITORS)[0];
    expect(plain(report?.text ?? "")).toContain("Mariam");
    expect(plain(report?.text ?? "")).not.toMatch(/4242|mariam_reads/);
    const reply = updates.groupMessage("شكراً، صححناها.", {
      chatId: EDITORS,
      userId: 777,
      firstName: "Editor",
    });
    reply.message.reply_to_message = h.tg.getMessage(EDITORS, report?.message_id ?? 0) as never;
    await h.send(reply);
    const relayed = plain(h.last(READER.userId).text);
    expect(relayed).toContain("شكراً، صححناها.");
    expect(relayed).toContain(lang === "ar" ? "رد المحررين" : "The editors answered");
    expect(plain(h.last(EDITORS).text)).toMatch(/✓/);
    expect(h.tg.violations).toEqual([]);
  });

  it("does not relay an answer to a reader who did not ask for one", async () => {
    const h = harness();
    await h.send(updates.command("/report", opts));
    await h.send(updates.message(WORDS, opts));
    const report = h.tg.sentTo(EDITORS)[0];
    const before = h.tg.sentTo(READER.userId).length;
    const reply = updates.groupMessage("answer", { chatId: EDITORS, userId: 777 });
    reply.message.reply_to_message = h.tg.getMessage(EDITORS, report?.message_id ?? 0) as never;
    await h.send(reply);
    expect(h.tg.sentTo(READER.userId)).toHaveLength(before);
    expect(plain(h.last(EDITORS).text)).toMatch(/cannot be delivered|لا يمكن إيصال/);
  });

  it(`takes ${REPORTS_PER_DAY} reports a day from one reader, then says so`, async () => {
    const h = harness();
    for (let i = 0; i < REPORTS_PER_DAY; i++) {
      await h.send(updates.command("/report", opts));
      await h.send(updates.message(`report ${i}`, opts));
    }
    await h.send(updates.command("/report", opts));
    await h.send(updates.message("one more", opts));
    expect(h.tg.sentTo(EDITORS)).toHaveLength(REPORTS_PER_DAY);
    expect(plain(h.tg.sentTo(READER.userId).at(-2)?.text ?? "")).toMatch(/daily limit|الحد اليومي/);
  });

  it("Cancel drops the report; the next message is read as usual", async () => {
    const h = harness();
    await h.send(updates.command("/report", opts));
    const { shown, data } = buttonTo(h, "report-cancel");
    await h.press(shown, data, opts);
    await h.send(updates.message(WORDS, opts));
    expect(h.tg.sentTo(EDITORS)).toHaveLength(0);
  });
});

describe("without an editors' chat", () => {
  it.each(["ar", "en"] as const)("shows no ✍️ button and no /report in help (%s)", async (lang) => {
    const h = createHarness({ stories });
    const [start] = await h.send(updates.command("/start", { lang }));
    expect(JSON.stringify(start?.payload.reply_markup)).not.toContain("✍️");
    expect(textOf((await h.send(updates.command("/help", { lang })))[0])).not.toContain("/report");
    const [report] = await h.send(updates.command("/report", { lang }));
    expect(plain(textOf(report))).toMatch(/does not take error reports|لا يستقبل هذا البوت بلاغات/);
    const withChat = harness();
    const [help] = await withChat.send(updates.command("/help", { lang }));
    expect(textOf(help)).toContain("/report");
  });
});
