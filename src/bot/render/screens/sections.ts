import { FormattedString } from "@grammyjs/parse-mode";
import type { Localized, Section } from "../../../content/schema.js";
import { shareRow } from "../inline/share.js";
import { hereMarker, pagerLabel } from "../rtl-rows.js";
import { lines, setApart } from "../text.js";
import {
  button,
  localizer,
  menuButton,
  reportButton,
  rows,
  type Screen,
  screen,
  type View,
} from "../view.js";

/**
 * A section's title for a reader: its editorial title in the reader's language or the original's, else the
 * original's subheading, else "Section n".
 * `say` picks the language (and notes a fallback to the original).
 */
export function sectionTitle(
  view: View,
  section: Section,
  index: number,
  say: (text: Localized | undefined) => string,
): string {
  // An editorial title in the other language only is no title for this reader (never a foreign title).
  const title = section.title;
  if (title?.[view.lang] !== undefined || title?.[view.story.data.language] !== undefined) return say(title);
  return section.heading ?? view.t("section-untitled", { n: index + 1 });
}

/** The table of contents: one button per section, marking where the reader last was. */
export function tocScreen(view: View, current?: string): Screen {
  const { story, t } = view;
  const text = localizer(view);
  const titles = story.data.sections.map((section, i) => sectionTitle(view, section, i, text.say));
  const entries = titles.map((title, i) => `${i + 1}. ${title}`);
  const buttons = story.data.sections.map((section, i) =>
    button(view, `${section.id === current ? `${hereMarker(view.lang)} ` : ""}${titles[i] ?? ""}`, {
      to: "section",
      id: section.id,
    }),
  );
  return screen(
    view,
    [lines(FormattedString.b(t("toc-title")), ...entries, ...text.note()), lines(t("toc-hint"))],
    [...rows(buttons, 1), [menuButton(view)]],
  );
}

/**
 * One section in one message, with previous / next buttons that edit it in place; the first section has no
 * "previous" and the last no "next". Each interface shows its translation, or the original where there is
 * none; an editor's note on a paragraph follows it, set apart in italics.
 */
export function sectionScreen(view: View, id: string): Screen | undefined {
  const { story, t } = view;
  const sections = story.data.sections;
  const index = sections.findIndex((section) => section.id === id);
  const section = sections[index];
  if (!section) return undefined;
  const text = localizer(view);
  const paragraphs = section.paragraphs.flatMap((p) => {
    const body = text.block(p, (s) => new FormattedString(s));
    return p.note === undefined ? [body] : [body, setApart(`✎ ${text.say(p.note)}`)];
  });
  const prev = sections[index - 1];
  const next = sections[index + 1];
  const nav = [
    prev
      ? button(view, pagerLabel("previous", t("btn-prev"), view.lang), { to: "section", id: prev.id })
      : undefined,
    next
      ? button(view, pagerLabel("next", t("btn-next"), view.lang), { to: "section", id: next.id })
      : undefined,
  ].filter((b) => b !== undefined);
  return screen(
    view,
    [
      lines(
        FormattedString.b(sectionTitle(view, section, index, text.say)),
        setApart(t("section-position", { n: index + 1, total: sections.length })),
      ),
      ...paragraphs,
      ...text.note(),
    ],
    [
      nav,
      shareRow(view, { story, kind: "section", section }),
      [button(view, t("btn-contents"), { to: "toc" }), menuButton(view)],
      reportButton(view, { to: "section", id: section.id }),
    ],
  );
}
