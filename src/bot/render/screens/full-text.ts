import { FormattedString } from "@grammyjs/parse-mode";
import type { Lang } from "../../../content/schema.js";
import { hasTranslation, localize } from "../../../content/story.js";
import { pagerLabel } from "../rtl-rows.js";
import { sourceLine } from "../source.js";
import { lines, setApart } from "../text.js";
import { button, localizer, menuButton, reportButton, type Screen, screen, type View } from "../view.js";
import { sectionTitle } from "./sections.js";

/** The button label that opens the translation into `lang`, and the one back to an original in `lang`. */
const TRANSLATION_BUTTON: Record<Lang, string> = { en: "btn-full-en", ar: "btn-full-ar-translation" };
const ORIGINAL_BUTTON: Record<Lang, string> = { ar: "btn-full-ar", en: "btn-full-en-original" };
const TRANSLATION_NOTE: Record<Lang, string> = {
  en: "full-translation-note",
  ar: "full-translation-note-ar",
};

/**
 * The most a page of the full text holds, in UTF-16 units: about one phone screen (390×844) above its
 * keyboard. Telegram's clients keep the chat pinned to its bottom when a message arrives or an edit makes
 * it grow, so a longer message opens at its last lines; a page that fits the screen is read from its first
 * line (see docs/long-answers.md).
 */
export const FULL_PAGE_BUDGET = 900;

/** Blocks grouped into pages of at most `budget` units each, splitting only between blocks. */
function pages(blocks: readonly FormattedString[], budget: number): FormattedString[][] {
  const out: FormattedString[][] = [];
  let current: FormattedString[] = [];
  let size = 0;
  for (const block of blocks) {
    const length = block.rawText.length + 2;
    if (current.length > 0 && size + length > budget) {
      out.push(current);
      current = [];
      size = 0;
    }
    current.push(block);
    size += length;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/**
 * As few pages as `budget` allows, as even as whole blocks allow: no short last page of one paragraph after
 * full ones.
 */
function balanced(blocks: readonly FormattedString[], budget: number): FormattedString[][] {
  const fewest = pages(blocks, budget);
  const total = blocks.reduce((sum, block) => sum + block.rawText.length + 2, 0);
  for (let even = Math.ceil(total / fewest.length); even < budget; even += 20) {
    const tried = pages(blocks, even);
    if (tried.length <= fewest.length) return tried;
  }
  return fewest;
}

/**
 * The whole article, in its original language or in translation, a phone screen at a time: the editors'
 * headline set apart, then the paragraphs, with the original's own subheadings in bold (translated in a
 * translation), in pages of whole paragraphs with previous / next buttons that edit the message in place.
 * A story without a translation into the asked language shows its original, with a one-line note saying so.
 */
export function fullTextScreen(view: View, asked: Lang, page = 0): Screen {
  const { story, t } = view;
  const language = story.data.language;
  const text = hasTranslation(story, asked) ? asked : language;
  const original = text === language;
  const textView: View = { ...view, lang: text };
  const say = localizer(textView);
  // The headline is the editors', not the article's (which has none): set apart, never bold like the
  // text's own subheading; in the reader's language where it is translated, even above an original.
  const source = sourceLine(view);
  const headline = setApart(`📰 ${localize(story.data.title, asked, language).text}`);
  const head: FormattedString[] = [source !== undefined ? lines(headline, source) : headline];
  if (!original) head.push(setApart(t(TRANSLATION_NOTE[text])));
  // Asked for a translation the story lacks: its original, saying so in one line.
  else if (asked !== text) head.push(setApart(t("untranslated-note")));
  const body: FormattedString[] = [];
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
      const words = say.say(paragraph);
      body.push(
        i === 0 && title !== undefined ? lines(FormattedString.b(title), words) : new FormattedString(words),
      );
      // An editor's note is marked as such and stands apart from the text it is about.
      if (paragraph.note !== undefined) body.push(setApart(`✎ ${say.say(paragraph.note)}`));
    });
  });
  const headSize = head.reduce((sum, block) => sum + block.rawText.length + 2, 0);
  const split = balanced(body, FULL_PAGE_BUDGET - headSize);
  const total = split.length;
  const at = Math.min(Math.max(0, page), total - 1);
  const position = setApart(t("full-page", { n: at + 1, total }));
  const parts = [
    ...(at === 0 ? head : []),
    ...(split[at] ?? []),
    ...(total > 1 ? [position] : []),
    ...say.note(),
  ];
  const goTo = (n: number) => ({ to: "full" as const, lang: text, ...(n > 0 ? { page: n } : {}) });
  const nav = [
    at > 0 ? button(view, pagerLabel("previous", t("btn-prev"), view.lang), goTo(at - 1)) : undefined,
    at < total - 1 ? button(view, pagerLabel("next", t("btn-next"), view.lang), goTo(at + 1)) : undefined,
  ].filter((b) => b !== undefined);
  // The original offers its translation where one exists; a translation offers the original.
  const translation: Lang = language === "ar" ? "en" : "ar";
  const other = !original
    ? button(view, t(ORIGINAL_BUTTON[language]), { to: "full", lang: language })
    : hasTranslation(story, translation)
      ? button(view, t(TRANSLATION_BUTTON[translation]), { to: "full", lang: translation })
      : undefined;
  return screen(
    view,
    parts,
    [
      nav,
      other
        ? [other, button(view, t("btn-sections"), { to: "toc" })]
        : [button(view, t("btn-sections"), { to: "toc" })],
      [menuButton(view), ...reportButton(view, { to: "full", lang: text })],
    ],
    // A text keeps its own direction whatever the interface: an English original never gets right-to-left
    // marks, a translation takes its own language's (Arabic lines are right-to-left anyway).
    original ? (language === "en" ? "en" : view.lang) : text,
  );
}
