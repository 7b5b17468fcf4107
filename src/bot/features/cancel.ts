import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { QUOTES_CONVERSATION } from "../conversations/quotes.js";
import type { QuotesQuestions } from "../conversations/quotes-question.js";
import type { ReaderViews } from "../reader-views.js";
import { renderRoute } from "../render/screens/index.js";
import { menuKeyboard } from "../render/screens/menu.js";
import { lines } from "../render/text.js";
import { menuButton, screen } from "../render/view.js";
import { onRoute } from "../routing.js";
import { answerWithScreen, replyScreen } from "../show/show-screen.js";

/**
 * `/cancel` and the Cancel button end the quotes conversation politely. Installed before the conversation
 * so they see the update first; with nothing in progress they say so. Neither leaves the reader without a
 * way on: the button turns the question back into the screen it was asked from (with a toast), the command
 * answers with the menu's buttons.
 */
export function cancelFeature(views: ReaderViews, questions: QuotesQuestions): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  // In progress: the conversation, or the question still waiting for its first answer.
  const inProgress = (ctx: BotContext) =>
    ctx.conversation.active(QUOTES_CONVERSATION) > 0 || questions.waiting(ctx);
  const end = async (ctx: BotContext) => {
    await questions.forget(ctx);
    await ctx.conversation.exit(QUOTES_CONVERSATION);
  };
  feature.command("cancel", async (ctx) => {
    const view = views.of(ctx);
    const active = inProgress(ctx);
    if (active) await end(ctx);
    const keyboard = active ? menuKeyboard(view) : [[menuButton(view)]];
    await replyScreen(
      ctx,
      screen(view, [lines(view.t(active ? "quotes-cancelled" : "cancel-nothing"))], keyboard),
    );
  });
  onRoute(feature, views, "cancel", async (ctx, route) => {
    const view = views.of(ctx);
    if (inProgress(ctx)) {
      await end(ctx);
      // The question turns back into the screen it was asked from (the menu unless its button said else).
      const back =
        (route.back ? renderRoute(route.back, view) : undefined) ?? renderRoute({ to: "menu" }, view);
      await answerWithScreen(ctx, back, view.t("quotes-cancelled"));
    } else {
      await answerWithScreen(ctx, undefined, view.t("cancel-nothing"));
    }
  });
  return feature;
}
