/**
 * Two `npm start` webhook instances on a three-node Redis Cluster (REDIS_CLUSTER=1, REDIS_URL naming one
 * node): a Cluster refuses any command or script whose keys lie in more than one hash slot, so a
 * conversation carried from one instance to the other, the shared de-duplication and the inbox working here
 * show the bot's keys keep to that rule. Skipped without redis-server, unless KHABAR_REQUIRE_REDIS=1 (CI).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeBotApiServer, postUpdate, startFakeBotApiServer } from "../helpers/fake-bot-api-server.js";
import { type RedisClusterHandle, startRedisCluster } from "../helpers/redis-cluster.js";
import { redisAvailable } from "../helpers/redis-server.js";
import { killAllBots, LEVEL, msg, spawnBot, tempDataDir } from "../helpers/spawn-bot.js";
import * as updates from "../helpers/updates.js";

const SECRET = "khabar-webhook-secret-0123456789abcdef";

describe.skipIf(!redisAvailable())("two webhook instances on a Redis Cluster", () => {
  let cluster: RedisClusterHandle | undefined;
  let api: FakeBotApiServer;
  const instances: string[] = [];
  const bots: ReturnType<typeof spawnBot>[] = [];
  const data = tempDataDir();

  beforeAll(async () => {
    cluster = await startRedisCluster();
    api = await startFakeBotApiServer();
    const node = cluster?.nodes[1];
    const start = async (name: string) => {
      const bot = spawnBot({
        BOT_TOKEN: api.token,
        BOT_API_ROOT: api.apiRoot,
        BOT_MODE: "webhook",
        WEBHOOK_SECRET: SECRET,
        HOST: "127.0.0.1",
        PORT: "0",
        REDIS_URL: `redis://127.0.0.1:${node?.port}`,
        REDIS_CLUSTER: "1",
        CONTENT_DIR: "test/fixtures/stories/riverside-final",
        DATA_DIR: `${data.dir}/${name}`,
      });
      bots.push(bot);
      const listening = await bot.waitForLog(msg("webhook server listening"), 30_000);
      return `http://127.0.0.1:${String(listening.port)}`;
    };
    instances.push(...(await Promise.all([start("a"), start("b")])));
  }, 60_000);

  afterAll(async () => {
    await killAllBots();
    await api?.close();
    await cluster?.stop();
    data.remove();
  });

  it("carries a conversation from one instance to the other, and answers a re-sent update once", async () => {
    const [a, b] = instances;
    const ask = await postUpdate(`${a}/webhook`, updates.command("/quotes", { userId: 701, lang: "en" }), {
      secret: SECRET,
    });
    expect(ask.status).toBe(200);
    await api.waitForCall((c) => c.method === "sendMessage" && c.payload.chat_id === 701);
    const name = updates.message("Lopez", { userId: 701, lang: "en" });
    expect((await postUpdate(`${b}/webhook`, name, { secret: SECRET })).status).toBe(200);
    // Telegram re-sends the same update to the other instance: not answered twice.
    expect((await postUpdate(`${a}/webhook`, name, { secret: SECRET })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const sent = api.tg.sentTo(701);
    expect(sent).toHaveLength(2);
    expect(sent[1]?.text).toContain("We played with our hearts today");
    for (const base of instances) {
      const health = await fetch(`${base}/healthz`);
      expect(health.status).toBe(200);
    }
    // No instance met a refused command (CROSSSLOT) or any other storage failure.
    for (const bot of bots) expect(bot.logs().filter((l) => (l.level ?? 0) >= LEVEL.error)).toEqual([]);
  });
});
