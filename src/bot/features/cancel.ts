import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { QUOTES_CONVERSATION } from "../conversations/quotes.js";
import { onRoute } from "../helpers/routing.js";
import { answerWithScreen, replyScreen } from "../helpers/show-screen.js";
import type { Views } from "../helpers/views.js";
import { lines } from "../render/text.js";
import { screen } from "../render/view.js";

/**
 * `/cancel` and the Cancel button end the quotes conversation politely. Installed before the conversation
 * so they see the update first; with nothing in progress they say so.
 */
export function cancelFeature(views: Views): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.command("cancel", async (ctx) => {
    const view = views.of(ctx);
    const active = ctx.conversation.active(QUOTES_CONVERSATION) > 0;
    if (active) await ctx.conversation.exit(QUOTES_CONVERSATION);
    await replyScreen(ctx, screen(view, [lines(view.t(active ? "quotes-cancelled" : "cancel-nothing"))]));
  });
  onRoute(feature, views, "cancel", async (ctx) => {
    const view = views.of(ctx);
    if (ctx.conversation.active(QUOTES_CONVERSATION) > 0) {
      await ctx.conversation.exit(QUOTES_CONVERSATION);
      // The question turns into the cancellation notice, and its buttons go away.
      await answerWithScreen(ctx, screen(view, [lines(view.t("quotes-cancelled"))]));
    } else {
      await answerWithScreen(ctx, undefined, view.t("cancel-nothing"));
    }
  });
  return feature;
}
