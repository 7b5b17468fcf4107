/**
 * Keyboard rows for a right-to-left interface.
 *
 * Telegram draws a row's buttons left to right in every language, in the order of the row's array. An
 * Arabic reader reads a row from the right, so in the Arabic interface each row is mirrored: the first
 * button in reading order sits on the right. Screens build rows in reading order and pass them through
 * {@link laidOut} (or {@link gridRows}, {@link pagerRow}) last, so no screen reasons about direction.
 *
 * Pure and generic over the button type, so it serves callback, URL, share and copy buttons alike.
 */

/** The interface languages, and which way each reads. */
export type InterfaceLang = "ar" | "en";

/** Whether rows in this interface language read from the right. */
export function isRightToLeft(lang: InterfaceLang): boolean {
  return lang === "ar";
}

/**
 * Rows as Telegram should receive them, from rows written in reading order: unchanged in English,
 * each row reversed in Arabic. The order of the rows (top to bottom) never changes. Returns new arrays.
 */
export function laidOut<T>(rows: readonly (readonly T[])[], lang: InterfaceLang): T[][] {
  return rows.map((row) => (isRightToLeft(lang) ? [...row].reverse() : [...row]));
}

/**
 * Buttons in reading order, in rows of `width`, laid out for the language: a two-column menu starts top
 * right in Arabic (first button on the right of the first row) and top left in English. A last row that
 * is not full keeps its buttons on the reading side's start: its array is just shorter. Empty rows are
 * left out; a width below 1 counts as 1.
 */
export function gridRows<T>(buttons: readonly T[], width: number, lang: InterfaceLang): T[][] {
  const step = Math.max(1, Math.floor(width));
  const rows: T[][] = [];
  for (let i = 0; i < buttons.length; i += step) rows.push(buttons.slice(i, i + step));
  return laidOut(rows, lang);
}

/**
 * The previous / next row of a paged screen: previous first in reading order, so on the right in Arabic
 * and on the left in English, with next beside it towards the reading direction. Either may be absent (the
 * first page has no previous, the last no next); with both absent the row is empty.
 */
export function pagerRow<T>(previous: T | undefined, next: T | undefined, lang: InterfaceLang): T[] {
  const row = [previous, next].filter((button): button is T => button !== undefined);
  return laidOut([row], lang)[0] ?? [];
}

/**
 * Arrows for the pager's labels, pointing away from the middle of the row, towards the page each button
 * opens: in Arabic previous is on the right and points right (→), next on the left and points left (←).
 * Arrows are not mirrored by the bidi algorithm (unlike ‹ › and parentheses), so what is written here is
 * what the reader sees in either direction. In a label the arrow goes on the button's outer edge:
 * {@link pagerLabel} places it.
 */
export const PAGER_ARROWS: Readonly<Record<InterfaceLang, { previous: string; next: string }>> = {
  ar: { previous: "→", next: "←" },
  en: { previous: "←", next: "→" },
};

/**
 * A pager label with its arrow on the outer edge of the button: "← Previous" and "Next →" in English;
 * in Arabic, whose labels are drawn right to left, the arrow is written first for previous (drawn at the
 * right edge: «السابق →» on screen) and last for next (drawn at the left edge: «← التالي»).
 */
export function pagerLabel(which: "previous" | "next", text: string, lang: InterfaceLang): string {
  const arrow = PAGER_ARROWS[lang][which];
  // Written first, an arrow is drawn at the start of the reading direction: left in English, right in
  // Arabic; either way that is previous's outer edge.
  return which === "previous" ? `${arrow} ${text}` : `${text} ${arrow}`;
}

/**
 * The "you are here" marker that starts a label, pointing into the label from the side it reads from:
 * ▸ in English (drawn on the left, pointing right), ◂ in Arabic (drawn on the right, pointing left).
 */
export function hereMarker(lang: InterfaceLang): string {
  return isRightToLeft(lang) ? "◂" : "▸";
}
