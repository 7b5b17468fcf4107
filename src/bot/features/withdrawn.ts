import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import type { ReaderViews } from "../reader-views.js";
import { withdrawnNotice, withdrawnScreen } from "../render/screens/withdrawn.js";
import { decodeTarget, parseTargetPayload } from "../routes.js";
import { answerWithScreen, replyScreen } from "../show/show-screen.js";

/**
 * The buttons and deep links of a story the editors withdrew: instead of the stale-button notice or an
 * unknown link, they answer that the editors withdrew it, with their note and the way back to the menu.
 * Installed before the features (and the quotes question), which would otherwise take them as stale.
 */
export function withdrawnFeature(views: ReaderViews): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on("callback_query:data", async (ctx, next) => {
    // Nearly always nothing is withdrawn: then every press goes on untouched.
    if (views.catalog.withdrawn.size === 0) return next();
    const target = decodeTarget(ctx.callbackQuery.data);
    const story = target && !views.storyOfTarget(target) ? views.withdrawnOfTarget(target) : undefined;
    if (story === undefined) return next();
    const view = views.for(views.lang(ctx));
    await answerWithScreen(ctx, withdrawnScreen(view, story), withdrawnNotice(view, story));
  });
  composer.command("start", async (ctx, next) => {
    if (views.catalog.withdrawn.size === 0) return next();
    const target = parseTargetPayload(ctx.match.trim());
    const story = target && !views.storyOfTarget(target) ? views.withdrawnOfTarget(target) : undefined;
    if (story === undefined) return next();
    await replyScreen(ctx, withdrawnScreen(views.for(views.lang(ctx)), story));
  });
  return composer;
}
