import { afterEach, describe, expect, it, vi } from "vitest";
import type { PushEngine } from "../../src/push/engine.js";
import { correctionEvent, EN, pushWorld, storyEvent } from "./push-harness.js";

let engines: PushEngine[] = [];
afterEach(async () => {
  await Promise.all(engines.map((e) => e.stop(1000)));
  engines = [];
});

const sentTexts = (world: ReturnType<typeof pushWorld>, chatId: number) =>
  world.tg.history(chatId).map((m) => ("text" in m ? m.text : ""));

describe("push engine: exactly one push per event", () => {
  it("records the stories present at the first start without pushing, then pushes a new one once to each follower", async () => {
    const w = pushWorld();
    w.stories.set("a", { title: "Old story" });
    w.stories.set("b", { title: "New story" });
    for (const chat of [11, 12, 13]) await w.follows.follow(chat, { kind: "new" }, EN);
    // 12 also follows a person the new story names: still one push.
    await w.follows.follow(12, { kind: "person", personId: "putin" }, EN);
    const first = w.engine([storyEvent("a")]);
    engines.push(first);
    await first.idle();
    expect(w.tg.callsTo("sendMessage")).toHaveLength(0);

    first.offer([storyEvent("a"), storyEvent("b", ["putin"])]);
    await first.idle();
    for (const chat of [11, 12, 13]) expect(sentTexts(w, chat)).toEqual(["New (en): New story"]);
    await first.stop(1000);

    // A restart (a new engine on the same file) and a reload push nothing again.
    const second = w.engine([storyEvent("a"), storyEvent("b", ["putin"])]);
    engines.push(second);
    second.offer([storyEvent("b", ["putin"])]);
    await second.idle();
    expect(w.tg.callsTo("sendMessage")).toHaveLength(3);
  });

  it("two engines on one file push each event once (one holds the sending lease)", async () => {
    const w = pushWorld();
    w.stories.set("b", { title: "B" });
    for (let chat = 1; chat <= 50; chat++) await w.follows.follow(chat, { kind: "new" }, EN);
    const one = w.engine([]);
    const two = w.engine([]);
    engines.push(one, two);
    one.offer([storyEvent("b")]);
    two.offer([storyEvent("b")]);
    await Promise.all([one.idle(), two.idle()]);
    await new Promise((r) => setTimeout(r, 300));
    expect(w.tg.callsTo("sendMessage")).toHaveLength(50);
  });
});

describe("push engine: delivery outcomes", () => {
  it("a blocked reader's following ends without retries; a migrated group's following moves and gets the push", async () => {
    const w = pushWorld();
    w.stories.set("b", { title: "B" });
    await w.follows.follow(21, { kind: "new" }, EN);
    await w.follows.follow(22, { kind: "new" }, EN);
    await w.follows.follow(-500, { kind: "new" }, EN);
    w.tg.blocked.add(21);
    w.tg.migrated.set(-500, -1009999);
    const engine = w.engine([]);
    engines.push(engine);
    engine.offer([storyEvent("b")]);
    await engine.idle();
    expect(w.tg.callsTo("sendMessage").filter((c) => c.payload.chat_id === 21)).toHaveLength(1);
    expect(await w.follows.prefsOf(21)).toBeUndefined();
    expect(sentTexts(w, 22)).toEqual(["New (en): B"]);
    expect(sentTexts(w, -1009999)).toEqual(["New (en): B"]);
    expect(await w.follows.topicsOf(-1009999)).toEqual([{ kind: "new" }]);
    expect(await w.follows.prefsOf(-500)).toBeUndefined();
    expect(await w.ledger.progress("story:b")).toMatchObject({ sent: 2, stopped: 1, waiting: 0 });
  });

  it("a lost answer is recorded as failed and never resent; a 429 pauses and the delivery goes later", async () => {
    const w = pushWorld();
    w.stories.set("b", { title: "B" });
    for (const chat of [31, 32]) await w.follows.follow(chat, { kind: "new" }, EN);
    w.tg.inject({ method: "sendMessage", chatId: 31, fault: { kind: "drop" } });
    w.tg.inject({
      method: "sendMessage",
      chatId: 32,
      fault: { kind: "error", error_code: 429, retry_after: 1 },
    });
    const engine = w.engine([]);
    engines.push(engine);
    const t0 = Date.now();
    engine.offer([storyEvent("b")]);
    await engine.idle();
    expect(w.tg.callsTo("sendMessage").filter((c) => c.payload.chat_id === 31)).toHaveLength(1);
    expect(sentTexts(w, 32)).toEqual(["New (en): B"]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    expect(await w.ledger.progress("story:b")).toMatchObject({ sent: 1, failed: 1 });
  });

  it("a reader who stops following while the push goes out is skipped, even with other chats' prefs read at once", async () => {
    // One push a second (the first two back to back), one delivery at a time: the last follower's
    // delivery starts some 2 s after the first read of the waiting chats' prefs.
    const w = pushWorld({ calls: { pushRate: 1 } });
    w.stories.set("b", { title: "B" });
    for (const chat of [51, 52, 53, 54, 55]) await w.follows.follow(chat, { kind: "new" }, EN);
    const engine = w.engine([], { concurrency: 1 });
    engines.push(engine);
    engine.offer([storyEvent("b")]);
    await vi.waitFor(() => expect(w.tg.callsTo("sendMessage").length).toBeGreaterThan(0));
    await w.follows.forget(55);
    await engine.idle();
    expect(w.tg.callsTo("sendMessage").map((c) => c.payload.chat_id)).toEqual([51, 52, 53, 54]);
    expect(await w.ledger.progress("story:b")).toMatchObject({ sent: 4, skipped: 1, waiting: 0 });
  });

  it("quiet hours send silently", async () => {
    const w = pushWorld();
    w.stories.set("b", { title: "B" });
    const hour = new Date().getUTCHours();
    await w.follows.follow(
      41,
      { kind: "new" },
      { ...EN, quiet: { from: hour, to: (hour + 1) % 24 }, timeZone: "UTC" },
    );
    await w.follows.follow(42, { kind: "new" }, EN);
    const engine = w.engine([]);
    engines.push(engine);
    engine.offer([storyEvent("b")]);
    await engine.idle();
    const byChat = new Map(w.tg.callsTo("sendMessage").map((c) => [c.payload.chat_id, c.payload]));
    expect(byChat.get(41)?.disable_notification).toBe(true);
    expect(byChat.get(42)?.disable_notification).toBeUndefined();
    expect(await w.ledger.progress("story:b")).toMatchObject({ sent: 2, silent: 1 });
  });

  it("digest readers get every new story in one message at their hour", async () => {
    const w = pushWorld();
    w.stories.set("b", { title: "B" });
    w.stories.set("c", { title: "C" });
    let now = Date.UTC(2026, 5, 1, 4, 0); // 06:00 at UTC+2
    await w.follows.follow(
      51,
      { kind: "new" },
      { ...EN, mode: "digest", digestHour: 8, timeZone: "UTC+02:00" },
    );
    await w.follows.follow(52, { kind: "new" }, EN);
    const engine = w.engine([], { now: () => now, digestEveryMs: 50 });
    engines.push(engine);
    engine.offer([storyEvent("b"), storyEvent("c")]);
    await engine.idle();
    expect(sentTexts(w, 51)).toEqual([]);
    expect(sentTexts(w, 52)).toEqual(["New (en): B", "New (en): C"]);
    now = Date.UTC(2026, 5, 1, 6, 30); // 08:30 at UTC+2
    await new Promise((r) => setTimeout(r, 300));
    expect(sentTexts(w, 51)).toEqual(["Digest (en): B, C"]);
    await new Promise((r) => setTimeout(r, 200));
    expect(sentTexts(w, 51)).toHaveLength(1);
  });

  it("a correction edits the earlier pushes in place and reaches the story's followers and the chats pushed it", async () => {
    const w = pushWorld();
    w.stories.set("b", { title: "B" });
    await w.follows.follow(61, { kind: "new" }, EN);
    await w.follows.follow(62, { kind: "new" }, { lang: "ar", mode: "instant" });
    const engine = w.engine([], { channel: { chatId: -100777, lang: "ar" } });
    engines.push(engine);
    engine.offer([storyEvent("b")]);
    await engine.idle();
    await w.follows.forget(62); // /unfollow: stops everything
    await w.follows.follow(63, { kind: "story", storyId: "b" }, EN);
    w.stories.set("b", { title: "B", corrected: "date fixed" });
    engine.offer([correctionEvent("b", "c1")]);
    await engine.idle();
    const first61 = w.tg.history(61)[0];
    expect(first61 && "text" in first61 ? first61.text : "").toBe("New (en): B [corrected: date fixed]");
    expect(sentTexts(w, 61)).toEqual([
      "New (en): B [corrected: date fixed]",
      "Corrected (en): B [corrected: date fixed]",
    ]);
    expect(sentTexts(w, 63)).toEqual(["Corrected (en): B [corrected: date fixed]"]);
    expect(sentTexts(w, -100777)).toEqual([
      "New (ar): B [corrected: date fixed]",
      "Corrected (ar): B [corrected: date fixed]",
    ]);
    // 62 stopped following everything: its earlier message is still edited, nothing new is sent.
    expect(
      w.tg
        .callsTo("editMessageText")
        .map((c) => c.payload.chat_id)
        .sort(),
    ).toEqual([-100777, 61, 62]);
    expect(sentTexts(w, 62)).toEqual(["New (ar): B [corrected: date fixed]"]);
  });
});

describe("push engine: withdrawals and paid broadcasts", () => {
  it("a withdrawal edits every earlier push of the story in place and sends nothing new", async () => {
    const w = pushWorld();
    w.stories.set("b", { title: "B" });
    for (const chat of [71, 72]) await w.follows.follow(chat, { kind: "new" }, EN);
    const engine = w.engine([]);
    engines.push(engine);
    engine.offer([storyEvent("b")]);
    await engine.idle();
    w.stories.set("b", { title: "B", withdrawn: true });
    engine.offer([{ id: "withdrawal:b", kind: "withdrawal", storyId: "b", audience: [] }]);
    await engine.idle();
    expect(w.tg.callsTo("sendMessage")).toHaveLength(2);
    for (const chat of [71, 72]) expect(sentTexts(w, chat)).toEqual(["New (en): B [withdrawn]"]);
  });

  it("PUSH_PAID sends with allow_paid_broadcast", async () => {
    const w = pushWorld();
    w.stories.set("b", { title: "B" });
    await w.follows.follow(81, { kind: "new" }, EN);
    const engine = w.engine([], { paid: true });
    engines.push(engine);
    engine.offer([storyEvent("b")]);
    await engine.idle();
    expect(w.tg.callsTo("sendMessage")[0]?.payload.allow_paid_broadcast).toBe(true);
  });
});
