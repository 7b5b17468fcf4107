/**
 * Words one typing slip apart: one letter inserted, deleted or replaced, or two neighbours swapped (the
 * optimal-string-alignment distance 1). Used to say "did you mean …?" when a reader's word finds nothing.
 *
 * Lookups go through a table of every word with one letter deleted (the SymSpell idea at distance 1), so
 * a lookup costs a few map reads per letter of the input instead of a comparison with every word.
 * fastest-levenshtein and similar libraries compare two strings and know no swaps, which readers'
 * typos are full of (بيكسوف for بيسكوف).
 *
 * A word's deletions cost the square of its length, so a lookup first checks the word's length against the
 * longest and shortest indexed words: nothing more than one letter longer or shorter can be one edit away,
 * and a reader's 4,000-letter word is turned down before any deletion is made.
 */

function chars(text: string): string[] {
  return [...text];
}

function sameFrom(a: readonly string[], i: number, b: readonly string[], j: number): boolean {
  if (a.length - i !== b.length - j) return false;
  for (let k = 0; k < a.length - i; k++) if (a[i + k] !== b[j + k]) return false;
  return true;
}

/**
 * Whether two words are exactly one edit apart: one insertion, deletion or substitution of a letter, or
 * one swap of adjacent letters. Letters are code points. Equal words are not one edit apart.
 */
export function oneEditApart(a: string, b: string): boolean {
  const x = chars(a);
  const y = chars(b);
  if (Math.abs(x.length - y.length) > 1) return false;
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  if (x.length === y.length) {
    if (i === x.length) return false;
    if (sameFrom(x, i + 1, y, i + 1)) return true;
    return x[i] === y[i + 1] && x[i + 1] === y[i] && sameFrom(x, i + 2, y, i + 2);
  }
  return x.length > y.length ? sameFrom(x, i + 1, y, i) : sameFrom(x, i, y, i + 1);
}

function deletions(word: string): string[] {
  const letters = chars(word);
  const out = new Set<string>();
  for (let i = 0; i < letters.length; i++)
    out.add([...letters.slice(0, i), ...letters.slice(i + 1)].join(""));
  return [...out];
}

/** A fixed set of words, looked up by the words one edit away from a reader's word. */
export class NearWords {
  /** Each word, to its place in the order it was indexed. */
  readonly #rank = new Map<string, number>();
  /** Each word with one letter deleted, to the words it came from. */
  readonly #byDeletion = new Map<string, string[]>();
  /** The lengths, in code points, of the shortest and longest indexed words. */
  #shortest = Number.POSITIVE_INFINITY;
  #longest = 0;

  /** Indexes the words once; later changes to the iterable are not seen. */
  constructor(words: Iterable<string>) {
    for (const word of words) if (!this.#rank.has(word)) this.#rank.set(word, this.#rank.size);
    for (const word of this.#rank.keys()) {
      const length = chars(word).length;
      this.#shortest = Math.min(this.#shortest, length);
      this.#longest = Math.max(this.#longest, length);
      for (const deleted of deletions(word)) {
        const list = this.#byDeletion.get(deleted);
        if (list === undefined) this.#byDeletion.set(deleted, [word]);
        else list.push(word);
      }
    }
  }

  /** Whether the word itself is in the set. */
  has(word: string): boolean {
    return this.#rank.has(word);
  }

  /** The words of the set exactly one edit from `word`, in the order they were indexed. */
  near(word: string): string[] {
    // Counted without spreading the word: a word too long to be near anything costs no more than this scan
    // of it, and a scan stops as soon as the word is known to be too long.
    if (!this.#mayBeNear(word)) return [];
    const found = new Set<string>();
    // The reader dropped a letter: the word is a deletion of an indexed word.
    for (const candidate of this.#byDeletion.get(word) ?? []) found.add(candidate);
    for (const deleted of deletions(word)) {
      // The reader added a letter.
      if (this.#rank.has(deleted)) found.add(deleted);
      // The reader replaced or swapped letters: both lose a letter to the same string.
      for (const candidate of this.#byDeletion.get(deleted) ?? []) found.add(candidate);
    }
    const rank = (candidate: string): number => this.#rank.get(candidate) ?? 0;
    return [...found].filter((candidate) => oneEditApart(word, candidate)).sort((a, b) => rank(a) - rank(b));
  }

  /** Whether the word's length is within one letter of some indexed word's. */
  #mayBeNear(word: string): boolean {
    let length = 0;
    for (const _ of word) if (++length > this.#longest + 1) return false;
    return length + 1 >= this.#shortest;
  }
}
