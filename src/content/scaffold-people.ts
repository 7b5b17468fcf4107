/**
 * Guessing, for a story's first draft, who is named in an article and who says each quoted span.
 *
 * These are heuristics for the editor to confirm, never facts the bot relies on: a name is a word or two
 * after a title («الرئيس الروسي فلاديمير بوتين») or after a verb of speech («قال بيسكوف»), one person is
 * every spelling that shares a surname once folded (فوغل and فوجل), and a speech verb with no name after it
 * («وأضاف:», «وختم قائلا:») continues the previous speaker.
 */
import { foldName } from "../text/name-match.js";
import {
  AR_SAYING,
  AR_SPEECH_VERBS,
  AR_STOP,
  AR_TITLES,
  EN_NOT_NAMES,
  EN_PRONOUNS,
  EN_SPEECH_VERBS,
  ROMAN,
} from "./scaffold-words.js";

/** One person the text seems to name, with every spelling it uses. */
export interface PersonCandidate {
  /** A draft ASCII id, romanised from the surname. */
  id: string;
  /** The fullest spelling found. */
  name: string;
  /** Every spelling found, fullest first. */
  aliases: string[];
  /** Ids of the paragraphs that use one of the spellings. */
  mentions: string[];
}

/** A paragraph as the finder reads it. */
export interface TextParagraph {
  id: string;
  text: string;
}

/** A word of a paragraph and whether punctuation (not just a space) follows it. */
interface Token {
  word: string;
  start: number;
  end: number;
  /** The characters between this word and the next (spaces, punctuation). */
  after: string;
}

const WORD = /[\p{L}\p{M}\p{N}'’-]+/gu;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    tokens.push({ word: match[0], start: match.index, end: match.index + match[0].length, after: "" });
  }
  tokens.forEach((token, i) => {
    token.after = text.slice(token.end, tokens[i + 1]?.start ?? text.length);
  });
  return tokens;
}

/** Whether anything but spaces separates a token from the next one. */
function breaksAfter(token: Token): boolean {
  return token.after.trim() !== "";
}

// Arabic ----------------------------------------------------------------------------------------------

/** Conjunction and preposition prefixes a word may carry: وقال, فقال, لبوتين, بترامب. */
function stripPrefix(word: string): string {
  const first = word.charAt(0);
  return "وفلب".includes(first) && [...word].length > 3 ? word.slice(1) : word;
}

function isArTitle(word: string): boolean {
  return AR_TITLES.has(word) || AR_TITLES.has(stripPrefix(word));
}

/** Could this word be (part of) a person's name? Articles, particles and adverbs (…اً) cannot. */
function isArNameWord(word: string): boolean {
  if (!/\p{Script=Arabic}/u.test(word)) return false;
  if (/^(?:ال|لل|وال|بال|فال|كال|لإ|لأ)/u.test(word)) return false;
  if (AR_STOP.has(word) || AR_SAYING.has(word) || isArTitle(word) || isArSpeechVerb(word)) return false;
  return !/(?:اً|ًا)$/u.test(word);
}

function isArSpeechVerb(word: string): boolean {
  return AR_SPEECH_VERBS.has(word) || AR_SPEECH_VERBS.has(stripPrefix(word));
}

/** The end of a title phrase starting at `i`: modifiers with the article, «باسم», and construct nouns. */
function skipArTitle(tokens: readonly Token[], i: number): number {
  let j = i + 1;
  while (j < tokens.length && !breaksAfter(tokens[j - 1] as Token)) {
    const word = (tokens[j] as Token).word;
    const next = tokens[j + 1]?.word ?? "";
    const modifier = word.startsWith("ال") || word.startsWith("وال") || word === "باسم" || isArTitle(word);
    // A noun in construct (وكالة in «مدير وكالة المخابرات») belongs to the title when an article follows.
    const construct = !breaksAfter(tokens[j] as Token) && next.startsWith("ال") && !isArNameWord(next);
    if (!modifier && !construct) break;
    j++;
  }
  return j;
}

/** Folded surname key: the spellings of one surname share it. */
function surnameKey(name: string): string {
  const words = name.split(" ");
  return foldName(words[words.length - 1] ?? "").join(" ");
}

interface Found {
  name: string;
  paragraph: string;
  /** The title phrase before the name, when a title introduced it. */
  title?: string;
}

/**
 * What introduces a quoted span: a name, a title alone («وقال الناطق باسم الكرملين:»), a verb that
 * continues the previous speaker («وأضاف:», `he added`), or nothing (undefined).
 */
export type SpeakerCue = { name: string } | { title: string } | "previous" | undefined;

/** A title phrase as a key: its words, the first without a conjunction or preposition prefix. */
function titleKey(words: readonly string[]): string {
  return words.map((w, i) => (i === 0 ? stripPrefix(w) : w)).join(" ");
}

/** The first word of a name after each title, or undefined where the title is followed by none. */
function arNameStarts(tokens: readonly Token[]): number[] {
  const starts: number[] = [];
  tokens.forEach((token, i) => {
    if (!isArTitle(token.word)) return;
    const start = skipArTitle(tokens, i);
    // A title without the article is in construct («وزير الخارجية»): a bare «رئيس أميركي» names nobody.
    const definite = stripPrefix(token.word).startsWith("ال");
    if (!definite && start === i + 1) return;
    const first = tokens[start];
    if (first === undefined || breaksAfter(tokens[start - 1] as Token) || !isArNameWord(first.word)) return;
    starts.push(start);
  });
  return starts;
}

/** The word after a name's first word when it can be the second word of the name. */
function secondNameWord(tokens: readonly Token[], start: number): Token | undefined {
  const first = tokens[start] as Token;
  const second = tokens[start + 1];
  if (second === undefined || breaksAfter(first)) return undefined;
  // A surname may look like و + article (والتز, Waltz): taken when punctuation closes the name.
  const fits = isArNameWord(second.word) || (second.word.startsWith("وال") && breaksAfter(second));
  return fits ? second : undefined;
}

/**
 * Names right after titles, and names followed by «، وهو» (an apposition describing a person). A name is
 * one word, or two when the second ends the phrase or is a surname seen alone elsewhere.
 */
function arNamesAfterTitles(paragraphs: readonly TextParagraph[], speakers: ReadonlySet<string>): Found[] {
  const tokenized = paragraphs.map((p) => ({ id: p.id, tokens: tokenize(p.text) }));
  const surnames = new Set(speakers);
  for (const { tokens } of tokenized) {
    for (const start of arNameStarts(tokens)) {
      const first = tokens[start] as Token;
      if (secondNameWord(tokens, start) === undefined) surnames.add(surnameKey(first.word));
    }
  }
  const found: Found[] = [];
  for (const { id, tokens } of tokenized) {
    for (const start of arNameStarts(tokens)) {
      const first = tokens[start] as Token;
      const second = secondNameWord(tokens, start);
      let name = first.word;
      if (second !== undefined) {
        const next = tokens[start + 2]?.word;
        const ends = breaksAfter(second) || next === undefined || !isArNameWord(next);
        if (surnames.has(surnameKey(second.word)) || (ends && !surnames.has(surnameKey(first.word)))) {
          name = `${first.word} ${second.word}`;
        }
      }
      const title = tokens.slice(titleStart(tokens, start), start).map((t) => t.word);
      found.push({ name, paragraph: id, title: titleKey(title) });
    }
    tokens.forEach((token, i) => {
      const first = tokens[i - 1];
      if (
        first === undefined ||
        i < 1 ||
        !/^\s*[،,]\s*$/u.test(token.after) ||
        !/^وه[وي]$/u.test(tokens[i + 1]?.word ?? "")
      )
        return;
      if (isArNameWord(first.word) && isArNameWord(token.word) && !breaksAfter(first)) {
        found.push({ name: `${first.word} ${token.word}`, paragraph: id });
      }
    });
  }
  return found;
}

/** Where the title phrase ending just before the name at `start` begins. */
function titleStart(tokens: readonly Token[], start: number): number {
  for (let i = start - 1; i >= 0; i--) {
    if (isArTitle((tokens[i] as Token).word) && skipArTitle(tokens, i) === start) return i;
  }
  return start;
}

/** The name (one or two words) starting at token `i`, if a name starts there. */
function arNameAt(tokens: readonly Token[], i: number): string | undefined {
  const first = tokens[i];
  if (first === undefined || !isArNameWord(first.word)) return undefined;
  const second = tokens[i + 1];
  // Two words when the second closes the phrase: punctuation or a word that cannot be a name follows.
  const next = tokens[i + 2]?.word;
  const closes = second !== undefined && (breaksAfter(second) || next === undefined || !isArNameWord(next));
  if (second !== undefined && !breaksAfter(first) && isArNameWord(second.word) && closes) {
    return `${first.word} ${second.word}`;
  }
  return first.word;
}

/** Who a speech verb at token `i` introduces: a name, a title, the previous speaker, or nobody known. */
function arCueAfterVerb(tokens: readonly Token[], i: number): SpeakerCue {
  const verb = tokens[i] as Token;
  const next = tokens[i + 1];
  if (breaksAfter(verb) || next === undefined || AR_SAYING.has(next.word)) return "previous";
  const named = arNameAt(tokens, i + 1);
  if (named !== undefined) return { name: named };
  if (!isArTitle(next.word)) return undefined;
  const end = skipArTitle(tokens, i + 1);
  const after = breaksAfter(tokens[end - 1] as Token) ? undefined : arNameAt(tokens, end);
  if (after !== undefined) return { name: after };
  return { title: titleKey(tokens.slice(i + 1, end).map((t) => t.word)) };
}

// English ---------------------------------------------------------------------------------------------

function isEnNameWord(word: string): boolean {
  return /^\p{Lu}[\p{Ll}'’-]+$/u.test(word) && !EN_NOT_NAMES.has(word);
}

/** Runs of one to three capitalised words that do not open a sentence. */
function enNames(paragraphs: readonly TextParagraph[]): Found[] {
  const found: Found[] = [];
  for (const paragraph of paragraphs) {
    const tokens = tokenize(paragraph.text);
    for (let i = 0; i < tokens.length; i++) {
      if (!isEnNameWord((tokens[i] as Token).word)) continue;
      const opensSentence = i === 0 || /[.!?:"“]\s*$/u.test((tokens[i - 1] as Token).after);
      const words = [(tokens[i] as Token).word];
      let j = i;
      while (
        words.length < 3 &&
        !breaksAfter(tokens[j] as Token) &&
        isEnNameWord(tokens[j + 1]?.word ?? "")
      ) {
        j++;
        words.push((tokens[j] as Token).word);
      }
      if (!(opensSentence && words.length === 1))
        found.push({ name: words.join(" "), paragraph: paragraph.id });
      i = j;
    }
  }
  return found;
}

// Both ------------------------------------------------------------------------------------------------

/** A draft ASCII id for a name: its surname, romanised when it is Arabic. */
export function draftId(name: string): string {
  const words = name.split(" ");
  const surname = words[words.length - 1] ?? name;
  const latin = [...surname]
    .map((ch, i) => (i === 0 && ch === "و" ? "w" : i === 0 && ch === "ي" ? "y" : (ROMAN[ch] ?? ch)))
    .join("")
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 20);
  return latin === "" ? "person" : latin;
}

/** Whether a paragraph uses a spelling as whole words (allowing a و/ف/ل/ب prefix in Arabic). */
function mentionsSpelling(text: string, spelling: string): boolean {
  const words = tokenize(text).map((t) => t.word);
  const parts = spelling.split(" ");
  for (let i = 0; i + parts.length <= words.length; i++) {
    const matches = parts.every((part, k) => {
      const word = words[i + k] ?? "";
      return word === part || (k === 0 && stripPrefix(word) === part);
    });
    if (matches) return true;
  }
  return false;
}

/** The people a story's paragraphs seem to name, and a way to resolve a speaker's words to one of them. */
export class PeopleFinder {
  readonly #byKey = new Map<string, { spellings: string[] }>();
  readonly #order: string[] = [];
  /** Title phrases to the people they introduced; a title that introduced two people is ambiguous. */
  readonly #titles = new Map<string, Set<string>>();

  /** `speakers`: the names that introduce quoted spans (see `speakerCue`), which are surely people. */
  constructor(
    readonly language: "ar" | "en",
    readonly paragraphs: readonly TextParagraph[],
    speakers: readonly string[],
  ) {
    const found =
      language === "ar"
        ? arNamesAfterTitles(paragraphs, new Set(speakers.map(surnameKey)))
        : enNames(paragraphs);
    for (const { name, title } of found) {
      const key = this.add(name);
      if (title !== undefined && title !== "")
        this.#titles.set(title, (this.#titles.get(title) ?? new Set()).add(key));
    }
    for (const name of speakers) this.add(name);
  }

  /** Records a spelling; spellings sharing a folded surname are one person. Returns that person's key. */
  add(name: string): string {
    const key = this.language === "ar" ? surnameKey(name) : (name.split(" ").pop() ?? name).toLowerCase();
    const entry = this.#byKey.get(key);
    if (entry === undefined) {
      this.#byKey.set(key, { spellings: [name] });
      this.#order.push(key);
    } else if (!entry.spellings.includes(name)) entry.spellings.push(name);
    return key;
  }

  /**
   * The person a cue refers to: by name (added when new), or by a title that introduced exactly one
   * person elsewhere in the text («الناطق باسم الكرملين» → دميتري بيسكوف); undefined when unknown.
   */
  resolve(cue: { name: string } | { title: string }): string | undefined {
    if ("name" in cue) return this.add(cue.name);
    const people = this.#titles.get(cue.title);
    return people?.size === 1 ? [...people][0] : undefined;
  }

  /** Spellings of the surname the titles missed (فوغل beside فوجل), with a first name already known. */
  #otherSpellings(key: string, spellings: string[]): void {
    const firstNames = new Set(spellings.filter((s) => s.includes(" ")).map((s) => s.split(" ")[0]));
    for (const paragraph of this.paragraphs) {
      const tokens = tokenize(paragraph.text);
      tokens.forEach((token, i) => {
        if (!isArNameWord(token.word) || surnameKey(token.word) !== key) return;
        const prev = tokens[i - 1];
        const spelling =
          prev !== undefined && !breaksAfter(prev) && firstNames.has(prev.word)
            ? `${prev.word} ${token.word}`
            : token.word;
        if (!spellings.includes(spelling)) spellings.push(spelling);
      });
    }
  }

  /** The candidates in order of first appearance, with unique ids and the paragraphs that name them. */
  candidates(): Map<string, PersonCandidate> {
    const result = new Map<string, PersonCandidate>();
    const used = new Set<string>();
    for (const key of this.#order) {
      const entry = this.#byKey.get(key);
      if (entry === undefined) continue;
      const spellings = [...entry.spellings];
      // Every surname alone is a spelling readers type too, when the text uses it alone.
      for (const spelling of entry.spellings) {
        const surname = spelling.split(" ").pop() ?? spelling;
        if (!spellings.includes(surname)) spellings.push(surname);
      }
      if (this.language === "ar") this.#otherSpellings(key, spellings);
      const present = spellings.filter((s) => this.paragraphs.some((p) => mentionsSpelling(p.text, s)));
      present.sort((a, b) => b.split(" ").length - a.split(" ").length);
      const name = present[0] ?? spellings[0] ?? key;
      let id = draftId(name);
      for (let n = 2; used.has(id); n++) id = `${draftId(name)}-${n}`;
      used.add(id);
      const mentions = this.paragraphs
        .filter((p) => present.some((s) => mentionsSpelling(p.text, s)))
        .map((p) => p.id);
      result.set(key, { id, name, aliases: present, mentions });
    }
    return result;
  }
}

/**
 * The speaker a quoted span's surroundings name: a speech verb and a name before it («قال ترامب:»),
 * or after it («…"، قال ترامب.», `"…," Trump said`). Returns the name, `"previous"` for a verb that names
 * nobody («وأضاف:», `he added`), or undefined when nothing introduces the span.
 */
export function speakerCue(language: "ar" | "en", before: string, after: string): SpeakerCue {
  if (language === "ar") {
    const lead = tokenize(before);
    for (let i = lead.length - 1; i >= 0; i--) {
      if (isArSpeechVerb((lead[i] as Token).word)) return arCueAfterVerb(lead, i);
    }
    const tail = tokenize(after);
    const gap = after.slice(0, tail[0]?.start ?? 0);
    if (tail[0] !== undefined && isArSpeechVerb(tail[0].word) && /^[\s.,،؛]*$/u.test(gap)) {
      return arCueAfterVerb(tail, 0);
    }
    return undefined;
  }
  const name = enCue(before, after);
  return name === "previous" || name === undefined ? name : { name };
}

function enCue(before: string, after: string): string | undefined {
  const lead = tokenize(before);
  for (let i = lead.length - 1; i >= 0; i--) {
    const word = (lead[i] as Token).word;
    if (!EN_SPEECH_VERBS.has(word)) continue;
    const prev = lead[i - 1]?.word ?? "";
    const next = lead[i + 1]?.word ?? "";
    if (isEnNameWord(next) && !breaksAfter(lead[i] as Token)) return next;
    if (isEnNameWord(prev)) return prev;
    return EN_PRONOUNS.has(prev.toLowerCase()) || prev === "" ? "previous" : undefined;
  }
  const tail = tokenize(after).map((t) => t.word);
  const [a, b] = [tail[0] ?? "", tail[1] ?? ""];
  if (EN_SPEECH_VERBS.has(a) && isEnNameWord(b)) return b;
  if (EN_PRONOUNS.has(a.toLowerCase()) && EN_SPEECH_VERBS.has(b)) return "previous";
  // `"…," John Smith told reporters`: up to three name words, then the verb; the surname names them.
  let n = 0;
  while (n < 3 && isEnNameWord(tail[n] ?? "")) n++;
  return n > 0 && EN_SPEECH_VERBS.has(tail[n] ?? "") ? tail[n - 1] : undefined;
}
