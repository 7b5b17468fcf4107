import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import type { ReaderViews } from "../reader-views.js";
import { onRoute } from "../routing.js";
import { present } from "../show/present.js";

/** `/stories` and "More stories": every story served, newest first, paged; a story's button opens it. */
export function storiesFeature(views: ReaderViews): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.command("stories", (ctx) => present(ctx, views, { to: "stories", page: 0 }));
  onRoute(feature, views, "stories", (ctx, route) => present(ctx, views, route));
  return feature;
}
