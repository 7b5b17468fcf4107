/**
 * SIGTERM/SIGINT on the real process: updates in flight complete, storage closes, exit 0 within 10 s.
 */
import { afterEach, describe, expect, it } from "vitest";
import { type FakeBotApiServer, postUpdate, startFakeBotApiServer } from "../helpers/fake-bot-api-server.js";
import type { ApiCall } from "../helpers/fake-telegram.js";
import { killAllBots, msg, spawnBot, tempDataDir } from "../helpers/spawn-bot.js";
import * as updates from "../helpers/updates.js";

const SECRET = "khabar-webhook-secret-0123456789abcdef";
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  await killAllBots();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(): Promise<{ api: FakeBotApiServer; dir: string }> {
  const api = await startFakeBotApiServer();
  const data = tempDataDir();
  cleanups.push(() => api.close(), data.remove);
  return { api, dir: data.dir };
}

/** Resolves with a call once it has arrived at the fake API, before it is answered. */
async function arrived(api: FakeBotApiServer, method: string): Promise<ApiCall> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const call = api.tg.calls.find((c) => c.method === method);
    if (call) return call;
    if (Date.now() > deadline) throw new Error(`no ${method} arrived. ${api.tg.describeCalls()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("graceful shutdown", () => {
  it("polling: SIGTERM while a reply is pending lets it complete, then exits 0 within 10 s", async () => {
    const { api, dir } = await setup();
    const bot = spawnBot({ BOT_TOKEN: api.token, BOT_API_ROOT: api.apiRoot, DATA_DIR: dir });
    await bot.waitForLog(msg("polling for updates"));
    api.tg.inject({ method: "sendMessage", fault: { kind: "delay", ms: 1500 } });
    api.pushUpdate(updates.command("/start"));
    const call = await arrived(api, "sendMessage");
    expect(call.durationMs).toBeUndefined();

    const signalled = Date.now();
    bot.kill("SIGTERM");
    const exit = await bot.waitForExit(10_000);
    expect(exit.code).toBe(0);
    expect(exit.at - signalled).toBeLessThan(10_000);
    // It waited for the reply instead of cutting it off.
    expect(exit.at - signalled).toBeGreaterThan(1000);
    expect(call.aborted).toBeUndefined();
    expect(call.result).toMatchObject({ chat: { id: 42 } });
    const stopping = await bot.waitForLog(msg(/^shutting down/));
    expect(stopping.in_flight).toBe(1);
    await bot.waitForLog(msg("stopped"));
  });

  it("webhook: SIGTERM while an update is in flight answers it, then exits 0 within 10 s", async () => {
    const { api, dir } = await setup();
    const bot = spawnBot({
      BOT_TOKEN: api.token,
      BOT_API_ROOT: api.apiRoot,
      BOT_MODE: "webhook",
      WEBHOOK_SECRET: SECRET,
      HOST: "127.0.0.1",
      PORT: "0",
      DATA_DIR: dir,
    });
    const listening = await bot.waitForLog(msg("webhook server listening"));
    const hook = `http://127.0.0.1:${String(listening.port)}/webhook`;
    api.tg.inject({ method: "sendMessage", fault: { kind: "delay", ms: 1500 } });
    const response = postUpdate(hook, updates.command("/start"), { secret: SECRET });
    const call = await arrived(api, "sendMessage");

    const signalled = Date.now();
    bot.kill("SIGTERM");
    expect((await response).status).toBe(200);
    const exit = await bot.waitForExit(10_000);
    expect(exit.code).toBe(0);
    expect(exit.at - signalled).toBeLessThan(10_000);
    expect(call.result).toMatchObject({ chat: { id: 42 } });
    await bot.waitForLog(msg("stopped"));
  });

  it("SIGINT with nothing in flight exits 0 promptly", async () => {
    const { api, dir } = await setup();
    const bot = spawnBot({ BOT_TOKEN: api.token, BOT_API_ROOT: api.apiRoot, DATA_DIR: dir });
    await bot.waitForLog(msg("polling for updates"));
    const signalled = Date.now();
    bot.kill("SIGINT");
    const exit = await bot.waitForExit(10_000);
    expect(exit.code).toBe(0);
    expect(exit.at - signalled).toBeLessThan(2000);
  });
});
