/**
 * Finding a person by the name a reader types.
 *
 * Foreign names reach Arabic through several transliterations (فوغل, فوجل, فوقل for Fogel), readers add
 * an article or drop a first name, and Latin spellings differ by a doubled letter or a final y. The
 * folding here absorbs those differences and nothing else; spelling variants beyond them (ترامب and ترمب)
 * are the content's business, as aliases.
 */

import { normalizeForLookup } from "./normalize.js";

/** A person as the index sees them: an id and every name readers may type, in any script. */
export interface NamedEntry {
  id: string;
  /** Canonical names in Arabic and English, and aliases. */
  names: readonly string[];
}

/** One person found for an input, and whether the input was one of their whole names. */
export interface NameMatch {
  id: string;
  /** True when the input is a whole name; false when it is only some of a person's name tokens. */
  exact: boolean;
}

/**
 * Letters that transliterate the same foreign sound, folded to one. The hard g has no Arabic letter and is
 * written غ, ج, ق, ك or Persian گ depending on the writer's country; v is written ڤ or ف and p is پ or ب.
 */
const SOUND_FOLDS: ReadonlyMap<string, string> = new Map([
  ["\u063A", "\u0643"], // غ → ك
  ["\u062C", "\u0643"], // ج → ك
  ["\u0642", "\u0643"], // ق → ك
  ["\u06AF", "\u0643"], // گ → ك
  ["\u06A4", "\u0641"], // ڤ → ف
  ["\u067E", "\u0628"], // پ → ب
]);

const SOUND_FOLDABLE = /[\u063A\u062C\u0642\u06AF\u06A4\u067E]/gu;

/** A doubled Latin letter: Zelenskyy and Zelensky, Fogell and Fogel. */
const DOUBLED_LATIN = /([a-z])\1+/g;

/** A final y after a Latin letter, which transliterations write as i just as often (Dmitry, Dmitri). */
const FINAL_LATIN_Y = /([a-z])y$/;

/** Shorter tokens (a stray initial, a lone و) say too little about who is meant to match on. */
const MIN_TOKEN_LENGTH = 2;

/**
 * Article prefixes a token may carry: ال, and و or ل fused with it (وال, لل). The longer ones come first
 * so that each token is stripped once, at its longest prefix.
 */
const ARTICLE_PREFIXES = ["\u0648\u0627\u0644", "\u0644\u0644", "\u0627\u0644"] as const;

/** What must remain after an article for it to be one: الب is not "the ب". */
const MIN_STRIPPED_LENGTH = 3;

function foldToken(token: string): string {
  return token
    .replace(SOUND_FOLDABLE, (ch) => SOUND_FOLDS.get(ch) ?? ch)
    .replace(DOUBLED_LATIN, "$1")
    .replace(FINAL_LATIN_Y, "$1i")
    .replace(DOUBLED_LATIN, "$1");
}

function codePointLength(text: string): number {
  return [...text].length;
}

/**
 * The input as normalised, folded tokens, dropping tokens too short to match on.
 *
 * Articles are not stripped here: a name such as والتز (Waltz) only looks like و + ال, so matching tries
 * a token both with and without its article instead of deciding once.
 */
export function foldName(input: string): string[] {
  return normalizeForLookup(input)
    .split(" ")
    .map(foldToken)
    .filter((token) => codePointLength(token) >= MIN_TOKEN_LENGTH);
}

/** The spellings a folded token may stand for: itself, and itself without an article if it has one. */
function tokenVariants(token: string): readonly string[] {
  for (const prefix of ARTICLE_PREFIXES) {
    if (!token.startsWith(prefix)) continue;
    const rest = token.slice(prefix.length);
    return codePointLength(rest) >= MIN_STRIPPED_LENGTH ? [token, rest] : [token];
  }
  return [token];
}

/** Two tokens match when any spelling of one is a spelling of the other. */
function variantsMeet(a: readonly string[], b: readonly string[]): boolean {
  return a.some((variant) => b.includes(variant));
}

/** A name as a list of tokens, each as its possible spellings. */
type FoldedName = readonly (readonly string[])[];

interface IndexedPerson {
  readonly id: string;
  readonly names: readonly FoldedName[];
}

function foldedNameOf(name: string): FoldedName {
  return foldName(name).map(tokenVariants);
}

/**
 * People looked up by the name a reader types, in Arabic or Latin script.
 *
 * Names are folded once, in the constructor, so a lookup per message costs a few map reads and a scan of
 * the people those reads point at.
 */
export class NameIndex {
  readonly #people: readonly IndexedPerson[];
  /** Every spelling of every name token, to the positions in `#people` of those who have it. */
  readonly #byToken = new Map<string, number[]>();

  constructor(entries: readonly NamedEntry[]) {
    this.#people = entries.map((entry) => ({
      id: entry.id,
      names: entry.names.map(foldedNameOf).filter((name) => name.length > 0),
    }));
    this.#people.forEach((person, position) => {
      for (const name of person.names) {
        for (const variants of name) {
          for (const variant of variants) this.#addToken(variant, position);
        }
      }
    });
  }

  #addToken(token: string, position: number): void {
    const positions = this.#byToken.get(token);
    if (positions === undefined) this.#byToken.set(token, [position]);
    // People are indexed in order, so a repeat of this person can only be the last one recorded.
    else if (positions.at(-1) !== position) positions.push(position);
  }

  /**
   * People whose name matches the input, best first; empty when nobody matches.
   *
   * A person matches when every input token is a token of one of their names. The match is exact when the
   * input is one whole name, token for token in order. Exact matches come before partial ones, each in
   * entry order. A person is listed once, even when several entries share their id.
   */
  match(input: string): NameMatch[] {
    const tokens = foldName(input).map(tokenVariants);
    const candidates = this.#peopleWithAll(tokens);
    const exact: NameMatch[] = [];
    const partial: NameMatch[] = [];
    for (const position of candidates) {
      const person = this.#people[position];
      if (person === undefined) continue;
      const isExact = person.names.some((name) => isWholeName(tokens, name));
      (isExact ? exact : partial).push({ id: person.id, exact: isExact });
    }
    const seen = new Set<string>();
    return [...exact, ...partial].filter((found) => {
      if (seen.has(found.id)) return false;
      seen.add(found.id);
      return true;
    });
  }

  /** Positions, in entry order, of the people who have every one of the tokens in some name. */
  #peopleWithAll(tokens: FoldedName): number[] {
    let found: Set<number> | undefined;
    for (const variants of tokens) {
      const withToken = new Set<number>();
      for (const variant of variants) {
        for (const position of this.#byToken.get(variant) ?? []) withToken.add(position);
      }
      found = found === undefined ? withToken : new Set([...found].filter((p) => withToken.has(p)));
      if (found.size === 0) return [];
    }
    return [...(found ?? [])].sort((a, b) => a - b);
  }
}

function isWholeName(tokens: FoldedName, name: FoldedName): boolean {
  if (tokens.length !== name.length) return false;
  return tokens.every((variants, i) => {
    const nameToken = name[i];
    return nameToken !== undefined && variantsMeet(variants, nameToken);
  });
}
