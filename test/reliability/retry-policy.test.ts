/**
 * The outgoing-call retry policy (src/middleware/auto-retry.ts), call by call: what is retried, how often,
 * after which pauses, and the worst case its doc comment promises. The transformers are installed on a real
 * grammY `Api` whose `fetch` plays a script, on fake timers, so seconds of pauses take milliseconds.
 */
import { Api, GrammyError, HttpError } from "grammy";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  AUTO_RETRY_OPTIONS,
  installAutoRetry,
  TRANSIENT_RETRY_DELAYS_MS,
} from "../../src/middleware/auto-retry.js";
import { ERRORS, FAKE_BOT_TOKEN } from "../helpers/fake-telegram.js";
import { createTestApp } from "../helpers/test-app.js";
import * as updates from "../helpers/updates.js";

/** What the scripted Bot API does with one request. */
type Step = "ok" | "drop" | { error_code: number; description?: string; retry_after?: number };

const WEBHOOK_TIMEOUT_MS = 8000;

/** An Api with the policy installed, answering from `script`; `attempts` records when each request came. */
function scriptedApi(script: Step[]) {
  const attempts: number[] = [];
  const fetch = async (): Promise<Response> => {
    attempts.push(Date.now());
    const step = script.shift() ?? "ok";
    if (step === "drop") {
      throw new TypeError("fetch failed", {
        cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }),
      });
    }
    if (step === "ok") {
      return Response.json({
        ok: true,
        result: { message_id: 1, date: 0, chat: { id: 1, type: "private", first_name: "R" }, text: "hi" },
      });
    }
    const { retry_after, ...rest } = step;
    const body = {
      ok: false,
      description: rest.description ?? `Error ${rest.error_code}`,
      error_code: rest.error_code,
      ...(retry_after === undefined ? {} : { parameters: { retry_after } }),
    };
    return Response.json(body, { status: rest.error_code });
  };
  const api = new Api(FAKE_BOT_TOKEN, { fetch: fetch as unknown as typeof globalThis.fetch });
  installAutoRetry(api);
  return { api, attempts };
}

/** Runs `call` to completion on fake timers; returns how it ended and the (fake) time it took. */
async function timed<T>(call: () => Promise<T>): Promise<{ ms: number; value?: T; error?: unknown }> {
  const start = Date.now();
  let settled = false;
  let value: T | undefined;
  let error: unknown;
  call().then(
    (v) => {
      value = v;
      settled = true;
    },
    (e: unknown) => {
      error = e;
      settled = true;
    },
  );
  while (!settled) await vi.advanceTimersByTimeAsync(10);
  return { ms: Date.now() - start, value, error };
}

const gaps = (attempts: readonly number[]): number[] =>
  attempts.slice(1).map((t, i) => t - (attempts[i] ?? t));

describe("retry policy (scripted Bot API, fake timers)", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("retries a dropped connection after 250 ms, 500 ms and 1 s, then gives up with the network error", async () => {
    const { api, attempts } = scriptedApi(["drop", "drop", "drop", "drop", "ok"]);
    const { ms, error } = await timed(() => api.sendMessage(1, "hi"));
    expect(error).toBeInstanceOf(HttpError);
    expect(attempts).toHaveLength(4);
    expect(gaps(attempts)).toEqual(TRANSIENT_RETRY_DELAYS_MS);
    expect(ms).toBe(1750);
  });

  it("retries 5xx answers the same way, and a recovery within the budget delivers once", async () => {
    const { api, attempts } = scriptedApi([{ error_code: 500 }, { error_code: 502 }, "ok"]);
    const { value, error } = await timed(() => api.sendMessage(1, "hi"));
    expect(error).toBeUndefined();
    expect(value?.text).toBe("hi");
    expect(attempts).toHaveLength(3);
    expect(gaps(attempts)).toEqual([250, 500]);
  });

  it("honours a 429's retry_after once, and does not retry a flood wait above 2 s", async () => {
    let { api, attempts } = scriptedApi([{ error_code: 429, retry_after: 2 }, "ok"]);
    expect((await timed(() => api.sendMessage(1, "hi"))).error).toBeUndefined();
    expect(gaps(attempts)).toEqual([2000]);

    ({ api, attempts } = scriptedApi([{ error_code: 429, retry_after: 3 }, "ok"]));
    const { error } = await timed(() => api.sendMessage(1, "hi"));
    expect(error).toBeInstanceOf(GrammyError);
    expect(attempts).toHaveLength(1);
  });

  it.each([
    { error_code: 403, description: "Forbidden: bot was blocked by the user" },
    { error_code: 400, description: ERRORS.notModified },
    { error_code: 400, description: ERRORS.queryTooOld },
    { error_code: 400, description: ERRORS.chatNotFound },
    { error_code: 401, description: ERRORS.unauthorized },
  ])("never retries $error_code $description", async (step) => {
    const { api, attempts } = scriptedApi([step, "ok"]);
    const { error } = await timed(() => api.sendMessage(1, "hi"));
    expect(error).toBeInstanceOf(GrammyError);
    expect((error as GrammyError).description).toBe(step.description);
    expect(attempts).toHaveLength(1);
  });

  it("shares one budget of 3 transient retries per call across auto-retry's attempts", async () => {
    const { api, attempts } = scriptedApi([
      { error_code: 500 },
      { error_code: 500 },
      { error_code: 429, retry_after: 1 },
      { error_code: 500 },
      { error_code: 500 },
      "ok",
    ]);
    const { error } = await timed(() => api.sendMessage(1, "hi"));
    expect((error as GrammyError).error_code).toBe(500);
    expect(attempts).toHaveLength(5);
    expect(gaps(attempts)).toEqual([250, 500, 1000, 1000]);
  });

  it("keeps the worst case of one call at 5 requests and 5.75 s of pauses, inside the webhook window", async () => {
    const worst =
      AUTO_RETRY_OPTIONS.maxDelaySeconds * 1000 * 2 + TRANSIENT_RETRY_DELAYS_MS.reduce((a, b) => a + b);
    expect(worst).toBe(5750);
    expect(worst).toBeLessThanOrEqual(WEBHOOK_TIMEOUT_MS - 2000);
    const flood = { error_code: 429, retry_after: AUTO_RETRY_OPTIONS.maxDelaySeconds };
    for (const script of [
      ["drop", "drop", "drop", flood, flood, "ok"],
      [flood, "drop", { error_code: 502 }, "drop", flood, "ok"],
      [flood, flood, "ok"],
      ["drop", "drop", "drop", flood, "drop", "drop", "drop", flood, "ok"],
    ] satisfies Step[][]) {
      const { api, attempts } = scriptedApi([...script]);
      const { ms, error } = await timed(() => api.sendMessage(1, "hi"));
      expect(error).toBeDefined();
      expect(attempts.length).toBeLessThanOrEqual(5);
      expect(ms).toBeLessThanOrEqual(worst);
    }
  });

  it("stops retrying when the call is aborted, and leaves getUpdates to the runner", async () => {
    const { api, attempts } = scriptedApi(["drop", "drop", "ok"]);
    const controller = new AbortController();
    const signal = controller.signal as unknown as Parameters<Api["sendMessage"]>[3];
    setTimeout(() => controller.abort(), 100);
    const { ms, error } = await timed(() => api.sendMessage(1, "hi", {}, signal));
    expect(error).toBeInstanceOf(HttpError);
    expect(attempts).toHaveLength(1);
    expect(ms).toBeLessThan(250);

    const polling = scriptedApi([{ error_code: 502 }, "drop", "ok"]);
    expect((await timed(() => polling.api.getUpdates())).error).toBeInstanceOf(GrammyError);
    expect((await timed(() => polling.api.getUpdates())).error).toBeInstanceOf(HttpError);
    expect(polling.attempts).toHaveLength(2);
  });
});

describe("retry policy in the app (buildApp, in-process fake)", () => {
  it("retries inside a /quotes conversation too", async () => {
    const t = createTestApp();
    t.tg.inject({ method: "sendMessage", fault: { kind: "drop" } });
    t.tg.inject({ method: "sendMessage", fault: { kind: "error", error_code: 500 } });
    const calls = await t.send(updates.command("/quotes"));
    expect(calls.map((c) => (c.dropped ? "drop" : (c.error?.error_code ?? "ok")))).toEqual([
      "drop",
      500,
      "ok",
    ]);
    expect(String(calls[2]?.payload.text)).toContain("اقتباسات مَن تريد");
  });

  it("gives up after the budget and apologises once, without retrying the blocked or the stale", async () => {
    const t = createTestApp();
    t.tg.inject({ method: "sendMessage", times: 4, fault: { kind: "error", error_code: 500 } });
    const calls = await t.send(updates.command("/help"));
    expect(calls.map((c) => c.error?.error_code ?? "ok")).toEqual([500, 500, 500, 500, "ok"]);
    expect(t.logs.filter((l) => l.msg === "update failed: Bot API error")).toHaveLength(1);

    t.tg.inject({ chatId: 9, times: Number.POSITIVE_INFINITY, fault: { kind: "error", error_code: 403 } });
    expect(await t.send(updates.command("/help", { userId: 9 }))).toHaveLength(1);
    t.tg.inject({
      method: "answerCallbackQuery",
      fault: { kind: "error", error_code: 400, description: ERRORS.queryTooOld },
    });
    const pressed = await t.send(updates.callback("t", { userId: 10, tg: t.tg }));
    expect(pressed.map((c) => c.method).sort()).toEqual(["answerCallbackQuery", "editMessageText"]);
  });
});
