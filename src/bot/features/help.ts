import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import type { ReaderViews } from "../reader-views.js";
import { onRoute } from "../routing.js";
import { present } from "../show/present.js";

/** `/help`: What the bot does and its commands. */
export function helpFeature(views: ReaderViews): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.command("help", (ctx) => present(ctx, views, { to: "help" }));
  onRoute(feature, views, "help", (ctx, route) => present(ctx, views, route));
  return feature;
}
