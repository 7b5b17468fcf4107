/**
 * Scaling out: two `npm start` webhook instances sharing one real Redis. Skipped without redis-server,
 * unless KHABAR_REQUIRE_REDIS=1 (CI), which makes a missing redis-server fail instead.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeBotApiServer, postUpdate, startFakeBotApiServer } from "../helpers/fake-bot-api-server.js";
import { type RedisServerHandle, redisAvailable, startRedis } from "../helpers/redis-server.js";
import { killAllBots, msg, spawnBot, tempDataDir } from "../helpers/spawn-bot.js";
import { story } from "../helpers/test-app.js";
import * as updates from "../helpers/updates.js";

const SECRET = "khabar-webhook-secret-0123456789abcdef";

describe.skipIf(!redisAvailable())("two webhook instances sharing Redis", () => {
  let redis: RedisServerHandle | undefined;
  let api: FakeBotApiServer;
  const instances: string[] = [];
  const data = tempDataDir();

  beforeAll(async () => {
    redis = await startRedis();
    api = await startFakeBotApiServer();
    const start = async (name: string) => {
      const bot = spawnBot({
        BOT_TOKEN: api.token,
        BOT_API_ROOT: api.apiRoot,
        BOT_MODE: "webhook",
        WEBHOOK_SECRET: SECRET,
        HOST: "127.0.0.1",
        PORT: "0",
        REDIS_URL: redis?.url,
        // Unused with Redis; separate anyway, so nothing could be shared through SQLite by accident.
        DATA_DIR: `${data.dir}/${name}`,
      });
      const listening = await bot.waitForLog(msg("webhook server listening"));
      return `http://127.0.0.1:${String(listening.port)}`;
    };
    instances.push(...(await Promise.all([start("a"), start("b")])));
  });

  afterAll(async () => {
    await killAllBots();
    await api?.close();
    await redis?.stop();
    data.remove();
  });

  it("continues a conversation started through one instance on the other", async () => {
    const [a, b] = instances;
    const quotes = await postUpdate(`${a}/webhook`, updates.command("/quotes", { userId: 601 }), {
      secret: SECRET,
    });
    expect(quotes.status).toBe(200);
    const question = await api.waitForCall((c) => c.method === "sendMessage" && c.payload.chat_id === 601);
    expect(String(question.payload.text)).toContain("اقتباسات مَن تريد");

    const name = await postUpdate(`${b}/webhook`, updates.message("بيسكوف", { userId: 601 }), {
      secret: SECRET,
    });
    expect(name.status).toBe(200);
    const sent = api.tg.sentTo(601);
    expect(sent).toHaveLength(2);
    for (const quote of story.quotesBy.get("peskov") ?? []) expect(sent[1]?.text).toContain(quote.ar);
  });

  it("shares update de-duplication: an update re-sent to the other instance is not answered twice", async () => {
    const [a, b] = instances;
    const update = updates.command("/help", { userId: 602 });
    expect((await postUpdate(`${a}/webhook`, update, { secret: SECRET })).status).toBe(200);
    expect((await postUpdate(`${b}/webhook`, update, { secret: SECRET })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(api.tg.sentTo(602)).toHaveLength(1);
  });

  it("reports healthy with Redis, and 503 once Redis is stopped", async () => {
    for (const base of instances) {
      const response = await fetch(`${base}/healthz`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ storage: { kind: "redis", reachable: true } });
    }
    await redis?.stop();
    for (const base of instances) {
      const response = await fetch(`${base}/healthz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({
        status: "unavailable",
        storage: { kind: "redis", reachable: false },
      });
    }
  });
});
