import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { present } from "../helpers/present.js";
import { onRoute } from "../helpers/routing.js";
import type { Views } from "../helpers/views.js";

/** `/summary`: The editorial summary, with ways on to the full text, the quotes and the menu. */
export function summaryFeature(views: Views): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.command("summary", (ctx) => present(ctx, views, { to: "summary" }));
  onRoute(feature, views, "summary", (ctx, route) => present(ctx, views, route));
  return feature;
}
