/**
 * The start-up baseline: a bare grammY bot started the way the real one is (`node --import tsx <file>`),
 * reading the same BOT_TOKEN and BOT_API_ROOT, then `bot.start()` (getMe, deleteWebhook, getUpdates).
 */
import { createBaselineBot } from "../baseline-bot.js";

const apiRoot = process.env.BOT_API_ROOT;
if (apiRoot === undefined) throw new Error("BOT_API_ROOT is required");
const bot = createBaselineBot({ apiRoot });
process.once("SIGTERM", () => void bot.stop());
await bot.start();
