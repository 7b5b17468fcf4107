import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import type { ReaderViews } from "../reader-views.js";
import { onRoute } from "../routing.js";
import { present } from "../show/present.js";

/** `/summary`: The editorial summary, with ways on to the full text, the quotes and the menu. */
export function summaryFeature(views: ReaderViews): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.command("summary", (ctx) => present(ctx, views, { to: "summary" }));
  onRoute(feature, views, "summary", (ctx, route) => present(ctx, views, route));
  return feature;
}
