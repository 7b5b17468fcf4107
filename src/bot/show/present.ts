import type { BotContext } from "../context.js";
import type { ReaderViews } from "../reader-views.js";
import { renderRoute } from "../render/screens/index.js";
import { missingScreen } from "../render/screens/menu.js";
import type { View } from "../render/view.js";
import type { Route } from "../routes.js";
import { answerWithScreen, replyScreen } from "./show-screen.js";

/** Routes to parts a story may not have: a command for one gets a notice that this story has none. */
const OPTIONAL_PARTS: ReadonlySet<Route["to"]> = new Set([
  "summary",
  "speakers",
  "people",
  "card",
  "card-sources",
  "corrections",
]);

/**
 * Shows a route's screen: in place of the pressed button's message for a button (one answer and one edit,
 * concurrently), as a new message for a command. Opening a section remembers it as the reader's place;
 * opening any screen of a story makes it the reader's current story. A route naming something the story no
 * longer has (a stale button) gets a short notice instead.
 */
export async function present(
  ctx: BotContext,
  views: ReaderViews,
  route: Route,
  view: View = views.of(ctx),
): Promise<void> {
  const known = route.to !== "section" || view.story.sections.has(route.id);
  if (route.to === "section" && known)
    ctx.session = { ...ctx.session, story: view.story.data.id, section: route.id };
  const shown = renderRoute(route, view, { section: views.placeIn(ctx, view.story) });
  if (shown) views.remember(ctx, view.story);
  if (ctx.callbackQuery) {
    await (shown ? answerWithScreen(ctx, shown) : answerWithScreen(ctx, undefined, view.t("stale-button")));
  } else if (shown) {
    await replyScreen(ctx, shown);
  } else if (OPTIONAL_PARTS.has(route.to)) {
    await replyScreen(ctx, missingScreen(view));
  } else {
    await replyScreen(ctx, renderRoute({ to: "menu" }, view) ?? { messages: [] });
  }
}
