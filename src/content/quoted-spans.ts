/**
 * Finding the spans an article puts in quotation marks. One finder serves both the scaffolder (which turns
 * each span into a draft quote) and the content check (which asks that every span is accounted for), so
 * the two can never disagree about what counts as quoted.
 */

/** A span of text between a pair of quotation marks. Offsets are UTF-16 indices into the paragraph. */
export interface QuotedSpan {
  /** The words inside the marks, exactly as printed. */
  text: string;
  /** Index of the first character inside the marks. */
  start: number;
  /** Index just past the last character inside the marks (the closing mark's index). */
  end: number;
  open: string;
  close: string;
}

/** Opening marks and the closing mark each expects: straight, guillemets, curly. */
const PAIRS: ReadonlyMap<string, string> = new Map([
  ['"', '"'],
  ["«", "»"],
  ["“", "”"],
]);

/**
 * Every quoted span of a text, in order. Marks nested inside a span belong to it (a «…"…"…» is one span);
 * an opening mark that is never closed is not a span, and neither is a pair around nothing but spaces.
 */
export function findQuotedSpans(text: string): QuotedSpan[] {
  const spans: QuotedSpan[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.charAt(i);
    const close = PAIRS.get(open);
    if (close === undefined) {
      i++;
      continue;
    }
    const end = closingIndex(text, i + 1, open, close);
    if (end < 0) {
      i++;
      continue;
    }
    const inner = text.slice(i + 1, end);
    if (inner.trim() !== "") spans.push({ text: inner, start: i + 1, end, open, close });
    i = end + 1;
  }
  return spans;
}

/** Where the span opened just before `from` closes, counting nested pairs of distinct marks; -1 if never. */
function closingIndex(text: string, from: number, open: string, close: string): number {
  let depth = 0;
  for (let j = from; j < text.length; j++) {
    const ch = text.charAt(j);
    if (ch === close) {
      if (depth === 0) return j;
      depth--;
    } else if (ch === open && open !== close) depth++;
  }
  return -1;
}

/** Whether the text `part`, wherever it stands in `paragraph`, overlaps the span. */
export function overlapsSpan(paragraph: string, part: string, span: QuotedSpan): boolean {
  if (part === "") return false;
  for (let at = paragraph.indexOf(part); at >= 0; at = paragraph.indexOf(part, at + 1)) {
    if (at < span.end && at + part.length > span.start) return true;
  }
  return false;
}
