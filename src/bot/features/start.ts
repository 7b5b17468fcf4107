import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import type { ReaderViews } from "../reader-views.js";
import { renderRoute } from "../render/screens/index.js";
import { startScreen } from "../render/screens/menu.js";
import type { View } from "../render/view.js";
import { parsePayload, parseTargetPayload, type Route } from "../routes.js";
import { onRoute } from "../routing.js";
import { present } from "../show/present.js";
import { replyScreen } from "../show/show-screen.js";
import { type FollowLink, isFollowLink } from "./follow.js";

/**
 * Whether a deep link's route names nothing the story has: an id it lacks (`section-nope`), or a story key
 * followed by a payload that means nothing (`pt_nope`, which parses as that story's menu).
 */
function namesNothing(payload: string, route: Route, view: View): boolean {
  const underscore = payload.indexOf("_");
  if (underscore !== -1 && parsePayload(payload.slice(underscore + 1)) === undefined) return true;
  return "id" in route && renderRoute(route, view) === undefined;
}

/**
 * `/start`, with deep links (`t.me/<bot>?start=<payload>`) that open a screen of a story directly. A link
 * that names nothing the bot has (an unknown payload, a section the story lacks, a story no longer served)
 * says so in one line above the menu; the quotes of someone not quoted open their person screen. Without a payload it opens
 * the newest story. The "menu" button everywhere leads back to its story's start. The follow links
 * (`follow`, `following`, `follow-<person>`) are answered by `followLink`.
 */
export function startFeature(
  views: ReaderViews,
  startQuotes: (ctx: BotContext) => Promise<void>,
  followLink?: (ctx: BotContext, route: FollowLink, view: View) => Promise<void>,
): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.command("start", async (ctx) => {
    const payload = ctx.match.trim();
    const target = parseTargetPayload(payload);
    const story = target ? views.storyOfTarget(target) : undefined;
    let route = story ? target?.route : undefined;
    if (route?.to === "speakers") return startQuotes(ctx);
    const view = views.for(views.lang(ctx), story ?? views.catalog.newest);
    // The quotes of someone the story names but does not quote: the nearest screen is theirs.
    if (route?.to === "quotes" && !view.story.quotesBy.has(route.id) && view.story.people.has(route.id))
      route = { to: "person", id: route.id };
    if (payload !== "" && (route === undefined || namesNothing(payload, route, view))) {
      views.remember(ctx, view.story);
      await replyScreen(ctx, startScreen(view, view.t("link-unknown")));
      return;
    }
    if (route !== undefined && isFollowLink(route) && followLink) return followLink(ctx, route, view);
    if (route === undefined || route.to === "menu") {
      // The greeting belongs to /start alone; every other way back to the menu shows it without one.
      views.remember(ctx, view.story);
      await replyScreen(ctx, startScreen(view));
      return;
    }
    await present(ctx, views, route, view);
  });
  onRoute(feature, views, "menu", (ctx, route) => present(ctx, views, route));
  return feature;
}
