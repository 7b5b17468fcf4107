/**
 * Saying where two texts that should be equal part ways, in a way an editor can see: by character, with the
 * code point of marks that are invisible or look alike (a shadda, a tatweel, a direction mark, a Persian yeh).
 */

/** Names of characters editors meet and cannot tell apart by eye. */
const NAMES: Readonly<Record<number, string>> = {
  9: "TAB",
  13: "CARRIAGE RETURN",
  32: "SPACE",
  160: "NO-BREAK SPACE",
  173: "SOFT HYPHEN",
  1564: "ARABIC LETTER MARK",
  1600: "ARABIC TATWEEL",
  1610: "ARABIC LETTER YEH",
  1609: "ARABIC LETTER ALEF MAKSURA",
  1740: "ARABIC LETTER FARSI YEH",
  1603: "ARABIC LETTER KAF",
  1705: "ARABIC LETTER KEHEH",
  1607: "ARABIC LETTER HEH",
  1577: "ARABIC LETTER TEH MARBUTA",
  1611: "ARABIC FATHATAN",
  1612: "ARABIC DAMMATAN",
  1613: "ARABIC KASRATAN",
  1614: "ARABIC FATHA",
  1615: "ARABIC DAMMA",
  1616: "ARABIC KASRA",
  1617: "ARABIC SHADDA",
  1618: "ARABIC SUKUN",
  1619: "ARABIC MADDAH ABOVE",
  1620: "ARABIC HAMZA ABOVE",
  1621: "ARABIC HAMZA BELOW",
  1648: "ARABIC LETTER SUPERSCRIPT ALEF",
  8203: "ZERO WIDTH SPACE",
  8204: "ZERO WIDTH NON-JOINER",
  8205: "ZERO WIDTH JOINER",
  8206: "LEFT-TO-RIGHT MARK",
  8207: "RIGHT-TO-LEFT MARK",
  8234: "LEFT-TO-RIGHT EMBEDDING",
  8235: "RIGHT-TO-LEFT EMBEDDING",
  8236: "POP DIRECTIONAL FORMATTING",
  8237: "LEFT-TO-RIGHT OVERRIDE",
  8238: "RIGHT-TO-LEFT OVERRIDE",
  8239: "NARROW NO-BREAK SPACE",
  8294: "LEFT-TO-RIGHT ISOLATE",
  8295: "RIGHT-TO-LEFT ISOLATE",
  8296: "FIRST STRONG ISOLATE",
  8297: "POP DIRECTIONAL ISOLATE",
  65279: "BYTE ORDER MARK",
};

/** Marks with no shape of their own (combining, format, spacing and control characters). */
const INVISIBLE = /^[\p{M}\p{Cf}\p{Zs}\p{Cc}]$/u;

function hex(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** One character for a message: «م» (U+0645), or U+0651 ARABIC SHADDA for one that cannot be seen. */
export function describeChar(ch: string): string {
  const codePoint = ch.codePointAt(0) ?? 0;
  const name = NAMES[codePoint];
  if (INVISIBLE.test(ch)) return name ? `${hex(codePoint)} ${name}` : hex(codePoint);
  return name ? `«${ch}» (${hex(codePoint)} ${name})` : `«${ch}» (${hex(codePoint)})`;
}

/** The last few characters before a point, to show where it is. */
function before(text: string, at: number): string {
  const start = Math.max(0, at - 12);
  return `«${start > 0 ? "…" : ""}${text.slice(start, at)}»`;
}

/**
 * A character of the original for a line difference: named only when it is one editors cannot see or tell
 * from another (a mark, a space, a lookalike letter). Any other character of the original is left for the
 * editor to read in the file, so that a report, which reaches the bot's log, never tells one more character
 * of the original per edit and reload than the story already has.
 */
function describeOriginalChar(ch: string): string | undefined {
  const codePoint = ch.codePointAt(0) ?? 0;
  return INVISIBLE.test(ch) || NAMES[codePoint] !== undefined ? describeChar(ch) : undefined;
}

/**
 * How `found` differs from `want` at index `i` of both: an extra, a missing or a different character.
 * `wantChar` describes a character of `want` (undefined: not to be shown).
 */
function describeAt(
  found: string,
  want: string,
  i: number,
  foundName: string,
  wantName: string,
  wantChar: (ch: string) => string | undefined = describeChar,
): string {
  const f = String.fromCodePoint(found.codePointAt(i) ?? 0);
  const w = String.fromCodePoint(want.codePointAt(i) ?? 0);
  const shown = wantChar(w);
  if (i >= found.length) return `${wantName} goes on with ${shown ?? "more text"} where ${foundName} ends`;
  if (i >= want.length) return `${foundName} goes on with ${describeChar(f)} where ${wantName} ends`;
  const probe = 8;
  if (found.slice(i + f.length, i + f.length + probe) === want.slice(i, i + probe)) {
    return `${foundName} has an extra ${describeChar(f)} that ${wantName} lacks`;
  }
  if (shown !== undefined && want.slice(i + w.length, i + w.length + probe) === found.slice(i, i + probe)) {
    return `${wantName} has ${shown} here, which ${foundName} lacks`;
  }
  return shown === undefined
    ? `${foundName} has ${describeChar(f)} where ${wantName} has another character`
    : `${foundName} has ${describeChar(f)} where ${wantName} has ${shown}`;
}

function firstDifference(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** Human (1-based, code point) position of a UTF-16 index. */
function position(text: string, i: number): number {
  return [...text.slice(0, i)].length + 1;
}

/**
 * Where a line of the story (`found`) stops matching the original's line (`want`): trailing spaces are
 * named as such, anything else by its first differing character.
 */
export function describeLineDifference(found: string, want: string): string {
  if (found.trimEnd() === want.trimEnd()) {
    const extra = (s: string) => s.length - s.trimEnd().length;
    return extra(want) > extra(found)
      ? `: the original line ends with ${extra(want) - extra(found)} trailing space(s) that the story's line lacks`
      : `: the story's line ends with ${extra(found) - extra(want)} trailing space(s) that the original's line lacks`;
  }
  const i = firstDifference(found, want);
  // Up to `i` the two lines are the same, so the text before it is the story's own.
  return ` at character ${position(found, i)}, after ${before(found, i)}: ${describeAt(found, want, i, "the story", "the original", describeOriginalChar)}`;
}

/** What a span at a story path is called in a message: the quote, the statement, the context, the span. */
export function spanNoun(path: string): string {
  if (path.endsWith(".context")) return "the context";
  if (path.startsWith("quotes[")) return "the quote";
  if (path.startsWith("statements[")) return "the statement";
  return "the span";
}

/**
 * Why a span (a quote, a statement, a context, a notQuotes text) is not a verbatim part of its paragraph:
 * the longest start of it that the paragraph does contain, and the first character after that.
 */
export function describeSpanMismatch(span: string, paragraph: string, what = "the quote"): string {
  // Whether the paragraph holds the span's first k characters only gets less likely as k grows.
  let lo = 0;
  let hi = span.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (paragraph.includes(span.slice(0, mid))) lo = mid;
    else hi = mid - 1;
  }
  if (lo === 0) return `${what} starts with ${describeChar(span.charAt(0))}, which the paragraph never has`;
  if (lo === span.length) return `${what} stands in the paragraph`;
  const at = paragraph.indexOf(span.slice(0, lo));
  const rest = paragraph.slice(at);
  return `differs at its character ${position(span, lo)}, after ${before(span, lo)}: ${describeAt(span, rest, lo, what, "the paragraph")}`;
}
