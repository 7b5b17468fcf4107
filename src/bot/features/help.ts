import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { present } from "../helpers/present.js";
import { onRoute } from "../helpers/routing.js";
import type { Views } from "../helpers/views.js";

/** `/help`: What the bot does and its commands. */
export function helpFeature(views: Views): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.command("help", (ctx) => present(ctx, views, { to: "help" }));
  onRoute(feature, views, "help", (ctx, route) => present(ctx, views, route));
  return feature;
}
