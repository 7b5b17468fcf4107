import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import type { ReaderViews } from "../reader-views.js";
import { onRoute } from "../routing.js";
import { present } from "../show/present.js";

/**
 * `/full`: the whole article in the reader's language: its translation where one exists, with a button to the
 * original (and the original first, with a button to the translation, for readers of its language).
 */
export function fullTextFeature(views: ReaderViews): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.command("full", (ctx) => present(ctx, views, { to: "full", lang: views.of(ctx).lang }));
  onRoute(feature, views, "full", (ctx, route) => present(ctx, views, route));
  return feature;
}
