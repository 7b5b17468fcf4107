import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { present } from "../helpers/present.js";
import { onRoute } from "../helpers/routing.js";
import type { Views } from "../helpers/views.js";

/** `/stories` and "More stories": every story served, newest first, paged; a story's button opens it. */
export function storiesFeature(views: Views): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.command("stories", (ctx) => present(ctx, views, { to: "stories", page: 0 }));
  onRoute(feature, views, "stories", (ctx, route) => present(ctx, views, route));
  return feature;
}
