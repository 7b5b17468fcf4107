/**
 * Right-to-left display. Telegram picks a line's direction from its first strong character, so a line of
 * the Arabic interface that starts with a command, a Latin name, a digit or an emoji can flip to
 * left-to-right. Every such line gets a right-to-left mark first, and Latin or number runs that the
 * interface itself inserts are isolated so they cannot reorder the Arabic around them.
 *
 * Fluent's own isolation (`useIsolating`) is off on purpose: it wraps every placeable in FSI…PDI, and a
 * line or button label that starts with an isolate has no strong character outside it, so it would
 * default to left-to-right: the very flip we are avoiding.
 */

/** RIGHT-TO-LEFT MARK: an invisible strong right-to-left character. */
export const RLM = "\u200f";
/** FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE: keeps a run's direction to itself. */
export const FSI = "\u2068";
export const PDI = "\u2069";

const ARABIC_LETTER = /^[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/;
const NEEDS_ISOLATION = /[A-Za-z0-9]/;

/** Whether a line already displays right-to-left: it starts with an Arabic letter or a right-to-left mark. */
export function startsRtl(line: string): boolean {
  return line.startsWith(RLM) || ARABIC_LETTER.test(line);
}

/** Wraps a Latin or numeric run in an isolate; Arabic-only text needs none and is returned as it is. */
export function isolate(value: string | number): string {
  const text = String(value);
  return NEEDS_ISOLATION.test(text) ? `${FSI}${text}${PDI}` : text;
}

/** A line (or button label) for the Arabic interface: a right-to-left mark first unless Arabic already is. */
export function rtl(line: string): string {
  return line === "" || startsRtl(line) ? line : `${RLM}${line}`;
}
