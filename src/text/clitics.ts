/**
 * Arabic proclitics: the conjunctions و and ف, the prepositions ب, ل and ك, and the article ال, which
 * Arabic writes joined to the next word («وترامب», «بالرئيس», «للكرملين»). A reader's word and the story's
 * word meet when they share a stem, so both sides are looked up under every way of reading them.
 *
 * Stripping is never decided once: والتز (Waltz) looks like و + ال + تز and بوتين like ب + وتين, so a
 * word always keeps its unstripped spelling among its variants, and a stem must stay long enough to be a
 * word of its own.
 */

/**
 * Every prefix a word may carry, in lookup-key spelling (after {@link normalizeForLookup}). ل + ال is
 * written لل. Order does not matter: each prefix that fits gives one variant.
 */
const PROCLITICS: readonly string[] = [
  // A conjunction or a preposition alone, or a conjunction then a preposition.
  "و",
  "ف",
  "ب",
  "ل",
  "ك",
  "وب",
  "ول",
  "وك",
  "فب",
  "فل",
  "فك",
  // The article, alone or after any of the above.
  "ال",
  "وال",
  "فال",
  "بال",
  "كال",
  "لل",
  "وبال",
  "وكال",
  "ولل",
  "فبال",
  "فكال",
  "فلل",
];

/** Article prefixes only: what a story's own spelling of a name may carry («الرئيس», «والتز» is not one). */
const ARTICLES: readonly string[] = ["ال", "وال", "لل"];

/** Shorter stems are too often the tail of an unrelated word (بحث is not ب + حث). */
export const MIN_STEM_LENGTH = 3;

function codePointLength(text: string): number {
  let length = 0;
  for (const _ of text) length++;
  return length;
}

function variantsWith(token: string, prefixes: readonly string[]): string[] {
  const variants = [token];
  for (const prefix of prefixes) {
    if (!token.startsWith(prefix)) continue;
    const stem = token.slice(prefix.length);
    if (codePointLength(stem) >= MIN_STEM_LENGTH && !variants.includes(stem)) variants.push(stem);
  }
  return variants;
}

/**
 * A lookup-key token and each stem left by removing a proclitic (و ف ب ل ك, alone, paired, or with ال),
 * the token itself first. Stems shorter than {@link MIN_STEM_LENGTH} letters are not offered.
 */
export function cliticVariants(token: string): string[] {
  return variantsWith(token, PROCLITICS);
}

/** A lookup-key token and, if it starts with an article (ال, وال, لل), the stem after it. */
export function articleVariants(token: string): string[] {
  return variantsWith(token, ARTICLES);
}
