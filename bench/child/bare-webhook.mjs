/**
 * The webhook baseline: a bare grammY bot behind `webhookCallback` on node:http, plain JavaScript as it
 * would be deployed, answering every update with one fixed call. It checks the same secret header as
 * khabar's server and answers GET /healthz for the orchestrator's readiness check.
 *
 * Environment: BOT_TOKEN, BOT_API_ROOT, PORT, WEBHOOK_SECRET.
 */
import { createServer } from "node:http";
import { Bot, webhookCallback } from "grammy";

const token = process.env.BOT_TOKEN;
const apiRoot = process.env.BOT_API_ROOT;
const port = Number(process.env.PORT ?? 0);
const secretToken = process.env.WEBHOOK_SECRET;
if (token === undefined || apiRoot === undefined || secretToken === undefined)
  throw new Error("BOT_TOKEN, BOT_API_ROOT and WEBHOOK_SECRET are required");

const bot = new Bot(token, { client: { apiRoot } });
bot.use(async (ctx) => {
  if (ctx.callbackQuery) await ctx.answerCallbackQuery();
  else if (ctx.chat) await ctx.reply("OK");
});
await bot.init();
const handle = webhookCallback(bot, "http", { secretToken });
const server = createServer((req, res) => {
  if (req.method === "GET") {
    res.writeHead(200).end("ok");
    return;
  }
  handle(req, res).catch(() => {
    if (!res.headersSent) res.writeHead(500);
    res.end();
  });
});
server.listen(port, "127.0.0.1");
process.once("SIGTERM", () => server.close(() => process.exit(0)));
