import type { Screen, View } from "../view.js";
import { speakersScreen, unknownNameScreen } from "./quotes.js";

const asks = new WeakMap<View, Screen>();
const unknowns = new WeakMap<View, Map<number, Screen>>();

/**
 * The quotes conversation's question (the speakers and Cancel), rendered once per view. Screens are pure
 * and never mutated (see `renderRoute`); rendering this one anew on every entry was about a tenth of what
 * entering the conversation cost (bench/child/entry.ts).
 */
export function askScreen(view: View): Screen {
  let ask = asks.get(view);
  if (ask === undefined) {
    ask = speakersScreen(view, { inConversation: true });
    asks.set(view, ask);
  }
  return ask;
}

/** The conversation's answer to an unknown name with `triesLeft` tries left, rendered once per view and count. */
export function unknownInConversationScreen(view: View, triesLeft: number): Screen {
  let byTries = unknowns.get(view);
  if (byTries === undefined) {
    byTries = new Map();
    unknowns.set(view, byTries);
  }
  let shown = byTries.get(triesLeft);
  if (shown === undefined) {
    shown = unknownNameScreen(view, triesLeft);
    // The count is bounded by MAX_TRIES; the guard only keeps a bad caller from growing the map.
    if (byTries.size < 16) byTries.set(triesLeft, shown);
  }
  return shown;
}
