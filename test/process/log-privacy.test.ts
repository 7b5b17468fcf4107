/**
 * Every log line of real processes that hit each error path the secrets and readers' data could leak
 * through: wrong Redis passwords of several lengths and forms (ioredis attaches AUTH's arguments to its
 * errors), failed Redis writes of a conversation holding a reader's name and typed text (ioredis attaches
 * SET's arguments), and configuration errors on values that hold the token or the webhook secret.
 */
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeBotApiServer, startFakeBotApiServer } from "../helpers/fake-bot-api-server.js";
import { type RedisServerHandle, redisAvailable, startRedis } from "../helpers/redis-server.js";
import { type BotProcess, killAllBots, spawnBot, tempDataDir } from "../helpers/spawn-bot.js";
import * as updates from "../helpers/updates.js";

const TOKEN = "4242:AAPrivacyTokenThatMustNeverBeLogged_77";
const TOKEN_SECRET = TOKEN.slice(TOKEN.indexOf(":") + 1);
const WEBHOOK_SECRET = "WebhookSecretNeverLogged0123456789abcdef";
/** The real password of the Redis user: short on purpose (4 characters). */
const REDIS_PASSWORD = "Pq7w";
/** Wrong passwords a deployment might hold: 1, 3, 4, 5 and 22 characters. */
const WRONG = ["Ж", "Q9z", "Zx7Q", "K3yPq", "Wr0ngPassw0rdLongOne-1"];
const READER = { firstName: "Zenobia-Qx", username: "zen_qx_77" };
const TYPED = "Typed-Zzyzx-4471";

const bots: BotProcess[] = [];
const apis: FakeBotApiServer[] = [];
let redis: RedisServerHandle | undefined;
const data = tempDataDir();

beforeAll(async () => {
  redis = await startRedis();
  if (redis === undefined) return;
  const admin = new Redis(redis.url);
  // A user that may read conversations (and waiting questions) but not write them: every conversation write
  // fails (NOPERM), the way a full or read-only Redis fails them, while the update inbox and sessions still
  // work.
  await admin.call(
    "ACL",
    "SETUSER",
    "khabar",
    "on",
    `>${REDIS_PASSWORD}`,
    "~khabar:*:update:*",
    "~khabar:*:inbox*",
    "~khabar:*:health*",
    "~khabar:*:session:*",
    "~khabar:*:rate:*",
    "~khabar:*:inline:*",
    "%R~khabar:*:conv:*",
    "%R~khabar:*:question:*",
    "+@all",
  );
  await admin.call("CONFIG", "SET", "requirepass", "DefaultUserPassword-xyz");
  admin.disconnect();
}, 30_000);

afterAll(async () => {
  await killAllBots();
  await Promise.all(apis.map((api) => api.close()));
  await redis?.stop();
  data.remove();
});

/** A bot process with its own fake Bot API (pollers sharing one would get 409 Conflict). */
async function start(
  env: Record<string, string>,
  dir: string,
): Promise<{ bot: BotProcess; api: FakeBotApiServer }> {
  const api = await startFakeBotApiServer({ token: TOKEN });
  apis.push(api);
  const bot = spawnBot({
    BOT_TOKEN: TOKEN,
    BOT_API_ROOT: api.apiRoot,
    DATA_DIR: dir,
    LOG_LEVEL: "debug",
    ...env,
  });
  bots.push(bot);
  return { bot, api };
}

describe.skipIf(!redisAvailable())("logs of every error path", () => {
  it("hold no secret, and no reader's name, username or typed text", async () => {
    const port = redis?.port ?? 0;
    const wrongUrls = [
      `redis://:${encodeURIComponent(WRONG[0] ?? "")}@127.0.0.1:${port}`,
      `redis://:${WRONG[1]}@127.0.0.1:${port}`,
      `redis://khabar:${WRONG[2]}@127.0.0.1:${port}`,
      `redis://127.0.0.1:${port}/?password=${WRONG[3]}`,
      `redis://khabar:${WRONG[4]}@127.0.0.1:${port}/0`,
      `redis://127.0.0.1:${port}/0?username=khabar&password=${WRONG[4]}`,
    ];
    // Wrong passwords: each process reports Redis unreachable and, since it cannot record updates in the
    // store's inbox, keeps retrying the store before it confirms any update with Telegram.
    const wrong = await Promise.all(
      wrongUrls.map((url, i) => start({ REDIS_URL: url }, `${data.dir}/wrong-${i}`)),
    );
    await Promise.all(
      wrong.map(({ bot }) =>
        bot.waitForLog((l) => (l.level ?? 0) >= 50 && /store/.test(String(l.msg)), 20_000),
      ),
    );

    // The right (short) password, but conversation writes fail: the reader's state is what was refused.
    const failing = await start(
      { REDIS_URL: `redis://khabar:${REDIS_PASSWORD}@127.0.0.1:${port}` },
      `${data.dir}/ok`,
    );
    await failing.bot.waitForLog((l) => l.msg === "polling for updates", 20_000);
    const failed = failing.api.pushUpdate(updates.command(`/quotes ${TYPED}`, { userId: 7001, ...READER }));
    await failing.bot.waitForLog((l) => l.update_id === failed && (l.level ?? 0) >= 50, 20_000);
    failing.api.pushUpdate(updates.message(`hello ${TYPED}`, { userId: 7001, ...READER }));
    await failing.api.waitForCall(
      (c) => c.method === "sendMessage" && c.payload.chat_id === 7001 && c.result !== undefined,
      20_000,
    );

    // Configuration errors on values holding the token and the webhook secret.
    const badRoot = (await start({ BOT_API_ROOT: `api.telegram.org/bot${TOKEN}` }, `${data.dir}/bad-1`)).bot;
    const badHook = (
      await start(
        {
          BOT_MODE: "webhook",
          WEBHOOK_SECRET,
          WEBHOOK_URL: `http://bot.example.com/hook/${WEBHOOK_SECRET}?token=${TOKEN}`,
        },
        `${data.dir}/bad-2`,
      )
    ).bot;
    expect((await badRoot.waitForExit(20_000)).code).toBe(1);
    expect((await badHook.waitForExit(20_000)).code).toBe(1);
    expect(badRoot.stderr()).toContain("BOT_API_ROOT");
    expect(badHook.stderr()).toContain("WEBHOOK_URL");

    for (const bot of bots) bot.kill("SIGTERM");
    await Promise.all(bots.map((bot) => bot.waitForExit(20_000)));

    const output = bots.map((bot) => bot.output()).join("\n");
    const lines = output.split("\n").filter(Boolean).length;
    const forbidden = [
      TOKEN,
      TOKEN_SECRET,
      encodeURIComponent(TOKEN),
      WEBHOOK_SECRET,
      REDIS_PASSWORD,
      ...WRONG,
      encodeURIComponent(WRONG[0] ?? ""),
      READER.firstName,
      READER.username,
      TYPED,
    ];
    const found = forbidden.filter((secret) => output.includes(secret));
    console.log(
      `log privacy: processes ${bots.length} · lines ${lines} · secrets or reader data found ${found.length}`,
    );
    expect(found).toEqual([]);
    // The failures were logged, with what failed but not what was written.
    expect(output).toMatch(/WRONGPASS|NOPERM/);
    expect(output).toContain("redis write failed (conv)");
  }, 120_000);
});
