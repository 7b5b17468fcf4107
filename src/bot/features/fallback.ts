import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import type { ReaderViews } from "../reader-views.js";
import { hintScreen } from "../render/screens/menu.js";
import { mediaHintScreen } from "../render/screens/search.js";
import { answerWithScreen, replyScreen } from "../show/show-screen.js";

/**
 * The catch-all, installed last. Every button press that nothing handled (stale, forged or malformed data)
 * is answered with a short notice so no spinner is left turning; in a private chat an unknown command gets a
 * hint and the menu, and a sticker, photo, voice note or anything else without text a hint that the bot reads
 * text; in groups the bot stays quiet.
 */
export function fallbackFeature(views: ReaderViews): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.on("callback_query", (ctx) => answerWithScreen(ctx, undefined, views.of(ctx).t("stale-button")));
  const inPrivate = feature.chatType("private");
  inPrivate.on("message:text", (ctx) => replyScreen(ctx, hintScreen(views.of(ctx))));
  inPrivate.on("message", (ctx) => replyScreen(ctx, mediaHintScreen(views.of(ctx))));
  return feature;
}
