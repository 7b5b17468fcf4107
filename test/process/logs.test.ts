/**
 * The token must appear in no output of the real process, including error logs that quote request URLs
 * (`…/bot<token>/sendMessage`), which only happen when API calls fail.
 */
import { afterEach, describe, expect, it } from "vitest";
import { startFakeBotApiServer } from "../helpers/fake-bot-api-server.js";
import { killAllBots, LEVEL, msg, spawnBot, tempDataDir } from "../helpers/spawn-bot.js";
import * as updates from "../helpers/updates.js";

const TOKEN = "1000:AAKnownTokenThatMustNeverBeLogged_123";
const SECRET_HALF = TOKEN.slice(TOKEN.indexOf(":") + 1);

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  await killAllBots();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe("logs", () => {
  it("are JSON lines with an update_id per update, and never contain the token, even for failed calls", async () => {
    const api = await startFakeBotApiServer({ token: TOKEN });
    const data = tempDataDir();
    cleanups.push(() => api.close(), data.remove);
    const bot = spawnBot({
      BOT_TOKEN: TOKEN,
      BOT_API_ROOT: api.apiRoot,
      DATA_DIR: data.dir,
      LOG_LEVEL: "debug",
    });
    await bot.waitForLog(msg("polling for updates"));

    // A dropped connection: node-fetch's error quotes the request URL, token included. Dropped four times,
    // so the three retries fail too.
    api.tg.inject({ method: "sendMessage", fault: { kind: "drop" }, times: 4 });
    const dropped = api.pushUpdate(updates.command("/help", { userId: 1 }));
    await bot.waitForLog((l) => l.msg === "update failed: network error" && l.update_id === dropped);
    // A Bot API error (500) on the first try and the three retries, logged with the failed call; the apology
    // fails the same way. And a failing long poll (the one after the poll that brings this update): the
    // runner retries; our warning carries the network error.
    api.tg.inject({ method: "sendMessage", fault: { kind: "error", error_code: 500 }, times: 8 });
    api.tg.inject({ method: "getUpdates", fault: { kind: "drop" } });
    const failed = api.pushUpdate(updates.command("/help", { userId: 2 }));
    await bot.waitForLog((l) => l.msg === "update failed: Bot API error" && l.update_id === failed);
    await bot.waitForLog(msg(/^getUpdates failed/));
    const ok = api.pushUpdate(updates.command("/help", { userId: 3 }));
    await api.waitForCall(
      (c) => c.method === "sendMessage" && c.payload.chat_id === 3 && c.result !== undefined,
    );

    bot.kill("SIGTERM");
    expect((await bot.waitForExit()).code).toBe(0);

    const output = bot.output();
    expect(output).not.toContain(TOKEN);
    expect(output).not.toContain(SECRET_HALF);
    expect(output).not.toContain(encodeURIComponent(TOKEN));
    // The URL-bearing errors were logged, with the token cut out.
    expect(output).toContain("/bot[redacted]/sendMessage");
    expect(output).toContain("/bot[redacted]/getUpdates");
    // Nothing bypassed the logger: every stdout line is JSON, and stderr is empty.
    expect(bot.stderr()).toBe("");
    const lines = output.trim().split("\n");
    expect(lines.every((line) => line.startsWith("{"))).toBe(true);
    const perUpdate = bot
      .logs()
      .filter((l) => l.level !== undefined && l.level >= LEVEL.warn && "update_id" in l);
    expect(perUpdate.map((l) => l.update_id)).toEqual(expect.arrayContaining([dropped, failed]));
    expect(ok).toBeGreaterThan(failed);
  });

  it("are readable with LOG_FORMAT=pretty, and redacted there too", async () => {
    const api = await startFakeBotApiServer({ token: TOKEN });
    const data = tempDataDir();
    cleanups.push(() => api.close(), data.remove);
    const bot = spawnBot({
      BOT_TOKEN: TOKEN,
      BOT_API_ROOT: api.apiRoot,
      DATA_DIR: data.dir,
      LOG_FORMAT: "pretty",
    });
    const deadline = Date.now() + 10_000;
    const until = async (text: string) => {
      while (!bot.output().includes(text)) {
        if (Date.now() > deadline) throw new Error(`no "${text}" in:\n${bot.output()}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    };
    await until("polling for updates");
    api.tg.inject({ method: "sendMessage", fault: { kind: "drop" }, times: 4 });
    api.pushUpdate(updates.command("/help"));
    await until("update failed: network error");
    bot.kill("SIGTERM");
    expect((await bot.waitForExit()).code).toBe(0);
    expect(bot.output()).toContain("INFO");
    expect(bot.output()).toContain("[redacted]");
    expect(bot.output()).not.toContain(SECRET_HALF);
  });
});
