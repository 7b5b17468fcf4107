/**
 * Finding a person by the name a reader types.
 *
 * Foreign names reach Arabic through several transliterations (فوغل, فوجل, فوقل for Fogel), readers add
 * an article or drop a first name, and Latin spellings differ by a doubled letter or a final y. The
 * folding here absorbs those differences and nothing else; spelling variants beyond them (ترامب and ترمب)
 * are the content's business, as aliases.
 */

import { articleVariants, cliticVariants } from "./clitics.js";
import { NearWords } from "./near-words.js";
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

/**
 * How much of a reader's input a lookup reads, in UTF-16 units: more than any name, and the same bound as a
 * search query's. A pasted page costs what its first line costs.
 */
export const MAX_NAME_INPUT_LENGTH = 256;

/** At most this many tokens of a reader's input are looked up; no name has nearly as many. */
export const MAX_NAME_INPUT_TOKENS = 16;

/** Shorter tokens (a stray initial, a lone و) say too little about who is meant to match on. */
const MIN_TOKEN_LENGTH = 2;

/**
 * Near misses are offered only for name tokens of at least this many letters, and only for input tokens
 * as long: one edit turns a three-letter name into half the dictionary.
 */
export const MIN_SUGGEST_LENGTH = 4;

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

function normalizedTokens(input: string): string[] {
  return normalizeForLookup(input)
    .split(" ")
    .filter((token) => codePointLength(token) >= MIN_TOKEN_LENGTH);
}

/**
 * The input as normalised, folded tokens, dropping tokens too short to match on.
 *
 * Articles and other prefixes are not stripped here: a name such as والتز (Waltz) only looks like و + ال,
 * so matching tries a token both with and without its prefix instead of deciding once.
 */
export function foldName(input: string): string[] {
  return normalizedTokens(input).map(foldToken);
}

/**
 * The spellings a token of a reader's input may stand for: itself, and each stem left by removing an
 * attached و ف ب ل ك or ال («وترامب», «بالرئيس»). Prefixes come off before the sound folds, which would
 * otherwise make a ج, غ or ق look like the preposition ك.
 */
function inputVariants(token: string): string[] {
  return unique(cliticVariants(token).map(foldToken));
}

/** The spellings a token of a story's name may stand for: itself, and itself without an article. */
function nameVariants(token: string): string[] {
  return unique(articleVariants(token).map(foldToken));
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
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
  return normalizedTokens(name).map(nameVariants);
}

/**
 * A reader's input as tokens to look up, bounded: its first {@link MAX_NAME_INPUT_LENGTH} units and
 * {@link MAX_NAME_INPUT_TOKENS} tokens. Normalising may still lengthen what is read (NFKD turns U+FDFA
 * into 18 characters), but only in proportion to it, and every step after is linear in it.
 */
function foldedInput(input: string): FoldedName {
  const read = input.length > MAX_NAME_INPUT_LENGTH ? input.slice(0, MAX_NAME_INPUT_LENGTH) : input;
  return normalizedTokens(read).slice(0, MAX_NAME_INPUT_TOKENS).map(inputVariants);
}

/** A person whose name is close to, but not, what the reader typed. */
export interface NameSuggestion {
  id: string;
  /** Edits between the input and the person's nearest name: 0 when the input matches, else 1. */
  distance: number;
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
  /** The spellings long enough for near misses, looked up by a misspelt token. */
  readonly #near: NearWords;

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
    this.#near = new NearWords(
      [...this.#byToken.keys()].filter((token) => codePointLength(token) >= MIN_SUGGEST_LENGTH),
    );
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
   * A person matches when every input token is a token of one of their names; an input token may carry
   * attached prefixes (و ف ب ل ك, alone or with ال: «وترامب», «بالرئيس»). The match is exact when the
   * input is one whole name, token for token in order. Exact matches come before partial ones, each in
   * entry order. A person is listed once, even when several entries share their id. Only the first
   * {@link MAX_NAME_INPUT_LENGTH} units and {@link MAX_NAME_INPUT_TOKENS} tokens of the input are read.
   */
  match(input: string): NameMatch[] {
    const tokens = foldedInput(input);
    const candidates = this.#peopleWithAll(tokens);
    const exact: NameMatch[] = [];
    const partial: NameMatch[] = [];
    for (const position of candidates) {
      const person = this.#people[position];
      if (person === undefined) continue;
      const isExact = person.names.some((name) => isWholeName(tokens, name));
      (isExact ? exact : partial).push({ id: person.id, exact: isExact });
    }
    return uniqueById([...exact, ...partial]);
  }

  /**
   * The people nearest to the input, for "did you mean …?" when {@link match} finds nobody: those whose
   * names account for every input token with at most one edit in all (a letter inserted, deleted, replaced,
   * or two neighbours swapped: «ترانب», "trmp", «بيكسوف»). The edited token and the name token must both
   * be at least {@link MIN_SUGGEST_LENGTH} letters. Only the nearest are returned, in entry order:
   * distance 0 means the input matches (as {@link match} would say), and an empty list means nobody is
   * that close.
   */
  suggest(input: string): NameSuggestion[] {
    const tokens = foldedInput(input);
    if (tokens.length === 0) return [];
    /** For each input token, the edits each person's nearest token of theirs needs (0 or 1). */
    const perToken = tokens.map((variants) => this.#distancesFor(variants));
    const found = new Map<number, number>();
    const [first, ...rest] = perToken;
    for (const [position, firstDistance] of first ?? []) {
      let total = firstDistance;
      for (const distances of rest) {
        const distance = distances.get(position);
        total = distance === undefined ? Number.POSITIVE_INFINITY : total + distance;
      }
      if (total <= 1) found.set(position, total);
    }
    if (found.size === 0) return [];
    const best = Math.min(...found.values());
    const nearest = [...found]
      .filter(([, distance]) => distance === best)
      .sort(([a], [b]) => a - b)
      .flatMap(([position, distance]) => {
        const person = this.#people[position];
        return person === undefined ? [] : [{ id: person.id, distance }];
      });
    return uniqueById(nearest);
  }

  /** Each person with a token equal to (0) or one edit from (1) some spelling of an input token. */
  #distancesFor(variants: readonly string[]): Map<number, number> {
    const distances = new Map<number, number>();
    for (const variant of variants) {
      for (const position of this.#byToken.get(variant) ?? []) distances.set(position, 0);
    }
    for (const variant of variants) {
      if (codePointLength(variant) < MIN_SUGGEST_LENGTH) continue;
      for (const token of this.#near.near(variant)) {
        for (const position of this.#byToken.get(token) ?? []) {
          if (!distances.has(position)) distances.set(position, 1);
        }
      }
    }
    return distances;
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

function uniqueById<T extends { id: string }>(found: readonly T[]): T[] {
  const seen = new Set<string>();
  return found.filter((item) => {
    if (seen.has(item.id)) return false;
    seen.add(item.id);
    return true;
  });
}

function isWholeName(tokens: FoldedName, name: FoldedName): boolean {
  if (tokens.length !== name.length) return false;
  return tokens.every((variants, i) => {
    const nameToken = name[i];
    return nameToken !== undefined && variantsMeet(variants, nameToken);
  });
}
