import type { Composer, Filter } from "grammy";
import type { BotContext } from "../context.js";
import { decodeRoute, type Route } from "../routes.js";

/** Each press's data is decoded once, however many features look at it. */
const decoded = new WeakMap<object, Route | undefined>();

/** The route a button press carries, or `undefined` for forged, stale or malformed data. */
export function routeOf(ctx: RouteContext): Route | undefined {
  const query = ctx.callbackQuery;
  if (decoded.has(query)) return decoded.get(query);
  const route = decodeRoute(query.data);
  decoded.set(query, route);
  return route;
}

/** A button press whose data decoded to a route of kind `K`. */
export type RouteContext = Filter<BotContext, "callback_query:data">;

/**
 * Registers a handler for the buttons of one route kind. Data is decoded strictly (see `decodeRoute`), so
 * forged or malformed data never reaches a handler and falls through to the stale-button answer.
 */
export function onRoute<K extends Route["to"]>(
  composer: Composer<BotContext>,
  to: K,
  handler: (ctx: RouteContext, route: Extract<Route, { to: K }>) => Promise<unknown>,
): void {
  composer.on("callback_query:data", async (ctx, next) => {
    const route = routeOf(ctx);
    if (route?.to !== to) return next();
    await handler(ctx, route as Extract<Route, { to: K }>);
  });
}
