import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { present } from "../helpers/present.js";
import { onRoute } from "../helpers/routing.js";
import type { Views } from "../helpers/views.js";
import { parsePayload } from "../routes.js";

/**
 * `/start`, with deep links (`t.me/<bot>?start=<payload>`) that open a screen directly; an unknown payload
 * gets the normal start. The "menu" button everywhere leads back here.
 */
export function startFeature(
  views: Views,
  startQuotes: (ctx: BotContext) => Promise<void>,
): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.command("start", async (ctx) => {
    const route = parsePayload(ctx.match.trim());
    if (route?.to === "speakers") return startQuotes(ctx);
    await present(ctx, views, route ?? { to: "menu" });
  });
  onRoute(feature, "menu", (ctx, route) => present(ctx, views, route));
  return feature;
}
