import type { Lang, Quote } from "./schema.js";

/**
 * A quote's words as a reader sees them in one language: in the original, the subject an editor supplies
 * in brackets goes first where the quoted words lack one (a translation carries its own bracket); `undefined`
 * when the quote has no text in that language.
 */
export function quoteWords(quote: Quote, lang: Lang, original: Lang): string | undefined {
  const words = quote[lang];
  if (words === undefined || lang !== original) return words;
  const subject = quote.subject ?? quote.context;
  return subject === undefined ? words : `[${subject}] ${words}`;
}

/** A quote's texts in both languages as readers see them (see {@link quoteWords}), for `localize`. */
export function quoteTexts(quote: Quote, original: Lang): { ar?: string; en?: string } {
  const out: { ar?: string; en?: string } = {};
  for (const lang of ["ar", "en"] as const) {
    const words = quoteWords(quote, lang, original);
    if (words !== undefined) out[lang] = words;
  }
  return out;
}
