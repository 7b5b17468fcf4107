import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { present } from "../helpers/present.js";
import { onRoute } from "../helpers/routing.js";
import type { Views } from "../helpers/views.js";

/** `/exchange`: The prisoner exchange as a card, and the paragraphs it rests on. */
export function exchangeFeature(views: Views): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.command("exchange", (ctx) => present(ctx, views, { to: "exchange" }));
  onRoute(feature, "exchange", (ctx, route) => present(ctx, views, route));
  onRoute(feature, "sources", (ctx, route) => present(ctx, views, route));
  return feature;
}
