/**
 * The webhook baseline: a bare grammY bot behind `webhookCallback` on node:http, answering every update with
 * one fixed call. It checks the same secret header as khabar's server and answers GET /healthz for the
 * orchestrator's readiness check.
 *
 * Environment: BOT_API_ROOT, PORT, WEBHOOK_SECRET.
 */
import { createServer } from "node:http";
import { webhookCallback } from "grammy";
import { createBaselineBot } from "../baseline-bot.js";

const apiRoot = process.env.BOT_API_ROOT;
const port = Number(process.env.PORT ?? 0);
const secretToken = process.env.WEBHOOK_SECRET;
if (apiRoot === undefined || secretToken === undefined)
  throw new Error("BOT_API_ROOT and WEBHOOK_SECRET are required");

const bot = createBaselineBot({ apiRoot });
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
