import type { InlineKeyboardMarkup } from "grammy/types";
import { describe, expect, it } from "vitest";
import { storyPush } from "../../../src/bot/render/push.js";
import { decodeTarget, encodeTarget, type Route } from "../../../src/bot/routes.js";
import type { ApiCall } from "../../helpers/fake-telegram.js";
import { createHarness, type Harness, methods, story, textOf, updates } from "../harness.js";

type Lang = "ar" | "en";

/** What the Fluent files say, for the assertions (kept short: the start of each line). */
const SAYS = {
  ar: {
    followedNew: "تم: ستصلك الأخبار الجديدة هنا فور نشرها",
    you: "تتابع الآن:",
    nothing: "لا تتابع شيئاً بعد",
    ask: "أتريد إيقاف كل ما تتابعه هنا؟",
    stopped: "تم الإيقاف",
    nothingToStop: "لا شيء لإيقافه",
    zoneAsk: "بقي أمر واحد: منطقتك الزمنية.",
    digest: "موجز يومي واحد عند الساعة",
    quiet: "ساعات الهدوء من",
    admins: "لا يغيّر ما تتابعه هذه المجموعة إلا مشرفوها.",
    unknown: "لا شيء بهذا الاسم لتتابعه",
    stoppedThese: "أوقفتَ متابعة: الأخبار الجديدة",
    undone: "عادت المتابعة: الأخبار الجديدة",
    undo: "تراجع",
    stop: "أوقف هذه",
    trump: "دونالد ترامب",
  },
  en: {
    followedNew: "Done: new stories will reach you here as soon as they are published",
    you: "You follow:",
    nothing: "You don't follow anything yet",
    ask: "Stop everything followed here?",
    stopped: "Stopped. Nothing more will be sent here.",
    nothingToStop: "There is nothing to stop",
    zoneAsk: "One more thing: your time zone.",
    digest: "Sent as one daily digest at 08:00",
    quiet: "Quiet hours 23:00–07:00",
    admins: "Only this group's admins can change what it follows.",
    unknown: "There is nothing by that name to follow",
    stoppedThese: "Stopped: New stories",
    undone: "Following again: New stories",
    undo: "Undo",
    stop: "Stop these",
    trump: "Donald Trump",
  },
} as const;

const data = (route: Route) => encodeTarget(story.key, route);
const routes = (markup: unknown): Route[] =>
  ((markup as InlineKeyboardMarkup | undefined)?.inline_keyboard ?? [])
    .flat()
    .flatMap((b) => ("callback_data" in b && b.callback_data ? [decodeTarget(b.callback_data)?.route] : []))
    .filter((r): r is Route => r !== undefined);
const sent = (calls: readonly ApiCall[]) => calls.find((c) => c.method === "sendMessage");
const edited = (calls: readonly ApiCall[]) => calls.find((c) => c.method === "editMessageText");
const notice = (calls: readonly ApiCall[]) =>
  String(calls.find((c) => c.method === "answerCallbackQuery")?.payload.text ?? "");

/** A private reader in one language, pressing buttons on the last message the bot sent them. */
function reader(h: Harness, lang: Lang) {
  const opts = { lang };
  return {
    command: (text: string) => h.send(updates.command(text, opts)),
    press: (route: Route) => h.send(updates.callback(data(route), { ...opts, tg: h.tg })),
  };
}

describe.each(["ar", "en"] as const)("following, in %s", (lang) => {
  const says = SAYS[lang];
  const chat = updates.DEFAULT_USER_ID;

  it("/follow follows new stories at once and shows the settings: what is followed, what else can be", async () => {
    const h = createHarness();
    const calls = await reader(h, lang).command("/follow");
    expect(methods(calls)).toEqual(["sendMessage"]);
    expect(await h.follows.topicsOf(chat)).toEqual([{ kind: "new" }]);
    expect(await h.follows.prefsOf(chat)).toEqual({ lang, mode: "instant" });
    const text = textOf(sent(calls));
    expect(text).toContain(says.followedNew);
    expect(text).toContain(says.you);
    const offered = routes(sent(calls)?.payload.reply_markup);
    expect(offered).toContainEqual({ to: "unfollow-topic", topic: { kind: "new" } });
    expect(offered).toContainEqual({ to: "follow-topic", topic: { kind: "story", storyId: story.data.id } });
    expect(offered).toContainEqual({ to: "follow-topic", topic: { kind: "person", personId: "trump" } });
    expect(offered).toContainEqual({ to: "when" });
    expect(offered).toContainEqual({ to: "quiet" });
    expect(offered).toContainEqual({ to: "unfollow-all" });
    expect(offered).toContainEqual({ to: "menu" });
    // A second /follow changes nothing and says so.
    const again = await reader(h, lang).command("/follow");
    expect(await h.follows.topicsOf(chat)).toEqual([{ kind: "new" }]);
    expect(textOf(sent(again))).not.toContain(says.followedNew);
  });

  it("the menu's 🔔 button follows new stories and turns the menu into the settings", async () => {
    const h = createHarness();
    await reader(h, lang).command("/start");
    const menu = h.last();
    const bell = menu.buttons.find((b) => decodeTarget(b.data)?.route.to === "follow");
    expect(bell?.text).toContain("🔔");
    const calls = await h.press(menu, bell?.data ?? "", { lang });
    expect(methods(calls).sort()).toEqual(["answerCallbackQuery", "editMessageText"]);
    expect(notice(calls)).toContain(says.followedNew);
    expect(await h.follows.topicsOf(chat)).toEqual([{ kind: "new" }]);
    expect(textOf(edited(calls))).toContain(says.you);
  });

  it("a story's corrections and a person are followed from the settings, listed by /following, and stopped one by one", async () => {
    const h = createHarness();
    const r = reader(h, lang);
    await r.command("/follow");
    await r.press({ to: "follow-topic", topic: { kind: "story", storyId: story.data.id } });
    const calls = await r.press({ to: "follow-topic", topic: { kind: "person", personId: "trump" } });
    expect(notice(calls)).toContain(says.trump);
    expect(await h.follows.topicsOf(chat)).toEqual([
      { kind: "new" },
      { kind: "story", storyId: story.data.id },
      { kind: "person", personId: "trump" },
    ]);
    const listed = await r.command("/following");
    expect(methods(listed)).toEqual(["sendMessage"]);
    expect(textOf(sent(listed))).toContain(says.trump);
    const stops = routes(sent(listed)?.payload.reply_markup).filter((x) => x.to === "unfollow-topic");
    expect(stops).toHaveLength(3);
    const stop = await r.press({ to: "unfollow-topic", topic: { kind: "person", personId: "trump" } });
    expect(methods(stop).sort()).toEqual(["answerCallbackQuery", "editMessageText"]);
    expect(await h.follows.topicsOf(chat)).toHaveLength(2);
    // A person no story names is not followed.
    await r.press({ to: "follow-topic", topic: { kind: "person", personId: "nobody" } });
    expect(await h.follows.topicsOf(chat)).toHaveLength(2);
  });

  it("/unfollow stops everything after one confirmation, and says so when there is nothing", async () => {
    const h = createHarness();
    const r = reader(h, lang);
    const none = await r.command("/unfollow");
    expect(textOf(sent(none))).toContain(says.nothingToStop);
    await r.command("/follow");
    await r.press({ to: "follow-topic", topic: { kind: "person", personId: "putin" } });
    const asked = await r.command("/unfollow");
    expect(textOf(sent(asked))).toContain(says.ask);
    expect(await h.follows.topicsOf(chat)).toHaveLength(2);
    expect(routes(sent(asked)?.payload.reply_markup)).toContainEqual({ to: "unfollow-all", sure: true });
    const done = await r.press({ to: "unfollow-all", sure: true });
    expect(notice(done)).toContain(says.stopped);
    expect(await h.follows.topicsOf(chat)).toEqual([]);
    expect(await h.follows.prefsOf(chat)).toBeUndefined();
    expect(textOf(edited(done))).toContain(says.nothing);
  });

  it("a digest hour asks the time zone once; the next hour does not; instant turns the digest off", async () => {
    const h = createHarness();
    const r = reader(h, lang);
    await r.command("/follow");
    const when = await r.press({ to: "when" });
    expect(routes(edited(when)?.payload.reply_markup)).toContainEqual({ to: "set-when", hour: 8 });
    const hour = await r.press({ to: "set-when", hour: 8 });
    expect(textOf(edited(hour))).toContain(says.zoneAsk);
    expect(routes(edited(hour)?.payload.reply_markup)).toContainEqual({ to: "set-zone", zone: "ruh" });
    expect(await h.follows.prefsOf(chat)).toEqual({ lang, mode: "digest", digestHour: 8 });
    const zone = await r.press({ to: "set-zone", zone: "ruh" });
    expect(await h.follows.prefsOf(chat)).toEqual({
      lang,
      mode: "digest",
      digestHour: 8,
      timeZone: "Asia/Riyadh",
    });
    if (lang === "en") expect(textOf(edited(zone))).toContain(says.digest);
    const next = await r.press({ to: "set-when", hour: 21 });
    expect(textOf(edited(next))).not.toContain(says.zoneAsk);
    expect((await h.follows.prefsOf(chat))?.digestHour).toBe(21);
    await r.press({ to: "set-when" });
    expect(await h.follows.prefsOf(chat)).toEqual({ lang, mode: "instant", timeZone: "Asia/Riyadh" });
  });

  it("quiet hours: a window (asking the zone first time, offsets offered) and none", async () => {
    const h = createHarness();
    const r = reader(h, lang);
    await r.command("/follow");
    const quiet = await r.press({ to: "quiet" });
    expect(routes(edited(quiet)?.payload.reply_markup)).toContainEqual({
      to: "set-quiet",
      window: { from: 23, to: 7 },
    });
    const set = await r.press({ to: "set-quiet", window: { from: 23, to: 7 } });
    expect(textOf(edited(set))).toContain(says.zoneAsk);
    const offsets = await r.press({ to: "zones", offsets: true });
    expect(routes(edited(offsets)?.payload.reply_markup)).toContainEqual({ to: "set-zone", zone: "u+530" });
    const zoned = await r.press({ to: "set-zone", zone: "u+530" });
    expect(await h.follows.prefsOf(chat)).toEqual({
      lang,
      mode: "instant",
      quiet: { from: 23, to: 7 },
      timeZone: "UTC+05:30",
    });
    expect(textOf(edited(zoned))).toContain(says.quiet);
    await r.press({ to: "set-quiet" });
    expect((await h.follows.prefsOf(chat))?.quiet).toBeUndefined();
  });

  it("a chat that follows nothing cannot set an hour: it is offered something to follow", async () => {
    const h = createHarness();
    const calls = await reader(h, lang).press({ to: "set-when", hour: 8 });
    expect(await h.follows.prefsOf(chat)).toBeUndefined();
    expect(textOf(edited(calls))).toContain(says.nothing);
  });

  it("a push's 🔕 Stop these stops its kind with one tap and becomes Undo; Undo follows again", async () => {
    const h = createHarness();
    await reader(h, lang).command("/follow");
    const push = storyPush(h.views.for(lang, story));
    const pushed = await h.bot.api.sendMessage(chat, push.text, {
      entities: push.entities,
      reply_markup: push.reply_markup,
    });
    const stopData = data({ to: "stop", topic: { kind: "new" } });
    const press = (d: string, markup: InlineKeyboardMarkup) =>
      h.send(
        updates.callback(d, {
          lang,
          messageId: pushed.message_id,
          messageText: push.text,
          replyMarkup: markup,
        }),
      );
    const stopped = await press(stopData, push.reply_markup);
    expect(methods(stopped).sort()).toEqual(["answerCallbackQuery", "editMessageReplyMarkup"]);
    expect(notice(stopped)).toContain(says.stoppedThese);
    expect(await h.follows.topicsOf(chat)).toEqual([]);
    const undoMarkup = stopped.find((c) => c.method === "editMessageReplyMarkup")?.payload
      .reply_markup as InlineKeyboardMarkup;
    const flat = undoMarkup.inline_keyboard.flat();
    const undo = flat.find((b) => b.text.includes(says.undo));
    expect(undo).toBeDefined();
    expect(flat.some((b) => b.text.includes(says.stop))).toBe(false);
    // The other buttons stay where they were.
    expect(undoMarkup.inline_keyboard.map((row) => row.length)).toEqual(
      push.reply_markup.inline_keyboard.map((row) => row.length),
    );
    const undone = await press(undo && "callback_data" in undo ? (undo.callback_data ?? "") : "", undoMarkup);
    expect(notice(undone)).toContain(says.undone);
    expect(await h.follows.topicsOf(chat)).toEqual([{ kind: "new" }]);
    const back = undone.find((c) => c.method === "editMessageReplyMarkup")?.payload.reply_markup;
    expect(back).toEqual(push.reply_markup);
  });

  it("a push's reading buttons open the screen as a new message, leaving the push as it was", async () => {
    const h = createHarness();
    const calls = await reader(h, lang).press({ to: "open", route: { to: "summary" } });
    expect(methods(calls).sort()).toEqual(["answerCallbackQuery", "sendMessage"]);
  });

  it("deep links: follow, follow-<person> (with and without a story key), and a person no story names", async () => {
    const h = createHarness();
    const r = reader(h, lang);
    const follow = await r.command("/start follow");
    expect(methods(follow)).toEqual(["sendMessage"]);
    expect(textOf(sent(follow))).toContain(says.followedNew);
    await r.command("/start follow-trump");
    await r.command(`/start ${story.key}_follow-putin`);
    expect(await h.follows.topicsOf(chat)).toEqual([
      { kind: "new" },
      { kind: "person", personId: "trump" },
      { kind: "person", personId: "putin" },
    ]);
    const unknown = await r.command("/start follow-nobody");
    expect(textOf(sent(unknown))).toContain(says.unknown);
    expect(await h.follows.topicsOf(chat)).toHaveLength(3);
    const listed = await r.command("/start following");
    expect(textOf(sent(listed))).toContain(says.trump);
  });

  it("/follow <name> follows the person a typed name means, in either script; an unknown name changes nothing", async () => {
    const h = createHarness();
    const r = reader(h, lang);
    await r.command("/follow ترمب");
    await r.command("/follow Peskov");
    expect(await h.follows.topicsOf(chat)).toEqual([
      { kind: "person", personId: "trump" },
      { kind: "person", personId: "peskov" },
    ]);
    const unknown = await r.command("/follow Napoleon");
    expect(methods(unknown)).toEqual(["sendMessage"]);
    expect(textOf(sent(unknown))).toContain("Napoleon");
    expect(await h.follows.topicsOf(chat)).toHaveLength(2);
  });

  it("pushes keep to the language the reader chooses", async () => {
    const h = createHarness();
    await reader(h, lang).command("/follow");
    const other = lang === "ar" ? "en" : "ar";
    await reader(h, lang).press({ to: "set-language", lang: other });
    expect((await h.follows.prefsOf(chat))?.lang).toBe(other);
  });
});

describe.each(["ar", "en"] as const)("following in a group, in %s", (lang) => {
  const says = SAYS[lang];
  const group = updates.DEFAULT_SUPERGROUP_ID;
  const ADMIN = 7;
  const MEMBER = 8;

  function groupHarness() {
    const h = createHarness();
    h.tg.registerMethod("getChatMember", (p) => ({
      status: p.user_id === ADMIN ? "administrator" : "member",
      user: { id: Number(p.user_id), is_bot: false, first_name: "M" },
    }));
    const opts = (userId: number) => ({ lang, chatId: group, chatType: "supergroup" as const, userId });
    return {
      h,
      command: (text: string, userId: number) => h.send(updates.groupCommand(text, opts(userId))),
      press: (route: Route, userId: number) =>
        h.send(updates.callback(data(route), { ...opts(userId), tg: h.tg })),
    };
  }

  it("when Telegram cannot say who is an admin, a member gets the admins-only answer, not an error", async () => {
    // No getChatMember on this Bot API: every call to it fails.
    const h = createHarness();
    const replies = await h.send(
      updates.groupCommand("/follow", { lang, chatId: group, chatType: "supergroup", userId: MEMBER }),
    );
    expect(textOf(sent(replies))).toContain(says.admins);
    expect(await h.follows.topicsOf(group)).toEqual([]);
  });

  it("only an administrator follows or stops; a member is told so and nothing changes", async () => {
    const g = groupHarness();
    const refused = await g.command("/follow", MEMBER);
    expect(textOf(sent(refused))).toContain(says.admins);
    expect(await g.h.follows.topicsOf(group)).toEqual([]);
    const followed = await g.command("/follow", ADMIN);
    expect(textOf(sent(followed))).not.toContain(says.admins);
    expect(await g.h.follows.topicsOf(group)).toEqual([{ kind: "new" }]);
    // The group's pushes are in the chat's language (the first member's here).
    expect((await g.h.follows.prefsOf(group))?.lang).toBe(lang);
    const pressed = await g.press({ to: "unfollow-all", sure: true }, MEMBER);
    // The member's status was asked with their /follow and is remembered: the refusal is one answer.
    expect(methods(pressed)).toEqual(["answerCallbackQuery"]);
    expect(notice(pressed)).toContain(says.admins);
    const stop = await g.press({ to: "stop", topic: { kind: "new" } }, MEMBER);
    expect(notice(stop)).toContain(says.admins);
    expect(await g.h.follows.topicsOf(group)).toEqual([{ kind: "new" }]);
    await g.press({ to: "unfollow-all", sure: true }, ADMIN);
    expect(await g.h.follows.topicsOf(group)).toEqual([]);
    expect(g.h.tg.callsTo("getChatMember").map((c) => c.payload.user_id)).toEqual([MEMBER, ADMIN]);
  });

  it("an admin's status is asked of Telegram once, then remembered", async () => {
    const g = groupHarness();
    await g.command("/follow", ADMIN);
    await g.press({ to: "set-quiet", window: { from: 22, to: 7 } }, ADMIN);
    await g.press({ to: "set-zone", zone: "cai" }, ADMIN);
    expect(g.h.tg.callsTo("getChatMember")).toHaveLength(1);
    expect(await g.h.follows.prefsOf(group)).toMatchObject({
      quiet: { from: 22, to: 7 },
      timeZone: "Africa/Cairo",
    });
  });

  it("an admin writing anonymously, as the group, counts as an admin without asking Telegram", async () => {
    const g = groupHarness();
    const update = updates.groupCommand("/follow", { lang, chatId: group, userId: 1087968824 });
    update.message.sender_chat = { id: group, type: "supergroup", title: "Test supergroup" };
    await g.h.send(update);
    expect(await g.h.follows.topicsOf(group)).toEqual([{ kind: "new" }]);
    expect(g.h.tg.callsTo("getChatMember")).toHaveLength(0);
  });

  it("the group's pushes are in the chat's language, whatever the admin's own", async () => {
    const g = groupHarness();
    const other = lang === "ar" ? "en" : "ar";
    // A member of the other language opens the bot in the group first: the chat reads in theirs.
    await g.h.send(updates.groupCommand("/help", { lang: other, chatId: group, userId: MEMBER }));
    await g.command("/follow", ADMIN);
    expect((await g.h.follows.prefsOf(group))?.lang).toBe(other);
  });

  it("anyone may look at what the group follows", async () => {
    const g = groupHarness();
    await g.command("/follow", ADMIN);
    const listed = await g.command("/following", MEMBER);
    expect(methods(listed)).toEqual(["sendMessage"]);
  });
});
