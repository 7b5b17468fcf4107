import { FormattedString } from "@grammyjs/parse-mode";
import type { Lang } from "../../../content/schema.js";
import type { Story } from "../../../content/story.js";
import { lines, setApart } from "../text.js";
import { button, localizer, menuButton, type Screen, screen, type View } from "../view.js";
import { sectionTitle } from "./sections.js";

/** Whether the story has any of its paragraphs translated into a language. */
export function hasTranslation(story: Story, lang: Lang): boolean {
  if (lang === story.data.language) return true;
  return story.data.sections.some((section) => section.paragraphs.some((p) => p[lang] !== undefined));
}

/** The button label that opens the translation into `lang`, and the one back to an original in `lang`. */
const TRANSLATION_BUTTON: Record<Lang, string> = { en: "btn-full-en", ar: "btn-full-ar-translation" };
const ORIGINAL_BUTTON: Record<Lang, string> = { ar: "btn-full-ar", en: "btn-full-en-original" };
const TRANSLATION_NOTE: Record<Lang, string> = {
  en: "full-translation-note",
  ar: "full-translation-note-ar",
};

/**
 * The whole article, in its original language or in translation: the editors' headline set apart, then the
 * paragraphs, with the original's own subheadings in bold (translated in a translation). Paragraphs are blocks, so a
 * story too long for one message is split only between paragraphs. A story without a translation into the
 * asked language shows its original, with a one-line note saying so.
 */
export function fullTextScreen(view: View, asked: Lang): Screen {
  const { story, t } = view;
  const language = story.data.language;
  const text = hasTranslation(story, asked) ? asked : language;
  const original = text === language;
  const textView: View = { ...view, lang: text };
  const say = localizer(textView);
  // The headline is the editors', not the article's (which has none): set apart, never bold like the text's
  // own subheading.
  const parts: FormattedString[] = [setApart(`📰 ${say.say(story.data.title)}`)];
  if (!original) parts.push(setApart(t(TRANSLATION_NOTE[text])));
  // Asked for a translation the story lacks: its original, saying so in one line.
  else if (asked !== text) parts.push(setApart(t("untranslated-note")));
  story.data.sections.forEach((section, s) => {
    // The text shows only the original's own subheadings (translated in a translation): editorial section
    // titles are not part of the article.
    const title =
      section.heading === undefined
        ? undefined
        : original
          ? section.heading
          : sectionTitle(textView, section, s, say.say);
    section.paragraphs.forEach((paragraph, i) => {
      const body = say.say(paragraph);
      parts.push(
        i === 0 && title !== undefined ? lines(FormattedString.b(title), body) : new FormattedString(body),
      );
      // An editor's note is marked as such and stands apart from the text it is about.
      if (paragraph.note !== undefined) parts.push(setApart(`✎ ${say.say(paragraph.note)}`));
    });
  });
  // The original offers its translation where one exists; a translation offers the original.
  const translation: Lang = language === "ar" ? "en" : "ar";
  const other = !original
    ? button(view, t(ORIGINAL_BUTTON[language]), { to: "full", lang: language })
    : hasTranslation(story, translation)
      ? button(view, t(TRANSLATION_BUTTON[translation]), { to: "full", lang: translation })
      : undefined;
  return screen(
    view,
    [...parts, ...say.note()],
    [
      other
        ? [other, button(view, t("btn-sections"), { to: "toc" })]
        : [button(view, t("btn-sections"), { to: "toc" })],
      [menuButton(view)],
    ],
    // A text keeps its own direction whatever the interface: an English original never gets right-to-left
    // marks, a translation takes its own language's (Arabic lines are right-to-left anyway).
    original ? (language === "en" ? "en" : view.lang) : text,
  );
}
