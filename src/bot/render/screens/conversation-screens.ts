import type { Back } from "../../routes.js";
import type { Screen, View } from "../view.js";
import { speakersScreen } from "./quotes.js";

const asks = new WeakMap<View, Map<string, Screen>>();

/**
 * The quotes conversation's question (the speakers, Cancel back to where it was asked from, and the menu),
 * rendered once per view and origin. Screens are pure and never mutated (see `renderRoute`); rendering this
 * one anew on every entry was about a tenth of what entering the conversation cost (bench/child/entry.ts).
 * Origins are the summary and the story's cards, so the cache stays as small as the story.
 */
export function askScreen(view: View, back?: Back): Screen {
  let byBack = asks.get(view);
  if (byBack === undefined) {
    byBack = new Map();
    asks.set(view, byBack);
  }
  const key = back === undefined ? "" : back.to === "card" ? `card:${back.id}` : back.to;
  let ask = byBack.get(key);
  if (ask === undefined) {
    ask = speakersScreen(view, { inConversation: true, ...(back ? { back } : {}) });
    byBack.set(key, ask);
  }
  return ask;
}
