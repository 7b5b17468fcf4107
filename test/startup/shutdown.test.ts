import { Bot } from "grammy";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { createShutdown } from "../../src/startup/shutdown.js";
import { createMemoryStore } from "../../src/storage/index.js";
import { createInFlight } from "../../src/updates/in-flight.js";
import type { Running } from "../../src/updates/running.js";
import { BOT_INFO } from "../helpers/fake-fetch.js";
import { FAKE_BOT_TOKEN } from "../helpers/fake-telegram.js";
import * as updates from "../helpers/updates.js";

/** A bot whose only handler waits until the test releases it. */
function slowBot() {
  const bot = new Bot(FAKE_BOT_TOKEN, { botInfo: BOT_INFO });
  let release = (): void => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  bot.use(() => released);
  const inFlight = createInFlight();
  // As buildApp wires it: the handler counted in flight.
  const handle = (update: Parameters<typeof bot.handleUpdate>[0]) =>
    inFlight.count(() => bot.handleUpdate(update));
  return { bot: { handleUpdate: handle }, release, inFlight };
}

function recorder() {
  const steps: string[] = ["start"];
  let exitCode: number | undefined;
  let resolveExit: (code: number) => void = () => {};
  const exited = new Promise<number>((resolve) => {
    resolveExit = resolve;
  });
  const exit = (code: number): void => {
    if (exitCode !== undefined) return;
    exitCode = code;
    steps.push(`exit ${code}`);
    resolveExit(code);
  };
  const running: Running = {
    fatal: new Promise(() => {}),
    stop: async () => {
      steps.push("stop");
    },
    close: async () => {
      steps.push("close");
    },
  };
  return { steps, exit, exited, running };
}

describe("createShutdown", () => {
  it("stops taking updates, waits for those in flight, then closes and exits 0", async () => {
    const { bot, release, inFlight } = slowBot();
    const store = createMemoryStore();
    const r = recorder();
    const handling = bot.handleUpdate(updates.command("/start"));
    expect(inFlight.size).toBe(1);
    const shutdown = createShutdown({
      logger: pino({ level: "silent" }),
      store,
      inFlight,
      running: () => r.running,
      exit: r.exit,
    });
    const done = shutdown("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(r.steps).toEqual(["start", "stop"]);
    release();
    await handling;
    await done;
    expect(r.steps).toEqual(["start", "stop", "close", "exit 0"]);
    expect(await store.ping()).toBe(false);
  });

  it("exits 0 when the budget runs out: what is still running stays in the inbox", async () => {
    const { bot, inFlight } = slowBot();
    const r = recorder();
    void bot.handleUpdate(updates.command("/start"));
    const shutdown = createShutdown({
      logger: pino({ level: "silent" }),
      store: createMemoryStore(),
      inFlight,
      running: () => r.running,
      exit: r.exit,
      budgetMs: 300,
    });
    const began = Date.now();
    void shutdown("SIGTERM");
    expect(await r.exited).toBe(0);
    expect(Date.now() - began).toBeLessThan(1000);
  });

  it("exits at once when asked a second time", async () => {
    const { bot, inFlight } = slowBot();
    const r = recorder();
    void bot.handleUpdate(updates.command("/start"));
    const shutdown = createShutdown({
      logger: pino({ level: "silent" }),
      store: createMemoryStore(),
      inFlight,
      running: () => r.running,
      exit: r.exit,
    });
    void shutdown("SIGINT");
    await shutdown("SIGINT");
    expect(await r.exited).toBe(1);
  });

  it("copes with a signal before the update source started", async () => {
    const r = recorder();
    const shutdown = createShutdown({
      logger: pino({ level: "silent" }),
      store: createMemoryStore(),
      inFlight: { size: 0, idle: async () => true, count: (handle) => handle() },
      running: () => undefined,
      exit: r.exit,
    });
    await shutdown("SIGTERM");
    expect(r.steps).toEqual(["start", "exit 0"]);
  });
});
