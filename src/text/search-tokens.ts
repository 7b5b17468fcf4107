/**
 * The words of a text as search keys, each with where it stands in the original text.
 *
 * A search shows its matches in bold in the text as the story prints it, so a key keeps the UTF-16 range
 * of the word it came from (Telegram's entity offsets count UTF-16 units). Keys are
 * {@link normalizeForLookup} keys, with Latin words also folded for plurals, possessives, doubled letters
 * and a final y, so that "prisoners", "Prisoner's" and "prisoner" meet, as do "Zelenskyy" and "Zelensky".
 */

import { normalizeForLookup } from "./normalize.js";

/** One word of a text: its search key and its place in the original, in UTF-16 units (end exclusive). */
export interface WordSpan {
  key: string;
  start: number;
  end: number;
}

/**
 * A word as the original writes it: letters, digits and marks, with invisible format characters allowed
 * inside (a ZWNJ, or a bidi mark pasted mid-word) but not at its edges, so a range never starts or ends on
 * something invisible. Tatweel is a letter (Lm), so a stretched word stays one word.
 */
const WORD = /[\p{L}\p{N}\p{M}]+(?:\p{Cf}+[\p{L}\p{N}\p{M}]+)*/gu;

/** An English possessive after a word ("Trump's", "Peskov’s"), bolded with the word but not searched for. */
const POSSESSIVE = /['\u2019\u02BC][sS](?![\p{L}\p{N}\p{M}])/uy;

const LATIN_WORD = /^[a-z]+$/;
const DOUBLED = /([a-z])\1+/g;
const FINAL_Y = /([a-z])y$/;
const ES_PLURAL = /(?:s|x|z|ch|sh)es$/;
const NOT_A_PLURAL_S = /(?:ss|us|is)$/;

/**
 * A Latin key with a simple English plural taken off and spellings of transliterated names loosened:
 * "countries" and "country" both give "countri", "exchanges" gives "exchange", "Zelenskyy" gives
 * "zelenski". It is a key, not English: both sides of a search go through it, so only agreement matters.
 */
export function foldLatinKey(key: string): string {
  if (!LATIN_WORD.test(key)) return key;
  let word = key;
  if (word.length >= 5 && word.endsWith("ies")) word = `${word.slice(0, -3)}y`;
  else if (word.length >= 5 && ES_PLURAL.test(word)) word = word.slice(0, -2);
  else if (word.length >= 4 && word.endsWith("s") && !NOT_A_PLURAL_S.test(word)) word = word.slice(0, -1);
  return word.replace(DOUBLED, "$1").replace(FINAL_Y, "$1i").replace(DOUBLED, "$1");
}

/**
 * The words of `text` in order, each with its key and its range in `text`. A word whose key is empty
 * (only marks) is left out; one that normalises to several keys (a ligature such as ﷺ) gives each of
 * them the word's whole range. At most `limit` words are read: a query needs no more than it searches for.
 */
export function wordSpans(text: string, limit = Number.POSITIVE_INFINITY): WordSpan[] {
  const spans: WordSpan[] = [];
  // One shared regex, reset per call (compiling a Unicode-property regex costs more than a query): the
  // loop is synchronous, so no other call can move its lastIndex meanwhile.
  const words = WORD;
  words.lastIndex = 0;
  for (let found = words.exec(text); found !== null && spans.length < limit; found = words.exec(text)) {
    const start = found.index;
    let end = start + found[0].length;
    POSSESSIVE.lastIndex = end;
    const possessive = POSSESSIVE.exec(text);
    // The s of a possessive is part of this word, not a word of its own.
    if (possessive !== null) end += possessive[0].length;
    words.lastIndex = end;
    const normalized = normalizeForLookup(found[0]);
    if (normalized === "") continue;
    for (const key of normalized.split(" ")) spans.push({ key: foldLatinKey(key), start, end });
  }
  return spans;
}
