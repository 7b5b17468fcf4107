import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { present } from "../helpers/present.js";
import { onRoute } from "../helpers/routing.js";
import type { Views } from "../helpers/views.js";

/** `/people`: Who is who; a person leads to their quotes or to what the story says about them. */
export function peopleFeature(views: Views): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.command("people", (ctx) => present(ctx, views, { to: "people" }));
  onRoute(feature, views, "people", (ctx, route) => present(ctx, views, route));
  onRoute(feature, views, "person", (ctx, route) => present(ctx, views, route));
  onRoute(feature, views, "mentions", (ctx, route) => present(ctx, views, route));
  return feature;
}
