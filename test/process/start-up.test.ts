/**
 * Start-up against a Bot API that answers badly: grammY retries getMe by itself, so start-up gives up after
 * 30 s and says what the last answer was. Both cases run at once (each cleans up after itself) to keep the
 * file near 30 s.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { startFakeBotApiServer } from "../helpers/fake-bot-api-server.js";
import { FAKE_BOT_TOKEN } from "../helpers/fake-telegram.js";
import { LEVEL, spawnBot, tempDataDir } from "../helpers/spawn-bot.js";

describe("start-up reports what the Bot API answered", () => {
  it.concurrent("a getMe that keeps failing with 502 is reported as a server error, exit 1", async () => {
    const api = await startFakeBotApiServer();
    const data = tempDataDir();
    try {
      api.tg.inject({ method: "getMe", fault: { kind: "error", error_code: 502 }, times: Infinity });
      const bot = spawnBot({ BOT_TOKEN: api.token, BOT_API_ROOT: api.apiRoot, DATA_DIR: data.dir });
      expect((await bot.waitForExit(45_000)).code).toBe(1);
      const fatal = await bot.waitForLog((line) => line.level === LEVEL.fatal);
      expect(fatal.msg).toContain("server error (502");
      expect(api.tg.callsTo("getMe").length).toBeGreaterThan(1);
    } finally {
      await api.close();
      data.remove();
    }
  }, 60_000);

  it.concurrent("an HTML page instead of JSON is reported as such, exit 1", async () => {
    const data = tempDataDir();
    const proxy = createServer((_req, res) => {
      res.writeHead(502, { "content-type": "text/html" }).end("<html><body>502 Bad Gateway</body></html>");
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    try {
      const root = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
      const bot = spawnBot({ BOT_TOKEN: FAKE_BOT_TOKEN, BOT_API_ROOT: root, DATA_DIR: data.dir });
      expect((await bot.waitForExit(45_000)).code).toBe(1);
      const fatal = await bot.waitForLog((line) => line.level === LEVEL.fatal);
      expect(fatal.msg).toContain("getMe with something that is not JSON");
    } finally {
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
      data.remove();
    }
  }, 60_000);
});
