import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import type { ReaderViews } from "../reader-views.js";
import { onRoute } from "../routing.js";
import { present } from "../show/present.js";

/** `/sections`: the table of contents; a section opens in one message that previous / next edit in place. */
export function sectionsFeature(views: ReaderViews): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.command("sections", (ctx) => present(ctx, views, { to: "toc" }));
  onRoute(feature, views, "toc", (ctx, route) => present(ctx, views, route));
  onRoute(feature, views, "section", (ctx, route) => present(ctx, views, route));
  return feature;
}
