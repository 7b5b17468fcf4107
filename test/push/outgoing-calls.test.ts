import { Api } from "grammy";
import { describe, expect, it, vi } from "vitest";
import { createModelFetch } from "../../src/preview/telegram-model/fetch.js";
import { OutgoingCalls, OutgoingStopped } from "../../src/push/outgoing-calls.js";
import { FAKE_BOT_TOKEN, FakeTelegram } from "../helpers/fake-telegram.js";

function apis(tg: FakeTelegram, calls: OutgoingCalls): { reader: Api; push: Api } {
  const reader = new Api(FAKE_BOT_TOKEN, { fetch: createModelFetch(tg) });
  reader.config.use(calls.readerLane());
  const push = new Api(FAKE_BOT_TOKEN, { fetch: createModelFetch(tg) });
  push.config.use(calls.pushLane());
  return { reader, push };
}

/** One update's API, as the bot builds it: the reader lane innermost, the update's own lane outermost. */
function updateApi(tg: FakeTelegram, calls: OutgoingCalls, updateId: number): Api {
  const api = new Api(FAKE_BOT_TOKEN, { fetch: createModelFetch(tg) });
  api.config.use(calls.readerLane());
  api.config.use(calls.updateLane(updateId));
  return api;
}

/** The most calls the model had open at once. */
function peakOpen(tg: FakeTelegram): number {
  const edges = tg.calls.flatMap((c) => [
    [c.at, 1],
    [c.at + (c.durationMs ?? 0), -1],
  ]);
  edges.sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0) || (a[1] ?? 0) - (b[1] ?? 0));
  let open = 0;
  let peak = 0;
  for (const [, step] of edges) {
    open += step ?? 0;
    peak = Math.max(peak, open);
  }
  return peak;
}

describe("outgoing calls", () => {
  it("keeps at most maxInFlight calls open, and pushes at most maxPushInFlight", async () => {
    const tg = new FakeTelegram({ latencyMs: 30 });
    const calls = new OutgoingCalls({ maxInFlight: 5, maxPushInFlight: 2, pushRate: 1000, perChatMs: 0 });
    const { reader, push } = apis(tg, calls);
    let peakPush = 0;
    const sends = [
      ...Array.from({ length: 20 }, (_, i) => reader.sendMessage(1000 + i, "answer")),
      ...Array.from({ length: 10 }, (_, i) =>
        push.sendMessage(2000 + i, "push").then(() => {
          peakPush = Math.max(peakPush, calls.pushesInFlight);
        }),
      ),
    ];
    await Promise.all(sends);
    expect(peakOpen(tg)).toBeLessThanOrEqual(5);
    expect(peakPush).toBeLessThanOrEqual(2);
    expect(tg.sent()).toHaveLength(30);
  });

  it("replies accepted for updates not yet marked done never outnumber maxInFlight; an update's next call needs no other hold", async () => {
    const tg = new FakeTelegram();
    const calls = new OutgoingCalls({ maxInFlight: 3, pushRate: 1000, perChatMs: 0 });
    for (const id of [1, 2, 3, 4]) calls.beginUpdate(id);
    // Three updates reply and are not yet marked done.
    for (const id of [1, 2, 3]) await updateApi(tg, calls, id).sendMessage(id, "reply");
    expect(calls.inFlight).toBe(0);
    // A fourth update's reply waits: a crash now repeats at most the three replies already accepted.
    const fourth = updateApi(tg, calls, 4).sendMessage(4, "waits");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(tg.sent().map((m) => m.chat.id)).toEqual([1, 2, 3]);
    // The three still reply again, in the holds they have; calls that post nothing never wait for one.
    await updateApi(tg, calls, 1).sendMessage(1, "second reply");
    await updateApi(tg, calls, 2).sendChatAction(2, "typing");
    expect(tg.sent().map((m) => m.chat.id)).toEqual([1, 2, 3, 1]);
    calls.endUpdate(2);
    await fourth;
    expect(tg.sent().map((m) => m.chat.id)).toEqual([1, 2, 3, 1, 4]);
    // Calls of an update the door never began (tests, the preview) go straight through.
    await updateApi(tg, calls, 99).sendMessage(99, "not tracked");
    for (const id of [1, 3, 4]) calls.endUpdate(id);
  });

  it("a failed reply gives its hold back at once; a reply whose update stays undone keeps it at most a second", async () => {
    const tg = new FakeTelegram();
    const calls = new OutgoingCalls({ maxInFlight: 1, pushRate: 1000, perChatMs: 0 });
    for (const id of [1, 2, 3]) calls.beginUpdate(id);
    tg.inject({ method: "sendMessage", chatId: 1, fault: { kind: "error", error_code: 403 } });
    await expect(updateApi(tg, calls, 1).sendMessage(1, "blocked")).rejects.toThrow();
    let began = Date.now();
    await updateApi(tg, calls, 2).sendMessage(2, "reply, then stuck");
    expect(Date.now() - began).toBeLessThan(500);
    began = Date.now();
    await updateApi(tg, calls, 3).sendMessage(3, "after the hold");
    expect(Date.now() - began).toBeGreaterThanOrEqual(900);
    expect(Date.now() - began).toBeLessThan(3000);
    for (const id of [1, 2, 3]) calls.endUpdate(id);
  });

  it("starts a waiting reader's answer before any waiting push", async () => {
    const tg = new FakeTelegram({ latencyMs: 20 });
    const calls = new OutgoingCalls({ maxInFlight: 1, maxPushInFlight: 1, pushRate: 1000, perChatMs: 0 });
    const { reader, push } = apis(tg, calls);
    const first = push.sendMessage(1, "push 1");
    const queued = [push.sendMessage(2, "push 2"), push.sendMessage(3, "push 3")];
    const answer = reader.sendMessage(9, "answer");
    await Promise.all([first, answer, ...queued]);
    expect(tg.sent().map((m) => m.text)).toEqual(["push 1", "answer", "push 2", "push 3"]);
  });

  it("spends one push budget and keeps a second to one chat a second later", async () => {
    const tg = new FakeTelegram();
    const calls = new OutgoingCalls({ pushRate: 20 });
    const { push } = apis(tg, calls);
    const t0 = Date.now();
    await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => push.sendMessage(100 + i, "p")),
      push.sendMessage(100, "again"),
    ]);
    const times = tg.callsTo("sendMessage").map((c) => c.at - t0);
    // 10 sends at 20/s span 450 ms, less the up to 50 ms the budget lets a late timer catch up and a few ms
    // of clock rounding at either end; the second one to chat 100 waits a full second.
    expect((times[9] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(450 - 50 - 5);
    const toHundred = tg.callsTo("sendMessage").filter((c) => c.payload.chat_id === 100);
    expect((toHundred[1]?.at ?? 0) - (toHundred[0]?.at ?? 0)).toBeGreaterThanOrEqual(990);
  });

  it("a 429 on a reader's answer pauses the pushes too, for its retry_after", async () => {
    const tg = new FakeTelegram();
    const calls = new OutgoingCalls({ pushRate: 1000, perChatMs: 0 });
    const { reader, push } = apis(tg, calls);
    tg.inject({
      method: "sendMessage",
      chatId: 7,
      fault: { kind: "error", error_code: 429, retry_after: 1 },
    });
    await expect(reader.sendMessage(7, "answer")).rejects.toThrow(/429/);
    const t = Date.now();
    await push.sendMessage(8, "push");
    expect(Date.now() - t).toBeGreaterThanOrEqual(900);
    expect(calls.floodAnswers).toBe(1);
  });

  it("a reader's call during a long pause gets the 429 without reaching Telegram", async () => {
    const tg = new FakeTelegram();
    const calls = new OutgoingCalls();
    const { reader } = apis(tg, calls);
    calls.pauseUntil(Date.now() + 10_000);
    await expect(reader.sendMessage(7, "answer")).rejects.toThrow(/retry after 10/);
    expect(tg.calls).toHaveLength(0);
  });

  it("stop(): queued pushes are refused unsent, the ones in flight get their answers", async () => {
    const tg = new FakeTelegram({ latencyMs: 100 });
    const calls = new OutgoingCalls({ maxPushInFlight: 1, pushRate: 1000, perChatMs: 0 });
    const { push } = apis(tg, calls);
    const inFlight = push.sendMessage(1, "in flight");
    const queued = push.sendMessage(2, "queued").catch((error: unknown) => error);
    await new Promise((r) => setTimeout(r, 20));
    expect(await calls.stop(2000)).toBe(true);
    await expect(inFlight).resolves.toMatchObject({ text: "in flight" });
    expect(await queued).toBeInstanceOf(OutgoingStopped);
    expect(tg.sent()).toHaveLength(1);
  });

  it("a push to 60 readers at 25/s through a model enforcing Telegram's limits gets no 429", async () => {
    const tg = new FakeTelegram({ flood: {} });
    const calls = new OutgoingCalls({ pushRate: 25 });
    const { push } = apis(tg, calls);
    await Promise.all(Array.from({ length: 60 }, (_, i) => push.sendMessage(500 + i, "p")));
    expect(tg.flood?.breaches).toBe(0);
    expect(tg.sent()).toHaveLength(60);
  });
});

describe("the Bot API model's limits", () => {
  it("answers 429 with retry_after past 30 messages a second, and per chat past a short burst", async () => {
    const tg = new FakeTelegram({ flood: {} });
    const api = new Api(FAKE_BOT_TOKEN, { fetch: createModelFetch(tg) });
    const results = await Promise.allSettled(
      Array.from({ length: 35 }, (_, i) => api.sendMessage(i + 1, "x")),
    );
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(5);
    const perChat = new FakeTelegram({ flood: {} });
    const one = new Api(FAKE_BOT_TOKEN, { fetch: createModelFetch(perChat) });
    const burst = await Promise.allSettled(Array.from({ length: 4 }, () => one.sendMessage(5, "x")));
    expect(burst.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "rejected"]);
    const error = perChat.callsTo("sendMessage")[3]?.error;
    expect(error?.error_code).toBe(429);
    expect(error?.parameters?.retry_after).toBeGreaterThanOrEqual(1);
  });

  it("answers 20 messages a minute in a group, then 429", async () => {
    const tg = new FakeTelegram({ flood: { perChat: 100 } });
    const api = new Api(FAKE_BOT_TOKEN, { fetch: createModelFetch(tg) });
    const results = await Promise.allSettled(Array.from({ length: 21 }, () => api.sendMessage(-100, "x")));
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(1);
    expect(tg.callsTo("sendMessage")[20]?.error?.parameters?.retry_after).toBeGreaterThan(50);
  });
});

describe("outgoing calls: a group's minute", () => {
  it("sends at most groupPerMinute pushes to one group a minute", async () => {
    vi.useFakeTimers();
    try {
      const calls = new OutgoingCalls({ pushRate: 1000, perChatMs: 0, groupPerMinute: 2 });
      const lane = calls.pushLane();
      const sentAt: number[] = [];
      const prev = (async () => {
        sentAt.push(Date.now());
        return { ok: true, result: true };
      }) as unknown as Parameters<typeof lane>[0];
      const start = Date.now();
      const all = Promise.all(
        [1, 2, 3].map(() => lane(prev, "sendMessage", { chat_id: -100500, text: "x" })),
      );
      await vi.advanceTimersByTimeAsync(59_000);
      expect(sentAt).toHaveLength(2);
      await vi.advanceTimersByTimeAsync(2_000);
      await all;
      expect(sentAt).toHaveLength(3);
      expect((sentAt[2] ?? 0) - start).toBeGreaterThanOrEqual(60_000);
    } finally {
      vi.useRealTimers();
    }
  });
});
