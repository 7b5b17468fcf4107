/**
 * The baseline: a bare grammY bot with one handler that answers every update with one fixed call, a
 * `ctx.reply` for messages and one `answerCallbackQuery` for button presses. It is what any bot costs
 * before doing anything of its own, so the khabar figures are reported as multiples of it.
 */
import { Bot, type BotConfig, type Context } from "grammy";
import { BASELINE_TEXT, BENCH_BOT_INFO, BENCH_TOKEN } from "./config.js";

/** Answers an update once: the whole of the baseline's work. */
export async function answerOnce(ctx: Context): Promise<void> {
  if (ctx.callbackQuery) await ctx.answerCallbackQuery();
  else if (ctx.chat) await ctx.reply(BASELINE_TEXT);
}

/** The bare bot over `fetch` (in-process figures) or `apiRoot` (process figures). */
export function createBaselineBot(client: { fetch?: typeof fetch; apiRoot?: string }): Bot {
  const config: BotConfig<Context> = { client };
  if (client.fetch !== undefined) config.botInfo = BENCH_BOT_INFO;
  const bot = new Bot(BENCH_TOKEN, config);
  bot.use(answerOnce);
  return bot;
}
