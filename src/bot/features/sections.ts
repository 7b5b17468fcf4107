import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { present } from "../helpers/present.js";
import { onRoute } from "../helpers/routing.js";
import type { Views } from "../helpers/views.js";

/** `/sections`: the table of contents; a section opens in one message that previous / next edit in place. */
export function sectionsFeature(views: Views): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.command("sections", (ctx) => present(ctx, views, { to: "toc" }));
  onRoute(feature, views, "toc", (ctx, route) => present(ctx, views, route));
  onRoute(feature, views, "section", (ctx, route) => present(ctx, views, route));
  return feature;
}
