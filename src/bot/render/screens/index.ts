import { encodeRoute, type Route } from "../../routes.js";
import type { Screen, View } from "../view.js";
import { cardScreen, cardSourcesScreen } from "./card.js";
import { correctionsScreen } from "./corrections.js";
import { fullTextScreen } from "./full-text.js";
import { helpScreen, languageScreen, menuScreen } from "./menu.js";
import { peopleScreen } from "./people.js";
import { mentionsScreen, personScreen, quotesScreen, speakersScreen } from "./quotes.js";
import { sectionScreen, tocScreen } from "./sections.js";
import { storiesScreen } from "./stories.js";
import { summaryScreen } from "./summary.js";

/** Where the reader is, for screens that mark it (the table of contents marks the last section read). */
export interface Place {
  section?: string;
}

/** Screens remembered per view before the cache starts over; the story has a few dozen. */
const SCREEN_CACHE_LIMIT = 1000;
const screens = new WeakMap<View, Map<string, Screen>>();

/**
 * The screen a route shows, or `undefined` when the route names something the story does not have (a
 * stale button after an edit) or is an action rather than a screen.
 *
 * Screens are pure functions of the view (story, language), the route and, for the table of contents, the
 * reader's place, and nothing mutates them, so each is rendered once per view and then shared. Rendering
 * them anew (formatting, direction marks, packing, a dozen translations) was a third of the bot's CPU time
 * per update (see bench/). Only screens that exist are remembered, so forged ids cannot grow the cache.
 */
export function renderRoute(route: Route, view: View, place: Place = {}): Screen | undefined {
  const key = route.to === "toc" ? `${encodeRoute(route)}|${place.section ?? ""}` : encodeRoute(route);
  let cache = screens.get(view);
  if (cache === undefined) {
    cache = new Map();
    screens.set(view, cache);
  }
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const screen = render(route, view, place);
  if (screen !== undefined) {
    if (cache.size >= SCREEN_CACHE_LIMIT) cache.clear();
    cache.set(key, screen);
  }
  return screen;
}

function render(route: Route, view: View, place: Place): Screen | undefined {
  switch (route.to) {
    case "menu":
      return menuScreen(view);
    case "summary":
      return summaryScreen(view);
    case "full":
      return fullTextScreen(view, route.lang ?? view.lang, route.page ?? 0);
    case "toc":
      return tocScreen(view, place.section);
    case "section":
      return sectionScreen(view, route.id);
    case "speakers":
      return speakersScreen(view, { inConversation: false });
    case "quotes":
      return quotesScreen(view, route.id);
    case "card":
      return cardScreen(view, route.id);
    case "card-sources":
      return cardSourcesScreen(view, route.id);
    case "people":
      return peopleScreen(view);
    case "person":
      return personScreen(view, route.id);
    case "mentions":
      return mentionsScreen(view, route.id);
    case "language":
      return languageScreen(view);
    case "help":
      return helpScreen(view);
    case "stories":
      return storiesScreen(view, route.page);
    case "corrections":
      return correctionsScreen(view);
    case "set-language":
    case "results":
    case "cancel":
    // Following reads and writes the chat's follows: its screens are rendered by its feature.
    case "follow":
    case "following":
    case "follow-topic":
    case "unfollow-topic":
    case "unfollow-all":
    case "when":
    case "set-when":
    case "quiet":
    case "set-quiet":
    case "zones":
    case "set-zone":
    case "stop":
    case "undo-stop":
    case "open":
    case "report":
    case "report-answerable":
    case "report-cancel":
      return undefined;
  }
}
