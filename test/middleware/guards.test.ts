import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BotContext } from "../../src/bot/context.js";
import { orderKeys } from "../../src/middleware/sequentialize.js";
import { createRedisStore, type RedisStore } from "../../src/storage/index.js";
import { type RedisServerHandle, redisAvailable, startRedis } from "../helpers/redis-server.js";
import { createTestApp, story } from "../helpers/test-app.js";
import * as updates from "../helpers/updates.js";

const SLOW_DOWN_AR = "مهلاً! وصلتني رسائل كثيرة بسرعة. انتظر لحظة ثم حاول مجدداً.";
const SLOW_DOWN_EN = "Easy! Too many messages at once. Wait a moment and try again.";

const texts = (calls: ReadonlyArray<{ method: string; payload: Record<string, unknown> }>) =>
  calls.filter((c) => c.method === "sendMessage").map((c) => String(c.payload.text));

describe("inbox de-duplication", () => {
  it("handles a repeated update_id once and logs the skip at debug level", async () => {
    const t = createTestApp();
    const update = updates.command("/start");
    expect(texts(await t.send(update))).toHaveLength(1);
    expect(await t.send(update)).toEqual([]);
    const skipped = t.logs.filter((l) => l.msg === "duplicate update skipped");
    expect(skipped).toEqual([expect.objectContaining({ level: 20, update_id: update.update_id })]);
  });
});

describe("rate-limit guard", () => {
  it("lets 5 quick updates through, tells the reader once to slow down, then drops silently", async () => {
    const t = createTestApp();
    const sent: string[] = [];
    for (let i = 0; i < 8; i++) sent.push(...texts(await t.send(updates.command("/help"))));
    expect(sent).toHaveLength(6);
    expect(sent.slice(0, 5).every((text) => text !== SLOW_DOWN_AR)).toBe(true);
    expect(sent[5]).toBe(SLOW_DOWN_AR);
    expect(t.logs.filter((l) => l.msg === "update dropped by the rate limit")).toHaveLength(3);
  });

  it("answers every rate-limited button press, with the notice only the first time", async () => {
    const t = createTestApp();
    for (let i = 0; i < 5; i++) await t.send(updates.command("/help", { lang: "en" }));
    const first = await t.send(updates.callback("m", { lang: "en", tg: t.tg, queryId: "q1" }));
    const second = await t.send(updates.callback("m", { lang: "en", tg: t.tg, queryId: "q2" }));
    expect(first.map((c) => [c.method, c.payload.text])).toEqual([["answerCallbackQuery", SLOW_DOWN_EN]]);
    expect(second.map((c) => [c.method, c.payload.text])).toEqual([["answerCallbackQuery", undefined]]);
    expect(t.tg.answeredCallbackQueries.get("q1")).toBe(1);
    expect(t.tg.answeredCallbackQueries.get("q2")).toBe(1);
  });

  it("limits each reader separately and never updates without a sender", async () => {
    const t = createTestApp();
    for (let i = 0; i < 7; i++) await t.send(updates.command("/help", { userId: 1 }));
    expect(texts(await t.send(updates.command("/help", { userId: 2 })))).toHaveLength(1);
    for (let i = 0; i < 7; i++) await t.send(updates.channelPost("news"));
    const dropped = t.logs.filter((l) => l.msg === "update dropped by the rate limit");
    expect(dropped.map((l) => l.user_id)).toEqual([1, 1]);
  });
});

describe("sequentialize keys", () => {
  const ctxOf = (chatId: number | undefined, fromId: number | undefined) =>
    ({ chatId, from: fromId === undefined ? undefined : { id: fromId } }) as unknown as BotContext;

  it("orders by chat and by reader, telling a private chat from its user", () => {
    expect(orderKeys(ctxOf(42, 42))).toEqual(["chat:42", "user:42"]);
    expect(orderKeys(ctxOf(-100, 42))).toEqual(["chat:-100", "user:42"]);
    expect(orderKeys(ctxOf(undefined, 42))).toEqual(["user:42"]);
    expect(orderKeys(ctxOf(-100, undefined))).toEqual(["chat:-100"]);
  });
});

describe("outgoing API safety", () => {
  it("retries a short flood wait once, on bot.api", async () => {
    const t = createTestApp();
    t.tg.inject({ method: "sendMessage", fault: { kind: "error", error_code: 429, retry_after: 1 } });
    const calls = await t.send(updates.command("/help"));
    expect(calls.map((c) => c.error?.error_code ?? "ok")).toEqual([429, "ok"]);
  });

  it("retries a short flood wait inside a conversation too", async () => {
    const t = createTestApp();
    await t.send(updates.command("/quotes"));
    t.tg.inject({ method: "sendMessage", fault: { kind: "error", error_code: 429, retry_after: 1 } });
    const calls = await t.send(updates.message("بيسكوف"));
    expect(calls.map((c) => c.error?.error_code ?? "ok")).toEqual([429, "ok"]);
    expect(String(calls[1]?.payload.text)).toContain(story.quotesBy.get("peskov")?.[0]?.ar ?? "?");
  });

  it("retries a server error and a dropped connection, so the reader gets the answer, not an apology", async () => {
    const t = createTestApp();
    const help = texts(await createTestApp().send(updates.command("/help")));
    t.tg.inject({ method: "sendMessage", fault: { kind: "error", error_code: 502 } });
    let calls = await t.send(updates.command("/help"));
    expect(calls.map((c) => c.error?.error_code ?? "ok")).toEqual([502, "ok"]);
    expect(texts(calls.filter((c) => c.error === undefined))).toEqual(help);
    t.tg.inject({ method: "sendMessage", fault: { kind: "drop" } });
    calls = await t.send(updates.command("/help", { userId: 7 }));
    // The dropped call, then the same message once more: the fake drops before processing, so no duplicate.
    expect(calls.filter((c) => c.dropped)).toHaveLength(1);
    expect(calls).toHaveLength(2);
    expect(texts(calls.filter((c) => !c.dropped))).toEqual(help);
  });

  it("survives a reader who blocked the bot and a button answered too late", async () => {
    const t = createTestApp();
    t.tg.inject({ method: "sendMessage", fault: { kind: "error", error_code: 403 } });
    await t.send(updates.command("/help"));
    t.tg.inject({
      method: "answerCallbackQuery",
      fault: {
        kind: "error",
        error_code: 400,
        description: "Bad Request: query is too old and response timeout expired or query ID is invalid",
      },
    });
    await t.send(updates.callback("m", { tg: t.tg, userId: 5 }));
    expect(t.logs.filter((l) => l.level >= 50)).toEqual([]);
    expect(texts(await t.send(updates.command("/help", { userId: 6 })))).toHaveLength(1);
  });
});

describe.skipIf(!redisAvailable())("rate limit across instances (Redis)", () => {
  let redis: RedisServerHandle | undefined;
  const stores: RedisStore[] = [];
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await redis?.stop();
  });

  it("counts a reader's updates in Redis, so two instances share one budget", async () => {
    const open = () => {
      const store = createRedisStore({ url: redis?.url ?? "", scope: "1000", prefix: "ratetest:" });
      stores.push(store);
      return store;
    };
    const a = createTestApp({ store: open() });
    const b = createTestApp({ store: open() });
    const sent: string[] = [];
    for (let i = 0; i < 4; i++) {
      sent.push(...texts(await a.send(updates.command("/help", { userId: 77 }))));
      sent.push(...texts(await b.send(updates.command("/help", { userId: 77 }))));
    }
    expect(sent).toHaveLength(6);
    expect(sent.filter((text) => text === SLOW_DOWN_AR)).toHaveLength(1);
  });
});
