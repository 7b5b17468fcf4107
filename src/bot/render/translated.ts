import type { FormattedString } from "@grammyjs/parse-mode";
import { setApart } from "./text.js";
import type { View } from "./view.js";

/**
 * Whether someone's words shown in the reader's language are a translation: the interface is not the
 * story's language and the words have a translation (an untranslated original says so in its own note).
 */
export function isTranslated(view: View, words: { ar?: string; en?: string }): boolean {
  return view.lang !== view.story.data.language && words[view.lang] !== undefined;
}

/** The one line a message with translated quotes carries: what they are translated from. */
export function translatedMark(view: View): FormattedString {
  return setApart(view.t("translated-mark", { from: view.story.data.language }));
}

/** The same, as words that follow an attribution ("— Donald Trump, translated from the Arabic report"). */
export function translatedAttribution(view: View): string {
  return view.t("translated-attribution", { from: view.story.data.language });
}
