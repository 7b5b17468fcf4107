import { FormattedString } from "@grammyjs/parse-mode";
import type { Lang } from "../../../content/schema.js";
import { lines } from "../text.js";
import { button, menuButton, type Screen, screen, type View } from "../view.js";

/**
 * The whole article, in its original language or in translation: the title, then each section's title in
 * bold (the original's own subheading where it prints one) and its paragraphs. Paragraphs are blocks, so a
 * story too long for one message is split only between paragraphs.
 */
export function fullTextScreen(view: View, text: Lang): Screen {
  const { story, t } = view;
  const original = text === story.data.language;
  const parts: FormattedString[] = [FormattedString.b(story.data.title[text])];
  if (!original) parts.push(FormattedString.i(t("full-translation-note")));
  for (const section of story.data.sections) {
    const title = original ? (section.heading ?? section.title[text]) : section.title[text];
    section.paragraphs.forEach((paragraph, i) => {
      const body = original ? paragraph.ar : paragraph.en;
      parts.push(i === 0 ? lines(FormattedString.b(title), body) : new FormattedString(body));
    });
  }
  // The translation is offered to readers of the English interface; the original to everyone reading it.
  const other =
    view.lang === "en" && original
      ? button(view, t("btn-full-en"), { to: "full", lang: "en" })
      : !original
        ? button(view, t("btn-full-ar"), { to: "full", lang: "ar" })
        : undefined;
  return screen(
    view,
    parts,
    [
      other
        ? [other, button(view, t("btn-sections"), { to: "toc" })]
        : [button(view, t("btn-sections"), { to: "toc" })],
      [menuButton(view)],
    ],
    // A translation keeps its own direction even in the Arabic interface: its Arabic lines are RTL anyway.
    original ? view.lang : text,
  );
}
