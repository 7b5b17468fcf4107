import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import type { ReaderViews } from "../reader-views.js";
import { onRoute } from "../routing.js";
import { present } from "../show/present.js";

/** `/people`: Who is who; a person leads to their quotes or to what the story says about them. */
export function peopleFeature(views: ReaderViews): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.command("people", (ctx) => present(ctx, views, { to: "people" }));
  onRoute(feature, views, "people", (ctx, route) => present(ctx, views, route));
  onRoute(feature, views, "person", (ctx, route) => present(ctx, views, route));
  onRoute(feature, views, "mentions", (ctx, route) => present(ctx, views, route));
  return feature;
}
