import type { BotContext } from "../context.js";
import { renderRoute } from "../render/screens/index.js";
import type { Route } from "../routes.js";
import { answerWithScreen, replyScreen } from "./show-screen.js";
import type { Views } from "./views.js";

/**
 * Shows a route's screen: in place of the pressed button's message for a button (one answer and one edit,
 * concurrently), as a new message for a command. Opening a section remembers it as the reader's place.
 * A route naming something the story no longer has (a stale button) gets a short notice instead.
 */
export async function present(ctx: BotContext, views: Views, route: Route): Promise<void> {
  const view = views.of(ctx);
  const known = route.to !== "section" || view.story.sections.has(route.id);
  if (route.to === "section" && known) ctx.session = { ...ctx.session, section: route.id };
  const screen = renderRoute(route, view, { section: ctx.session?.section });
  if (ctx.callbackQuery) {
    await (screen ? answerWithScreen(ctx, screen) : answerWithScreen(ctx, undefined, view.t("stale-button")));
  } else if (screen) {
    await replyScreen(ctx, screen);
  } else {
    await replyScreen(ctx, renderRoute({ to: "menu" }, view) ?? { messages: [] });
  }
}
