import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { present } from "../helpers/present.js";
import { onRoute } from "../helpers/routing.js";
import type { Views } from "../helpers/views.js";

/** The Corrections button of a corrected story's first screen (and the `corrections` deep link, via /start). */
export function correctionsFeature(views: Views): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  onRoute(composer, views, "corrections", (ctx, route) => present(ctx, views, route));
  return composer;
}
