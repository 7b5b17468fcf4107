import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { present } from "../helpers/present.js";
import { onRoute } from "../helpers/routing.js";
import type { Views } from "../helpers/views.js";
import { parseTargetPayload } from "../routes.js";

/**
 * `/start`, with deep links (`t.me/<bot>?start=<payload>`) that open a screen of a story directly; an
 * unknown payload, or one of a story no longer served, gets the normal start. Without a payload it opens
 * the newest story. The "menu" button everywhere leads back to its story's start.
 */
export function startFeature(
  views: Views,
  startQuotes: (ctx: BotContext) => Promise<void>,
): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.command("start", async (ctx) => {
    const target = parseTargetPayload(ctx.match.trim());
    const story = target ? views.storyOfTarget(target) : undefined;
    const route = story ? target?.route : undefined;
    if (route?.to === "speakers") return startQuotes(ctx);
    const view = views.for(views.lang(ctx), story ?? views.catalog.newest);
    await present(ctx, views, route ?? { to: "menu" }, view);
  });
  onRoute(feature, views, "menu", (ctx, route) => present(ctx, views, route));
  return feature;
}
