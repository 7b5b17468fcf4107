import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { answerWithScreen, replyScreen } from "../helpers/show-screen.js";
import type { Views } from "../helpers/views.js";
import { hintScreen } from "../render/screens/menu.js";

/**
 * The catch-all, installed last. Every button press that nothing handled (stale, forged or malformed data)
 * is answered with a short notice so no spinner is left turning; plain text in a private chat gets a hint
 * and the menu; in groups the bot stays quiet.
 */
export function fallbackFeature(views: Views): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.on("callback_query", (ctx) => answerWithScreen(ctx, undefined, views.of(ctx).t("stale-button")));
  feature.chatType("private").on("message", (ctx) => replyScreen(ctx, hintScreen(views.of(ctx))));
  return feature;
}
