import type { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { present } from "../helpers/present.js";
import { Feature, onRoute } from "../helpers/routing.js";
import type { Views } from "../helpers/views.js";

/** `/full`: the whole article in its original language; readers of the other interface can switch to the translation. */
export function fullTextFeature(views: Views): Composer<BotContext> {
  const feature = new Feature();
  feature.command("full", (ctx) =>
    present(ctx, views, { to: "full", lang: views.of(ctx).story.data.language }),
  );
  onRoute(feature, views, "full", (ctx, route) => present(ctx, views, route));
  return feature;
}
