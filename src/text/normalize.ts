/**
 * Lookup keys for Arabic and Latin text.
 *
 * Readers type Arabic in many equivalent ways: with or without vowel marks, with any of several alef
 * forms, with Persian keyboard letters, with invisible direction marks pasted in from other apps. A lookup
 * key folds all of these to one spelling so that a reader's input and the story's text meet. Keys are for
 * comparison only and are never shown to anyone: the folding loses information a reader would want.
 */

/**
 * Format characters (category Cf) are invisible and never tell two words apart. This covers every bidi
 * control and zero-width character that copy-paste brings in (U+200B–U+200F, U+061C, U+202A–U+202E,
 * U+2066–U+2069, U+2060, U+FEFF) and also the soft hyphen and Arabic number signs, which are just as
 * invisible in a word.
 */
const FORMAT_CHARS = /\p{Cf}/gu;

/**
 * Diacritics on Latin letters: "Café" and "Cafe" are the same lookup. After NFKD they are separate marks
 * that follow the letter. Only marks after a Latin letter go, so Arabic hamza marks (which NFKD also splits
 * off ؤ and ئ) survive to be recomposed. Every mark after a Latin letter goes, not just U+0300–U+036F, so a
 * stray Arabic mark between a letter and its accent cannot make the result depend on the order of marks.
 */
const LATIN_WITH_MARKS = /(\p{Script=Latin})\p{M}+/gu;

/**
 * Marks that are optional in written Arabic: tashkeel and hamza marks (U+064B–U+065F), superscript alef
 * (U+0670), Qur'anic annotation marks (U+06D6–U+06ED) and tatweel (U+0640), which only stretches a word.
 * Hamza marks that belong to ؤ and ئ are not touched, because by now they are composed into those letters.
 */
const ARABIC_OPTIONAL_MARKS = /[\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/gu;

/**
 * Tatweel, removed again before Latin accents: it is a letter (Lm), so "iـ̈" would otherwise keep its
 * accent on the first pass and lose it on the second, and a key must not change when keyed again.
 */
const TATWEEL = /\u0640/gu;

/** Letters readers write interchangeably, folded to the one spelling the key uses. */
const LETTER_FOLDS: ReadonlyMap<string, string> = new Map([
  ["\u0622", "\u0627"], // آ alef with madda
  ["\u0623", "\u0627"], // أ alef with hamza above
  ["\u0625", "\u0627"], // إ alef with hamza below
  ["\u0671", "\u0627"], // ٱ alef wasla
  ["\u0672", "\u0627"], // ٲ alef with wavy hamza above
  ["\u0673", "\u0627"], // ٳ alef with wavy hamza below
  ["\u0629", "\u0647"], // ة ta marbuta → ه
  ["\u0649", "\u064A"], // ى alef maqsura → ي
  ["\u06CC", "\u064A"], // ی Persian yeh → ي
  ["\u06A9", "\u0643"], // ک Persian keheh → ك
]);

/** Everything {@link foldChar} changes: the letters above and Arabic-Indic and Persian digits. */
const FOLDABLE = /[\u0622\u0623\u0625\u0671-\u0673\u0629\u0649\u06CC\u06A9\u0660-\u0669\u06F0-\u06F9]/gu;

/**
 * Anything that is not a letter, digit or combining mark separates words: whitespace, Latin and Arabic
 * punctuation (، ؛ ؟), quotes « » " ' and symbols. Readers paste names with a trailing comma or inside
 * quotes, and "ترامب،" must still find "ترامب".
 */
const SEPARATORS = /[^\p{L}\p{N}\p{M}]+/gu;

const ARABIC_INDIC_ZERO = 0x0660;
const PERSIAN_ZERO = 0x06f0;

function foldChar(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  if (code >= ARABIC_INDIC_ZERO && code <= ARABIC_INDIC_ZERO + 9) return String(code - ARABIC_INDIC_ZERO);
  if (code >= PERSIAN_ZERO && code <= PERSIAN_ZERO + 9) return String(code - PERSIAN_ZERO);
  return LETTER_FOLDS.get(ch) ?? ch;
}

/**
 * A key under which two spellings of the same words compare equal: the reader's and the story's.
 *
 * The result is words of letters and ASCII digits separated by single spaces, without vowel marks,
 * tatweel, invisible characters or punctuation, with one alef, ه for ة, ي for ى and ی, ك for ک, and Latin
 * in lower case without accents. It is never for display. Applying it twice changes nothing more.
 */
export function normalizeForLookup(input: string): string {
  // NFKD then NFC is NFKC (presentation forms such as ﻻ and ﺗﺮﺍﻣﺐ become plain letters); the steps between
  // need the decomposed form, to drop invisible characters and Latin accents before letters recompose.
  return input
    .normalize("NFKD")
    .replace(FORMAT_CHARS, "")
    .replace(TATWEEL, "")
    .replace(LATIN_WITH_MARKS, "$1")
    .normalize("NFC")
    .replace(ARABIC_OPTIONAL_MARKS, "")
    .replace(FOLDABLE, foldChar)
    .toLowerCase()
    .replace(SEPARATORS, " ")
    .trim();
}
