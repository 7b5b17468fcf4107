/**
 * Splitting a paragraph into sentences, in Arabic or English.
 *
 * A sentence ends at . ! ? or the Arabic question mark ؟ followed by a space or the end of the text; the
 * closing quotation marks and further end marks right after it belong to the sentence that ends there
 * (`…ونصف".` and `…soon!".` end one sentence, not two). Sentences inside a quotation are sentences too,
 * so a long quote splits into its own sentences; the marks «» “” and the straight " are tracked only to
 * keep a closing mark with its sentence.
 */

/** One sentence of a text, with where it stands in it (UTF-16 offsets, `end` exclusive). */
export interface Sentence {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const END_MARKS = new Set([".", "!", "?", "\u061F"]);
const CLOSING = new Set(["\u00BB", "\u201D", '"', ")"]);
const SPACE = /\s/;

/** The sentences of a text in order, trimmed; whitespace between them belongs to none. */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    i++;
    if (!END_MARKS.has(ch)) continue;
    // Take the run of end marks and closing marks that follows ("!". or ?!).
    while (i < text.length && (END_MARKS.has(text.charAt(i)) || CLOSING.has(text.charAt(i)))) i++;
    if (i < text.length && !SPACE.test(text.charAt(i))) continue; // 2.5, U.S.A, "…".x
    push(sentences, text, start, i);
    start = i;
  }
  push(sentences, text, start, text.length);
  return sentences;
}

function push(sentences: Sentence[], text: string, from: number, to: number): void {
  let start = from;
  let end = to;
  while (start < end && SPACE.test(text.charAt(start))) start++;
  while (end > start && SPACE.test(text.charAt(end - 1))) end--;
  if (end > start) sentences.push({ text: text.slice(start, end), start, end });
}
