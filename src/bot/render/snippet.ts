import { FormattedString } from "@grammyjs/parse-mode";
import type { MessageEntity } from "grammy/types";
import type { TextRange } from "../../text/search-index.js";

/** A snippet shows at most this many UTF-16 units of its passage, around the first match. */
export const SNIPPET_LENGTH = 280;

/** How much of the window goes before the first match, so the reader sees what leads up to it. */
const LEAD = 0.3;

const ELLIPSIS = "…";

/** Moves a cut forward to the start of a word (after the next space), unless no space is near. */
function wordStart(text: string, at: number, limit: number): number {
  if (at <= 0) return 0;
  const space = text.indexOf(" ", at - 1);
  return space === -1 || space >= limit ? at : space + 1;
}

/** Moves a cut back to the end of a word (the last space before it), unless no space is near. */
function wordEnd(text: string, at: number, floor: number): number {
  if (at >= text.length) return text.length;
  const space = text.lastIndexOf(" ", at);
  return space <= floor ? at : space;
}

/** Never cut between the halves of a surrogate pair. */
function safeCut(text: string, at: number): number {
  const code = text.charCodeAt(at - 1);
  return code >= 0xd800 && code <= 0xdbff ? at - 1 : at;
}

/**
 * A passage as a snippet with its matches in bold: the whole text when it is short, else a window of about
 * `length` units cut at word boundaries around the first match, with an ellipsis where text was left out.
 * `ranges` are UTF-16 ranges of the passage's own text (as the search index returns them), sorted and not
 * overlapping; those outside the window are dropped, those across its edge are clipped. Pure, so inline
 * mode can build its results from the same function.
 */
export function snippet(
  text: string,
  ranges: readonly TextRange[],
  length = SNIPPET_LENGTH,
): FormattedString {
  let start = 0;
  let end = text.length;
  if (text.length > length) {
    const first = ranges[0]?.start ?? 0;
    start = safeCut(text, wordStart(text, Math.max(0, Math.floor(first - length * LEAD)), first));
    end = safeCut(text, wordEnd(text, Math.min(text.length, start + length), Math.max(start, first)));
    if (end <= start) end = Math.min(text.length, start + length);
  }
  const head = start > 0 ? ELLIPSIS : "";
  const tail = end < text.length ? ELLIPSIS : "";
  // A cut after the sentence's own stop or comma drops it: "ago.…" reads as a typo.
  if (tail !== "") while (end > start && /[\s.,،؛;:]/u.test(text.charAt(end - 1))) end--;
  const entities: MessageEntity[] = [];
  for (const range of ranges) {
    const from = Math.max(range.start, start);
    const to = Math.min(range.end, end);
    if (to > from) entities.push({ type: "bold", offset: head.length + from - start, length: to - from });
  }
  return new FormattedString(`${head}${text.slice(start, end)}${tail}`, entities);
}
