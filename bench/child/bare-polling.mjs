/**
 * The start-up baseline: a bare grammY bot as it would be deployed, plain JavaScript run by `node` (no
 * TypeScript loader, no test helpers): reads BOT_TOKEN and BOT_API_ROOT, answers every update with one fixed
 * call, then `bot.start()` (getMe, deleteWebhook, getUpdates).
 */
import { Bot } from "grammy";

const token = process.env.BOT_TOKEN;
const apiRoot = process.env.BOT_API_ROOT;
if (token === undefined || apiRoot === undefined) throw new Error("BOT_TOKEN and BOT_API_ROOT are required");
const bot = new Bot(token, { client: { apiRoot } });
bot.use(async (ctx) => {
  if (ctx.callbackQuery) await ctx.answerCallbackQuery();
  else if (ctx.chat) await ctx.reply("OK");
});
process.once("SIGTERM", () => void bot.stop());
await bot.start();
