/**
 * The cost floor of khabar's plugin stack: the production guards (de-duplication, rate limit, per-chat
 * ordering), outgoing auto-retry, the session and the conversations plugin, wired in createBot's order,
 * answering every update with the baseline's one fixed reply. The gap between this and the bare baseline is
 * what the required plugins cost; the gap between this and khabar is what khabar's own screens cost.
 */
import { conversations } from "@grammyjs/conversations";
import { Bot, type Context, session } from "grammy";
import pino from "pino";
import { installDurableHandling } from "../src/app/durable.js";
import type { BotContext } from "../src/bot/context.js";
import { installAutoRetry } from "../src/middleware/auto-retry.js";
import { rateLimitReaders } from "../src/middleware/rate-limit.js";
import { sequentializeReaders } from "../src/middleware/sequentialize.js";
import { createMemoryStore } from "../src/storage/index.js";
import { answerOnce } from "./baseline-bot.js";
import { BENCH_BOT_INFO, BENCH_TOKEN } from "./config.js";

const silent = pino({ level: "silent" });

/** The plugin stack over `fetch`, with a memory store. */
export function createStackBot(fetch: typeof globalThis.fetch): Bot<BotContext> {
  const store = createMemoryStore({ scope: "1" });
  const bot = new Bot<BotContext>(BENCH_TOKEN, { botInfo: BENCH_BOT_INFO, client: { fetch } });
  installAutoRetry(bot.api);
  bot.use((ctx, next) => {
    ctx.logger = silent;
    return next();
  });
  bot.use(rateLimitReaders({ notice: () => "slow down", keyPrefix: "bench:rate:" }), sequentializeReaders());
  const readers = bot.filter((ctx: Context) => ctx.from !== undefined && ctx.chat !== undefined);
  readers.use(
    session({ getSessionKey: (ctx) => ctx.from?.id.toString(), storage: store.adapter("session") }),
  );
  readers.use(conversations({ storage: { type: "key", adapter: store.adapter("conv") } }));
  bot.use((ctx) => answerOnce(ctx));
  // De-duplication as production does it: the inbox around handleUpdate.
  installDurableHandling(bot, store.inbox, silent);
  return bot;
}
