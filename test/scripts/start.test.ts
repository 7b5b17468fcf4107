/**
 * `npm start` (scripts/start.mjs): the compiled bundle in dist/, rebuilt when it is missing or older than
 * the sources, serving as the TypeScript entry point does. The other process tests run src/main.ts through
 * tsx; this one runs what production runs.
 */
import { statSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startFakeBotApiServer } from "../helpers/fake-bot-api-server.js";
import { killAllBots, msg, spawnBot, tempDataDir } from "../helpers/spawn-bot.js";
import * as updates from "../helpers/updates.js";

const ROOT = join(import.meta.dirname, "..", "..");
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  await killAllBots();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe("npm start (compiled)", () => {
  it("builds dist/ when needed, then polls and answers /start and /quotes from the bundle", async () => {
    const api = await startFakeBotApiServer();
    cleanups.push(() => api.close());
    const data = tempDataDir();
    cleanups.push(data.remove);
    const bot = spawnBot({ BOT_TOKEN: api.token, BOT_API_ROOT: api.apiRoot, DATA_DIR: data.dir }, [
      "scripts/start.mjs",
    ]);
    // A build on a loaded machine can take a while.
    await bot.waitForLog(msg("polling for updates"), 60_000);
    // The bundle exists and is at least as new as every source file it was built from.
    const main = statSync(join(ROOT, "dist", "main.js"));
    expect(main.mtimeMs).toBeGreaterThanOrEqual(statSync(join(ROOT, "src", "main.ts")).mtimeMs);

    api.pushUpdate(updates.command("/start"));
    const menu = await api.waitForCall((c) => c.method === "sendMessage");
    expect(JSON.stringify(menu.payload.reply_markup)).toContain("callback_data");
    // Translations are read from locales/ relative to the bundle.
    api.pushUpdate(updates.command("/quotes"));
    const question = await api.waitForCall(
      (c) => c.method === "sendMessage" && String(c.payload.text).includes("اقتباسات مَن تريد"),
    );
    expect(question.payload.reply_markup).toBeDefined();
  }, 90_000);
});
