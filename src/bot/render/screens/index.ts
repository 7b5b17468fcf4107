import type { Route } from "../../routes.js";
import type { Screen, View } from "../view.js";
import { exchangeScreen, sourcesScreen } from "./exchange.js";
import { fullTextScreen } from "./full-text.js";
import { helpScreen, languageScreen, menuScreen } from "./menu.js";
import { peopleScreen } from "./people.js";
import { personScreen, quotesScreen, speakersScreen } from "./quotes.js";
import { sectionScreen, tocScreen } from "./sections.js";
import { summaryScreen } from "./summary.js";

/** Where the reader is, for screens that mark it (the table of contents marks the last section read). */
export interface Place {
  section?: string;
}

/**
 * The screen a route shows, or `undefined` when the route names something the story does not have (a
 * stale button after an edit) or is an action rather than a screen.
 */
export function renderRoute(route: Route, view: View, place: Place = {}): Screen | undefined {
  switch (route.to) {
    case "menu":
      return menuScreen(view);
    case "summary":
      return summaryScreen(view);
    case "full":
      return fullTextScreen(view, route.lang);
    case "toc":
      return tocScreen(view, place.section);
    case "section":
      return sectionScreen(view, route.id);
    case "speakers":
      return speakersScreen(view, { inConversation: false });
    case "quotes":
      return quotesScreen(view, route.id);
    case "exchange":
      return exchangeScreen(view);
    case "sources":
      return sourcesScreen(view);
    case "people":
      return peopleScreen(view);
    case "person":
      return personScreen(view, route.id);
    case "language":
      return languageScreen(view);
    case "help":
      return helpScreen(view);
    case "set-language":
    case "cancel":
      return undefined;
  }
}
