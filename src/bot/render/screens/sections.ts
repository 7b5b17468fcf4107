import { FormattedString } from "@grammyjs/parse-mode";
import { lines } from "../text.js";
import { button, menuButton, rows, type Screen, screen, type View } from "../view.js";

/** The table of contents: one button per section, marking where the reader last was. */
export function tocScreen(view: View, current?: string): Screen {
  const { story, lang, t } = view;
  const entries = story.data.sections.map((section, i) => `${i + 1}. ${section.title[lang]}`);
  const buttons = story.data.sections.map((section) =>
    button(view, `${section.id === current ? "▸ " : ""}${section.title[lang]}`, {
      to: "section",
      id: section.id,
    }),
  );
  return screen(
    view,
    [lines(FormattedString.b(t("toc-title")), ...entries), lines(t("toc-hint"))],
    [...rows(buttons, 1), [menuButton(view)]],
  );
}

/**
 * One section in one message, with previous / next buttons that edit it in place; the first section has no
 * "previous" and the last no "next". The Arabic interface shows the original, the English one the translation.
 */
export function sectionScreen(view: View, id: string): Screen | undefined {
  const { story, lang, t } = view;
  const sections = story.data.sections;
  const index = sections.findIndex((section) => section.id === id);
  const section = sections[index];
  if (!section) return undefined;
  const original = lang === story.data.language;
  const paragraphs = section.paragraphs.map((p) => new FormattedString(original ? p.ar : p.en));
  const prev = sections[index - 1];
  const next = sections[index + 1];
  const nav = [
    prev ? button(view, t("btn-prev"), { to: "section", id: prev.id }) : undefined,
    next ? button(view, t("btn-next"), { to: "section", id: next.id }) : undefined,
  ].filter((b) => b !== undefined);
  return screen(
    view,
    [
      lines(
        FormattedString.b(section.title[lang]),
        FormattedString.i(t("section-position", { n: index + 1, total: sections.length })),
      ),
      ...paragraphs,
    ],
    [nav, [button(view, t("btn-contents"), { to: "toc" }), menuButton(view)]],
  );
}
