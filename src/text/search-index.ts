/**
 * Searching a story's passages for the words a reader types.
 *
 * The index is built once (a story's on its first search, see story-search.ts): every word of every
 * passage is keyed (normalised Arabic, folded Latin) and filed under its key and under each stem left by
 * stripping an attached و ف ب ل ك or ال, with its range in the original text. A query is keyed the same
 * way and answered from those lists, so it costs a few map reads per word and never scans the text.
 *
 * It knows nothing of stories: a passage is any text with an id and a kind (a paragraph, a quote, a fact,
 * a summary point), so the bot and inline mode decide what to index and how to show a hit.
 */

import { cliticVariants } from "./clitics.js";
import { NearWords } from "./near-words.js";
import { type WordSpan, wordSpans } from "./search-tokens.js";

/** A text to search, as the caller labels it. Ids need not be unique across kinds or languages. */
export interface Passage {
  id: string;
  kind: string;
  lang: "ar" | "en";
  text: string;
}

/** A stretch of a passage's original text, in UTF-16 units from its start, end exclusive. */
export interface TextRange {
  start: number;
  end: number;
}

/** One passage that holds every word of the query. */
export interface SearchHit {
  id: string;
  kind: string;
  lang: "ar" | "en";
  /**
   * What to bold, in the passage's original text, in order and not overlapping: each run of the query's
   * words in order as one range, and each other word that matched a query word. `text.slice(start, end)`
   * is the matched words as the passage writes them (with any attached prefix, such as «والشرق»).
   */
  ranges: readonly TextRange[];
  /** True when the passage has the query's words together and in order. */
  phrase: boolean;
}

/** Which passages to search and how many hits to return. */
export interface SearchOptions {
  /** Only passages in this language. */
  lang?: "ar" | "en";
  /** Only passages of these kinds. */
  kinds?: readonly string[];
  /** At most this many hits (the best ones). */
  limit?: number;
}

/** A query the story has answers for, close to one that found nothing. */
export interface Suggestion {
  /**
   * The reader's query with each word the story lacks replaced by the story's nearest word, as the story
   * writes it (“Pensylvnia” → “Pennsylvania”, «الكرملن» → «الكرملين»), to show and to search for.
   */
  text: string;
  /** How many words were replaced, each by a word one edit away. */
  distance: number;
}

/** The index built by {@link buildSearchIndex}. */
export interface SearchIndex {
  /**
   * Passages holding every word of the query (stop words such as "the" or «في» are required only when
   * the query has nothing else), best first: passages with the words together and in order, then those
   * with the words closest together, then those with more matches, then in the order given. Blank,
   * emoji-only or unknown queries give no hits. Only the first {@link MAX_QUERY_LENGTH} characters and
   * {@link MAX_QUERY_WORDS} words of a query count.
   */
  search(query: string, options?: SearchOptions): SearchHit[];
  /**
   * For "nothing found — did you mean …?": the query with every word the story lacks replaced by the
   * story's nearest word within one edit (a letter inserted, deleted or replaced, or two neighbours
   * swapped; the most frequent word wins a tie), only when every such word has one, is at least
   * {@link MIN_SUGGEST_LENGTH} letters long, and the corrected query finds something. Undefined when
   * nothing needs correcting or nothing close enough exists.
   */
  suggest(query: string): Suggestion | undefined;
}

/** Longer queries are cut here: a pasted page must not cost more than a pasted sentence. */
export const MAX_QUERY_LENGTH = 256;
/** At most this many words of a query are searched for. */
export const MAX_QUERY_WORDS = 16;
/** Words shorter than this get no "did you mean": one edit away from a short word is almost anything. */
export const MIN_SUGGEST_LENGTH = 4;

/**
 * Words too common to narrow a search, as keys: a query's word on this list is not required, though it
 * still counts for a phrase. "What did Trump say" should find Trump's words, not fail on "what".
 */
const STOP_WORDS: ReadonlySet<string> = new Set([
  ..."a an the of to in on at for and or is are was were be been by with as that this it its he she his her they their from about what who did do does said say".split(
    " ",
  ),
  // Arabic, in key spelling (ا for أ and إ, ه for ة, ي for ى).
  ..."في من على عن الى ان او ما لا مع ثم قد هذا هذه ذلك تلك التي الذي الذين كان كانت هو هي هم انه انها بعد قبل عند".split(
    " ",
  ),
]);

/** A word position in the index: the passage's place in the list and the word's place in the passage. */
interface Occurrence {
  passage: number;
  word: number;
}

interface IndexedPassage {
  readonly passage: Passage;
  readonly starts: readonly number[];
  readonly ends: readonly number[];
}

/** What a query word found: for each passage, the positions of the words that match it. */
type Found = Map<number, Set<number>>;

function codePointLength(text: string): number {
  let length = 0;
  for (const _ of text) length++;
  return length;
}

/** The query's words, bounded in length and number. */
function queryWords(query: string): WordSpan[] {
  const cut = query.length > MAX_QUERY_LENGTH;
  // One word more than are searched for, to know whether the last one was cut.
  const spans = wordSpans(cut ? query.slice(0, MAX_QUERY_LENGTH) : query, MAX_QUERY_WORDS + 1);
  // A word cut in half by the limit would be searched for as a word it is not.
  if (cut && spans.at(-1)?.end === MAX_QUERY_LENGTH) spans.pop();
  return spans.slice(0, MAX_QUERY_WORDS);
}

/** Builds the index of the passages; call once. Later changes to `passages` are not seen. */
export function buildSearchIndex(passages: readonly Passage[]): SearchIndex {
  const indexed: IndexedPassage[] = [];
  const postings = new Map<string, Occurrence[]>();
  /** For each key, the first word that has it as its own key, else the first that has it as a stem. */
  const display = new Map<string, { text: string; own: boolean }>();

  passages.forEach((source, passage) => {
    const copy: Passage = { id: source.id, kind: source.kind, lang: source.lang, text: source.text };
    const spans = wordSpans(copy.text);
    indexed.push({ passage: copy, starts: spans.map((s) => s.start), ends: spans.map((s) => s.end) });
    spans.forEach((span, word) => {
      const shown = copy.text.slice(span.start, span.end).replace(/['\u2019\u02BC][sS]$/u, "");
      for (const variant of cliticVariants(span.key)) {
        const list = postings.get(variant);
        if (list === undefined) postings.set(variant, [{ passage, word }]);
        else list.push({ passage, word });
        const own = variant === span.key;
        const known = display.get(variant);
        if (known === undefined || (own && !known.own)) display.set(variant, { text: shown, own });
      }
    });
  });

  // Only "did you mean" needs the near-word table, and it costs as much as the rest of the index: built on
  // the first suggestion, from the keys, which never change after this point.
  let nearWords: NearWords | undefined;
  const near = (): NearWords => {
    nearWords ??= new NearWords(
      [...postings.keys()].filter((key) => codePointLength(key) >= MIN_SUGGEST_LENGTH),
    );
    return nearWords;
  };

  function find(key: string): Found {
    const found: Found = new Map();
    for (const variant of cliticVariants(key)) {
      for (const { passage, word } of postings.get(variant) ?? []) {
        const words = found.get(passage);
        if (words === undefined) found.set(passage, new Set([word]));
        else words.add(word);
      }
    }
    return found;
  }

  function search(query: string, options: SearchOptions = {}): SearchHit[] {
    const keys = queryWords(query).map((word) => word.key);
    if (keys.length === 0) return [];
    const foundByKey = new Map<string, Found>();
    for (const key of keys) if (!foundByKey.has(key)) foundByKey.set(key, find(key));
    const content = [...foundByKey.keys()].filter((key) => !STOP_WORDS.has(key));
    const required = content.length > 0 ? content : [...foundByKey.keys()];
    const requiredFound = required
      .map((key) => foundByKey.get(key) ?? new Map())
      .sort((a, b) => a.size - b.size);
    const [rarest, ...others] = requiredFound;
    if (rarest === undefined) return [];

    const hits: { hit: SearchHit; window: number; matches: number; passage: number }[] = [];
    for (const passage of rarest.keys()) {
      if (!others.every((found) => found.has(passage))) continue;
      const entry = indexed[passage];
      if (entry === undefined || !wanted(entry.passage, options)) continue;
      const sequence = keys.map((key) => foundByKey.get(key)?.get(passage) ?? new Set<number>());
      const phrases = phraseStarts(sequence);
      const matched = required.map((key) => foundByKey.get(key)?.get(passage) ?? new Set<number>());
      hits.push({
        hit: {
          id: entry.passage.id,
          kind: entry.passage.kind,
          lang: entry.passage.lang,
          ranges: rangesOf(entry, phrases, keys.length, matched),
          phrase: phrases.length > 0,
        },
        window: smallestWindow(matched),
        matches: matched.reduce((sum, words) => sum + words.size, 0),
        passage,
      });
    }
    hits.sort(
      (a, b) =>
        Number(b.hit.phrase) - Number(a.hit.phrase) ||
        a.window - b.window ||
        b.matches - a.matches ||
        a.passage - b.passage,
    );
    const limit = options.limit ?? hits.length;
    return hits.slice(0, Math.max(0, limit)).map((ranked) => ranked.hit);
  }

  /** The story's word nearest to a key it lacks, as the story writes it; undefined when none is close. */
  function nearest(key: string): string | undefined {
    let best: { key: string; own: boolean; count: number } | undefined;
    for (const variant of cliticVariants(key)) {
      if (codePointLength(variant) < MIN_SUGGEST_LENGTH) continue;
      for (const candidate of near().near(variant)) {
        const own = display.get(candidate)?.own ?? false;
        const count = postings.get(candidate)?.length ?? 0;
        // A word the story writes as such beats a stem; then the more frequent word; then the first seen.
        if (best === undefined || (own && !best.own) || (own === best.own && count > best.count)) {
          best = { key: candidate, own, count };
        }
      }
    }
    return best === undefined ? undefined : display.get(best.key)?.text;
  }

  function suggest(query: string): Suggestion | undefined {
    const words = queryWords(query);
    let text = "";
    let copied = 0;
    let distance = 0;
    for (const word of words) {
      const known =
        STOP_WORDS.has(word.key) || cliticVariants(word.key).some((variant) => postings.has(variant));
      if (known) continue;
      if (codePointLength(word.key) < MIN_SUGGEST_LENGTH) return undefined;
      const replacement = nearest(word.key);
      if (replacement === undefined) return undefined;
      text += query.slice(copied, word.start) + replacement;
      copied = word.end;
      distance++;
    }
    if (distance === 0) return undefined;
    // The rest of the query as typed; of a query cut at the limit, only up to its last whole word.
    const end = query.length > MAX_QUERY_LENGTH ? (words.at(-1)?.end ?? copied) : query.length;
    text = (text + query.slice(copied, Math.max(copied, end))).trim();
    return search(text, { limit: 1 }).length > 0 ? { text, distance } : undefined;
  }

  return { search, suggest };
}

function wanted(passage: Passage, options: SearchOptions): boolean {
  if (options.lang !== undefined && passage.lang !== options.lang) return false;
  return options.kinds === undefined || options.kinds.includes(passage.kind);
}

/** The word positions where every word of the query follows the one before, in order. */
function phraseStarts(sequence: readonly ReadonlySet<number>[]): number[] {
  const [first, ...rest] = sequence;
  if (first === undefined || rest.length === 0) return [];
  return [...first]
    .filter((start) => rest.every((words, i) => words.has(start + i + 1)))
    .sort((a, b) => a - b);
}

/**
 * The fewest words that hold one match of every required word (1 for a single word): a sliding window
 * over the matches in text order, each encoded as one number (position × query words + which word) so the
 * sort is a numeric sort of a typed array.
 */
function smallestWindow(matched: readonly ReadonlySet<number>[]): number {
  const needed = matched.length;
  if (needed <= 1) return 1;
  let size = 0;
  for (const words of matched) size += words.size;
  const events = new Int32Array(size);
  let next = 0;
  matched.forEach((words, which) => {
    for (const word of words) events[next++] = word * MAX_QUERY_WORDS + which;
  });
  events.sort();
  const counts = new Int32Array(needed);
  let covered = 0;
  let left = 0;
  let best = Number.POSITIVE_INFINITY;
  for (const event of events) {
    const which = event % MAX_QUERY_WORDS;
    if ((counts[which] ?? 0) === 0) covered++;
    counts[which] = (counts[which] ?? 0) + 1;
    while (covered === needed && left < events.length) {
      const first = events[left] ?? 0;
      best = Math.min(best, Math.floor(event / MAX_QUERY_WORDS) - Math.floor(first / MAX_QUERY_WORDS) + 1);
      const firstWhich = first % MAX_QUERY_WORDS;
      counts[firstWhich] = (counts[firstWhich] ?? 0) - 1;
      if (counts[firstWhich] === 0) covered--;
      left++;
    }
  }
  return best;
}

/** Ranges to bold: each phrase as one range, then each matched word outside a phrase; merged and sorted. */
function rangesOf(
  entry: IndexedPassage,
  phrases: readonly number[],
  phraseLength: number,
  matched: readonly ReadonlySet<number>[],
): TextRange[] {
  const inPhrase = new Set<number>();
  const ranges: TextRange[] = [];
  for (const start of phrases) {
    const last = start + phraseLength - 1;
    for (let word = start; word <= last; word++) inPhrase.add(word);
    ranges.push({ start: entry.starts[start] ?? 0, end: entry.ends[last] ?? 0 });
  }
  for (const words of matched) {
    for (const word of words) {
      if (!inPhrase.has(word)) ranges.push({ start: entry.starts[word] ?? 0, end: entry.ends[word] ?? 0 });
    }
  }
  ranges.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: TextRange[] = [];
  for (const range of ranges) {
    const previous = merged.at(-1);
    if (previous !== undefined && range.start < previous.end)
      previous.end = Math.max(previous.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}
