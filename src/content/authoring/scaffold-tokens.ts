/**
 * The pieces both languages' speaker finders share: words with their offsets, and what a finder reports
 * (people named with a title, verbs of speech with whoever they introduce).
 */

/** A word of a paragraph, where it stands, and what separates it from the next word. */
export interface Token {
  word: string;
  start: number;
  end: number;
  /** The characters between this word and the next (spaces, punctuation). */
  after: string;
}

const WORD = /[\p{L}\p{M}\p{N}'’-]+/gu;

/** The words of a text in order. */
export function tokenize(text: string): Token[] {
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
export function breaksAfter(token: Token | undefined): boolean {
  return token === undefined || token.after.trim() !== "";
}

/** Whether a sentence ends after a token. */
export function endsSentence(token: Token | undefined): boolean {
  return token === undefined || /[.!?؟؛;]/u.test(token.after);
}

/** A paragraph as the finders read it. */
export interface TextParagraph {
  id: string;
  text: string;
}

/** Grammatical gender, as the story format writes it. */
export type Gender = "m" | "f";

/** A person the text names with a title («وزيرة الثقافة هدى السعدي», `Mayor Jane Doe`) or an apposition. */
export interface TitledName {
  name: string;
  paragraph: string;
  /** The heads of its titles without the article («وزيرة»), by which «قالت الوزيرة» refers back. */
  titles: string[];
  gender?: Gender;
}

/** Who a verb of speech introduces. */
export type Subject =
  /** A name: one word or more. */
  | { kind: "name"; name: string }
  /** A title alone («قالت الوزيرة», `the mayor said`), folded to its head word. */
  | { kind: "title"; title: string }
  /** A definite word that may be a surname («وأضاف العمري») or an institution («وأعلنت البلدية»). */
  | { kind: "surname"; word: string }
  /** Nobody named: the verb continues the previous speaker («وأضافت:», `she added`). */
  | { kind: "previous" }
  /** Something that is not a person («مسؤولان», `officials`). */
  | { kind: "other" };

/** A verb of speech in a paragraph (outside quotation marks). */
export interface SpeechCue {
  paragraph: string;
  /** Where the attribution starts: the verb, or the name before it (`Trump said`). */
  start: number;
  /** Where the attribution ends. */
  end: number;
  subject: Subject;
  /** The gender the verb or pronoun shows, if any. */
  gender?: Gender;
  /** The reported speech the verb introduces without quotation marks («قال إن …», `said that …`). */
  reported?: string;
}

/** What a language's finder reads from an article. */
export interface Reading {
  titled: TitledName[];
  cues: SpeechCue[];
}
