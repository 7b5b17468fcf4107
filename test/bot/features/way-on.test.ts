/**
 * Issue 9, a way on from every message: each message the bot sends in a private chat carries at least the
 * Menu button, and links that lead nowhere say so above the menu.
 */
import type { InlineKeyboardMarkup } from "grammy/types";
import { describe, expect, it } from "vitest";
import { decodeTarget } from "../../../src/bot/routes.js";
import type { ApiCall } from "../../helpers/fake-telegram.js";
import { quotesDialog } from "../../helpers/quotes-dialog.js";
import { createTestApp } from "../../helpers/test-app.js";
import { createHarness, methods, story, textOf, updates } from "../harness.js";

/** The decoded destinations of a call's buttons, in the order of the rows' arrays. */
function routesOf(call: ApiCall | undefined): string[] {
  const markup = call?.payload.reply_markup as InlineKeyboardMarkup | undefined;
  return (
    markup?.inline_keyboard
      .flat()
      .map((b) => ("callback_data" in b ? (decodeTarget(b.callback_data ?? "")?.route.to ?? "?") : "?")) ?? []
  );
}

describe.each(["ar", "en"] as const)("a way on from every message (%s)", (lang) => {
  const opts = { lang };

  it("the quotes question offers Menu beside Cancel", async () => {
    const h = createHarness();
    const [ask] = await h.send(updates.command("/quotes", opts));
    expect(routesOf(ask)).toEqual(expect.arrayContaining(["cancel", "menu"]));
  });

  it("/cancel answers with the menu's buttons, and with a Menu button when nothing was in progress", async () => {
    const h = createHarness();
    await h.send(updates.command("/quotes", opts));
    const [cancelled] = await h.send(updates.command("/cancel", opts));
    expect(routesOf(cancelled)).toEqual(expect.arrayContaining(["summary", "toc", "speakers"]));
    const [nothing] = await h.send(updates.command("/cancel", opts));
    expect(routesOf(nothing)).toEqual(["menu"]);
  });

  it("the Cancel button returns the question to the menu it was asked from", async () => {
    const h = createHarness();
    await h.send(updates.command("/start", opts));
    const menu = h.last();
    const quotes = menu.buttons.find((b) => decodeTarget(b.data)?.route.to === "speakers");
    await h.press(menu, quotes?.data ?? "", opts);
    const asked = h.shown(menu.chatId, menu.messageId);
    const cancel = asked.buttons.find((b) => decodeTarget(b.data)?.route.to === "cancel");
    await h.press(asked, cancel?.data ?? "", opts);
    // The menu again, without /start's greeting (its first line and the blank line after it).
    const greeted = menu.text.split("\n");
    expect(greeted[1]).toBe("");
    expect(h.shown(menu.chatId, menu.messageId)).toEqual({ ...menu, text: greeted.slice(2).join("\n") });
  });

  it.each(["summary", "exchange"])(
    "Cancel returns the question to the screen it was asked from (/%s)",
    async (command) => {
      const h = createHarness();
      await h.send(updates.command(`/${command}`, opts));
      const from = h.last();
      const quotes = from.buttons.find((b) => decodeTarget(b.data)?.route.to === "speakers");
      await h.press(from, quotes?.data ?? "", opts);
      const asked = h.shown(from.chatId, from.messageId);
      expect(asked.text).not.toBe(from.text);
      const cancel = asked.buttons.find((b) => decodeTarget(b.data)?.route.to === "cancel");
      await h.press(asked, cancel?.data ?? "", opts);
      expect(h.shown(from.chatId, from.messageId)).toEqual(from);
      expect(await quotesDialog(h.store).read("42")).toBeUndefined();
    },
  );

  it("the third miss offers Try again and Menu; Try again asks anew", async () => {
    const h = createHarness();
    await h.send(updates.command("/quotes", opts));
    let last: ApiCall[] = [];
    for (const name of ["نتنياهو", "Biden", "Merkel"]) last = await h.send(updates.message(name, opts));
    expect(routesOf(last[0])).toEqual(lang === "ar" ? ["menu", "speakers"] : ["speakers", "menu"]);
    const gaveUp = h.last();
    const again = gaveUp.buttons.find((b) => decodeTarget(b.data)?.route.to === "speakers");
    await h.press(gaveUp, again?.data ?? "", opts);
    expect(await quotesDialog(h.store).read("42")).toBeDefined();
  });

  it("the generic error carries the Menu button", async () => {
    const h = createHarness();
    h.tg.inject({
      method: "sendMessage",
      fault: { kind: "error", error_code: 500, description: "Internal Server Error" },
    });
    const calls = await h.send(updates.command("/summary", opts));
    expect(methods(calls)).toEqual(["sendMessage", "sendMessage"]);
    expect(routesOf(calls[1])).toEqual(["menu"]);
  });

  it("the slow-down notice carries the Menu button", async () => {
    const t = createTestApp();
    const sent: ApiCall[] = [];
    for (let i = 0; i < 6; i++) sent.push(...(await t.send(updates.command("/help", opts))));
    const notice = sent.filter((c) => c.method === "sendMessage").at(-1);
    expect(textOf(notice)).toMatch(lang === "ar" ? /^مهلاً/ : /^Easy!/);
    expect(routesOf(notice)).toEqual(["menu"]);
  });

  it("stickers, photos and voice notes get a short hint with the menu", async () => {
    const h = createHarness();
    const base = updates.message("x", opts);
    const { text: _text, ...rest } = base.message;
    for (const media of [
      {
        sticker: {
          file_id: "s",
          file_unique_id: "s",
          type: "regular",
          width: 1,
          height: 1,
          is_animated: false,
          is_video: false,
        },
      },
      { photo: [{ file_id: "p", file_unique_id: "p", width: 1, height: 1 }] },
      { voice: { file_id: "v", file_unique_id: "v", duration: 1 } },
    ]) {
      const calls = await h.send({
        update_id: base.update_id + 1000,
        message: { ...rest, ...media },
      } as never);
      expect(methods(calls)).toEqual(["sendMessage"]);
      expect(textOf(calls[0])).toContain(lang === "ar" ? "أقرأ النصوص فقط" : "I read only text");
      expect(routesOf(calls[0])).toEqual(expect.arrayContaining(["summary", "speakers"]));
    }
  });

  it("a deep link to the quotes of someone not quoted opens their person screen", async () => {
    const h = createHarness();
    const [reply] = await h.send(updates.command("/start quotes-vinnik", opts));
    expect(textOf(reply)).toContain(story.people.get("vinnik")?.name[lang]);
    expect(textOf(reply)).not.toContain(lang === "ar" ? "أهلاً بك" : "Welcome");
  });

  it.each(["section-nope", "person-nobody", "bogus", "pt_bogus", "zz_menu"])(
    "a link that leads nowhere (%s) says so in one line above the menu",
    async (payload) => {
      const h = createHarness();
      const [reply] = await h.send(updates.command(`/start ${payload}`, opts));
      const text = textOf(reply);
      const notice =
        lang === "ar"
          ? "هذا الرابط لا يؤدي إلى شيء في هذا الخبر"
          : "That link leads to nothing in this story";
      expect(text.split("\n")[0]).toContain(notice);
      expect(text).toContain(story.data.title[lang] ?? story.data.title.ar);
      expect(routesOf(reply)).toEqual(expect.arrayContaining(["summary", "toc", "help"]));
    },
  );
});
