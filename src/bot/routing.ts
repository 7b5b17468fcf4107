import type { Composer, Filter } from "grammy";
import type { BotContext } from "./context.js";
import type { ReaderViews } from "./reader-views.js";
import { decodeTarget, type Route } from "./routes.js";

/** Each press's data is decoded once, however many route handlers look at it. */
const decoded = new WeakMap<object, Route | undefined>();

/** A button press (callback data is present). */
export type RouteContext = Filter<BotContext, "callback_query:data">;

/**
 * The route a button press carries, or `undefined` for forged, stale or malformed data, and for data of a
 * story that is not served (removed, or a draft again): those get the stale-button answer.
 */
export function routeOf(ctx: RouteContext, views: ReaderViews): Route | undefined {
  const query = ctx.callbackQuery;
  if (decoded.has(query)) return decoded.get(query);
  const target = decodeTarget(query.data);
  const route = target && views.storyOfTarget(target) ? target.route : undefined;
  decoded.set(query, route);
  return route;
}

/**
 * Registers the handler of one route kind's buttons on a feature's composer: one `callback_query:data`
 * handler that runs for presses whose data decodes (strictly, see `decodeTarget`) to a route of kind `to`
 * and passes every other update on. Forged or malformed data never reaches a handler and falls through
 * to the stale-button answer.
 */
export function onRoute<K extends Route["to"]>(
  composer: Composer<BotContext>,
  views: ReaderViews,
  to: K,
  handler: (ctx: RouteContext, route: Extract<Route, { to: K }>) => Promise<unknown>,
): void {
  composer.on("callback_query:data", async (ctx, next) => {
    const route = routeOf(ctx, views);
    if (route?.to !== to) return next();
    await handler(ctx, route as Extract<Route, { to: K }>);
  });
}
