/**
 * The polling loop in process, with its clock injected: waits are capped, a wall-clock jump never ends
 * polling, and an `ok` answer without a list of updates is logged and backed off from.
 */
import { performance } from "node:perf_hooks";
import { Writable } from "node:stream";
import pino from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fixedCatalog } from "../../src/content/library.js";
import { buildApp } from "../../src/startup/build.js";
import { createMemoryStore } from "../../src/storage/index.js";
import {
  MAX_STORE_WAIT_MS,
  MAX_WAIT_MS,
  type PollingClock,
  startPolling,
} from "../../src/updates/polling.js";
import type { Running } from "../../src/updates/running.js";
import { createFakeFetch } from "../helpers/fake-fetch.js";
import { FakeTelegram } from "../helpers/fake-telegram.js";
import { type LogLine, story, testConfig } from "../helpers/test-app.js";
import * as updates from "../helpers/updates.js";

const running: Running[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) await r.stop();
  vi.restoreAllMocks();
});

/** Waits that resolve at once (recorded), and a monotonic clock the test moves. */
function fakeClock(): PollingClock & { waits: number[]; t: number } {
  const clock = {
    waits: [] as number[],
    t: 0,
    now: () => clock.t,
    sleep: async (ms: number, _signal: Parameters<PollingClock["sleep"]>[1]) => {
      clock.waits.push(ms);
      clock.t += ms;
      await new Promise((resolve) => setTimeout(resolve, 5));
    },
  };
  return clock;
}

/** The production app over `tg`, with `answer` able to replace a getUpdates answer's body. */
function pollingApp(options: { answer?: (n: number) => unknown } = {}) {
  const tg = new FakeTelegram();
  const logs: LogLine[] = [];
  const logger = pino(
    { level: "debug" },
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        for (const line of chunk.toString("utf8").split("\n"))
          if (line) logs.push(JSON.parse(line) as LogLine);
        callback();
      },
    }),
  );
  const real = createFakeFetch(tg);
  let polls = 0;
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.endsWith("/getUpdates")) {
      polls++;
      const body = options.answer?.(polls);
      if (body !== undefined) return Response.json(body);
    }
    return real(input, init);
  }) as typeof globalThis.fetch;
  const app = buildApp(testConfig(), fixedCatalog([story]), logger, {
    store: createMemoryStore({ scope: "1000" }),
    botConfig: { botInfo: tg.botInfo, client: { fetch } },
  });
  return { app, tg, logs, logger, polls: () => polls };
}

// Monotonic, because one test moves Date.now.
async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function poll(t: ReturnType<typeof pollingApp>, clock: PollingClock): Promise<Running> {
  const r = await startPolling({
    bot: t.app.bot,
    inbox: t.app.store.inbox,
    durable: t.app.durable,
    logger: t.logger,
    clock,
  });
  running.push(r);
  return r;
}

describe("polling", () => {
  it.each([
    ["no result", { ok: true }],
    ["an object for a result", { ok: true, result: {} }],
    ["a list of non-updates", { ok: true, result: [{ nope: 1 }] }],
  ])("logs an ok answer with %s, backs off, and polls on", async (_name, body) => {
    const t = pollingApp({ answer: (n) => (n <= 3 ? body : undefined) });
    const clock = fakeClock();
    const r = await poll(t, clock);
    let ended = false;
    void r.fatal.then(() => {
      ended = true;
    });
    t.tg.pushUpdate(updates.command("/help"));
    await until(() => t.tg.sent().length === 1);
    // Three bad answers, three waits that grow, then the real poll: no hot loop, no silent end.
    expect(clock.waits).toEqual([100, 200, 300]);
    expect(t.logs.filter((l) => l.msg.startsWith("getUpdates answered ok without a list")).length).toBe(2);
    expect(ended).toBe(false);
  });

  it("caps a day-long retry_after at a minute, then polls again", async () => {
    const t = pollingApp();
    t.tg.inject({ method: "getUpdates", fault: { kind: "error", error_code: 429, retry_after: 86_400 } });
    const clock = fakeClock();
    await poll(t, clock);
    t.tg.pushUpdate(updates.command("/help"));
    await until(() => t.tg.sent().length === 1);
    expect(clock.waits).toEqual([MAX_WAIT_MS]);
  });

  it("keeps polling through failures when the wall clock jumps a day ahead (suspend and resume)", async () => {
    const realNow = Date.now.bind(Date);
    let jump = 0;
    vi.spyOn(Date, "now").mockImplementation(() => realNow() + jump);
    // Each of the first four polls fails (502) while the wall clock leaps a day.
    const t = pollingApp({
      answer: (n) => {
        if (n > 4) return undefined;
        jump += 24 * 60 * 60 * 1000;
        return { ok: false, error_code: 502, description: "Bad Gateway" };
      },
    });
    const clock = fakeClock();
    const r = await poll(t, clock);
    let ended = false;
    void r.fatal.then(() => {
      ended = true;
    });
    t.tg.pushUpdate(updates.command("/help"));
    await until(() => t.tg.sent().length === 1);
    expect(clock.waits).toHaveLength(4);
    expect(ended).toBe(false);
  });

  it("gives up after 15 hours of failures on the monotonic clock, not the wall clock", async () => {
    const t = pollingApp();
    t.tg.inject({ method: "getUpdates", fault: { kind: "error", error_code: 502 }, times: Infinity });
    const clock = fakeClock();
    const sleep = clock.sleep;
    clock.sleep = async (ms, signal) => {
      clock.t += 5 * 60 * 60 * 1000;
      await sleep(ms, signal);
    };
    const r = await poll(t, clock);
    const error = await r.fatal;
    expect(error.message).toContain("502");
    expect(clock.waits.length).toBeGreaterThanOrEqual(3);
  });

  it("answers inline queries once without recording them in the inbox, and still records messages", async () => {
    const t = pollingApp();
    const admitted: number[] = [];
    const admit = t.app.store.inbox.admit.bind(t.app.store.inbox);
    vi.spyOn(t.app.store.inbox, "admit").mockImplementation((list, lease) => {
      for (const update of list) admitted.push(update.update_id);
      return admit(list, lease);
    });
    await poll(t, fakeClock());
    const query = updates.inlineQuery("trump", { lang: "en" });
    const inlineId = t.tg.pushUpdate(query);
    const helpId = t.tg.pushUpdate(updates.command("/help"));
    await until(() => t.tg.sent().length === 1 && t.tg.callsTo("answerInlineQuery").length === 1);
    expect(t.tg.answeredInlineQueries.get(query.inline_query.id)).toBe(1);
    expect(admitted).toContain(helpId);
    expect(admitted).not.toContain(inlineId);
  });

  it("backs off from a store that cannot record updates, logs it a handful of times, and resumes when it heals", async () => {
    const t = pollingApp();
    let broken = true;
    const admit = t.app.store.inbox.admit.bind(t.app.store.inbox);
    vi.spyOn(t.app.store.inbox, "admit").mockImplementation((list, lease) =>
      broken ? Promise.reject(new Error("attempt to write a readonly database")) : admit(list, lease),
    );
    const clock = fakeClock();
    await poll(t, clock);
    t.tg.pushUpdate(updates.command("/help"));
    // A minute on the polling clock with the store read-only.
    await until(() => clock.t >= 60_000, 20_000);
    const polls = t.polls();
    const failures = t.logs.filter((l) => l.msg.startsWith("cannot record updates in the store"));
    // Before: a poll and an error line every 100 ms (600 of each per minute).
    expect(polls).toBeLessThanOrEqual(15);
    expect(failures.length).toBeLessThanOrEqual(5);
    expect(Math.max(...clock.waits)).toBeLessThanOrEqual(MAX_STORE_WAIT_MS);
    expect(t.tg.sent()).toHaveLength(0);

    // The store heals: the reader is answered within one wait, and that is said once.
    broken = false;
    await until(() => t.tg.sent().length === 1, 20_000);
    expect(t.logs.filter((l) => l.msg === "the store works again")).toHaveLength(1);
  });
});
