import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import type { ReaderViews } from "../reader-views.js";
import { onRoute } from "../routing.js";
import { present } from "../show/present.js";

/** The Corrections button of a corrected story's first screen (and the `corrections` deep link, via /start). */
export function correctionsFeature(views: ReaderViews): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  onRoute(composer, views, "corrections", (ctx, route) => present(ctx, views, route));
  return composer;
}
