/**
 * Reading an English article for its people and speakers. A person is a capitalised name after a title
 * (`Transport Minister Priya Shah`), before an apposition (`Salma Haddad, the head librarian,`), or the
 * subject of a verb of speech (`said Lopez`, `Tom Becker said`). A lone capitalised word counts only when
 * the text capitalises it again away from a sentence's start, so `Officials said` names nobody.
 */

import {
  breaksAfter,
  type Reading,
  type SpeechCue,
  type Subject,
  type TextParagraph,
  type TitledName,
  type Token,
  tokenize,
} from "./scaffold-tokens.js";
import {
  EN_NOT_NAMES,
  EN_NOT_REPORTED,
  EN_PRONOUN_GENDER,
  EN_SPEECH_VERBS,
  EN_TITLES,
} from "./scaffold-words.js";

function isNameWord(word: string): boolean {
  return /^\p{Lu}[\p{Ll}'’-]+$/u.test(word) && !EN_NOT_NAMES.has(word) && !EN_TITLES.has(word);
}

/** Whether token `i` opens a sentence (where every word is capitalised). */
function opensSentence(tokens: readonly Token[], i: number): boolean {
  return i === 0 || /[.!?:"“”]/u.test((tokens[i - 1] as Token).after);
}

/** The capitalised name words from `i` on, at most three, stopping at punctuation. */
function nameFrom(tokens: readonly Token[], i: number): string[] {
  const words: string[] = [];
  for (let j = i; j < tokens.length && words.length < 3; j++) {
    if (!isNameWord((tokens[j] as Token).word)) break;
    words.push((tokens[j] as Token).word);
    if (breaksAfter(tokens[j])) break;
  }
  return words;
}

/** The capitalised name words just before token `i` (at most two), joined to it by spaces only. */
function nameBefore(tokens: readonly Token[], i: number): { words: string[]; start: number } {
  const words: string[] = [];
  let j = i - 1;
  while (j >= 0 && words.length < 2 && !breaksAfter(tokens[j]) && isNameWord((tokens[j] as Token).word)) {
    words.unshift((tokens[j] as Token).word);
    j--;
  }
  return { words, start: tokens[j + 1]?.start ?? 0 };
}

/**
 * Reads an English article: people named with titles or appositions, and each verb of speech outside
 * quotation marks with the subject it introduces and the reported speech after it.
 */
export function readEnglish(
  paragraphs: readonly TextParagraph[],
  spansOf: (paragraph: string) => ReadonlyArray<{ start: number; end: number }>,
): Reading {
  const read = paragraphs.map((p) => ({ ...p, tokens: tokenize(p.text) }));
  // Capitalised words seen away from a sentence's start: those are names wherever they stand.
  const inner = new Map<string, number>();
  for (const { tokens } of read) {
    tokens.forEach((t, i) => {
      if (isNameWord(t.word) && !opensSentence(tokens, i)) inner.set(t.word, (inner.get(t.word) ?? 0) + 1);
    });
  }
  const titled: TitledName[] = [];
  for (const { id, text, tokens } of read) {
    tokens.forEach((token, i) => {
      if (!EN_TITLES.has(token.word) || breaksAfter(token) || EN_TITLES.has(tokens[i + 1]?.word ?? ""))
        return;
      const words = nameFrom(tokens, i + 1);
      if (words.length === 0) return;
      const gender = EN_TITLES.get(token.word);
      titled.push({
        name: words.join(" "),
        paragraph: id,
        titles: [token.word.toLowerCase()],
        ...(gender ? { gender } : {}),
      });
    });
    // `Salma Haddad, the head librarian,`: the noun before the apposition's end is a title for later cues.
    for (const match of text.matchAll(
      /(\p{Lu}[\p{Ll}'’-]+(?: \p{Lu}[\p{Ll}'’-]+){1,2}), (?:the|a|an) ((?:[\p{Ll}'’-]+ ){0,4}?[\p{Ll}'’-]+)(?=,| (?:of|at|from|for|in|who)\b)/gu,
    )) {
      const words = (match[1] ?? "").split(" ").filter(isNameWord);
      const title = (match[2] ?? "").split(" ").pop() ?? "";
      if (words.length > 1) titled.push({ name: words.join(" "), paragraph: id, titles: [title] });
    }
  }
  const surnames = new Set(titled.map((t) => t.name.split(" ").pop() ?? ""));
  const confirmed = (words: readonly string[]): boolean =>
    words.length > 1 || (inner.get(words[0] ?? "") ?? 0) >= 1 || surnames.has(words[0] ?? "");

  const cues: SpeechCue[] = [];
  for (const { id, text, tokens } of read) {
    const spans = spansOf(id);
    tokens.forEach((token, i) => {
      if (
        !EN_SPEECH_VERBS.has(token.word) ||
        spans.some((s) => token.start >= s.start && token.start < s.end)
      )
        return;
      let subject: Subject = { kind: "other" };
      let start = token.start;
      let end = i + 1;
      let gender: "m" | "f" | undefined;
      let fronted = false;
      const before = nameBefore(tokens, i);
      const prev = tokens[i - 1];
      const prevWord = prev !== undefined && !breaksAfter(prev) ? prev.word : "";
      const next = breaksAfter(token) ? undefined : tokens[i + 1];
      if (before.words.length > 0) {
        subject = confirmed(before.words) ? { kind: "name", name: before.words.join(" ") } : subject;
        start = before.start;
        fronted = true;
      } else if (EN_PRONOUN_GENDER.has(prevWord.toLowerCase())) {
        subject = { kind: "previous" };
        gender = EN_PRONOUN_GENDER.get(prevWord.toLowerCase());
        start = (prev as Token).start;
        fronted = true;
      } else if (prevWord !== "" && /^the$/i.test(tokens[i - 2]?.word ?? "") && /^\p{Ll}+$/u.test(prevWord)) {
        subject = { kind: "title", title: prevWord };
        start = (tokens[i - 2] as Token).start;
        fronted = true;
      } else if (next !== undefined) {
        let j = i + 1;
        while (EN_TITLES.has(tokens[j]?.word ?? "") && !breaksAfter(tokens[j])) j++;
        const words = nameFrom(tokens, j);
        if (words.length > 0 && confirmed(words)) {
          subject = { kind: "name", name: words.join(" ") };
          end = j + words.length;
        } else if (EN_PRONOUN_GENDER.has(next.word.toLowerCase())) {
          subject = { kind: "previous" };
          gender = EN_PRONOUN_GENDER.get(next.word.toLowerCase());
          end = i + 2;
        }
      }
      const reported = fronted ? reportedAfter(text, tokens, end) : undefined;
      cues.push({
        paragraph: id,
        start,
        end: (tokens[end - 1] as Token).end,
        subject,
        ...(gender ? { gender } : {}),
        ...(reported !== undefined ? { reported } : {}),
      });
    });
  }
  return { titled, cues };
}

/** `said (that) …`, `told reporters that …`: the rest of the sentence, when it quotes nothing. */
function reportedAfter(text: string, tokens: readonly Token[], from: number): string | undefined {
  if (breaksAfter(tokens[from - 1])) return undefined;
  let first = tokens[from];
  for (let k = from; k < Math.min(tokens.length, from + 4); k++) {
    if ((tokens[k] as Token).word === "that") {
      first = tokens[k + 1];
      break;
    }
    if (breaksAfter(tokens[k])) break;
  }
  if (first === undefined || first === tokens[from]) {
    if (first === undefined || !/^\p{Ll}/u.test(first.word) || EN_NOT_REPORTED.has(first.word))
      return undefined;
    if (!/^(?:said|says)$/.test((tokens[from - 1] as Token).word)) return undefined;
  }
  const rest = text.slice(first.start);
  const stop = rest.search(/[.!?]/u);
  const clause = (stop < 0 ? rest : rest.slice(0, stop)).replace(/[\s,:;]+$/u, "");
  return clause === "" || /["“”«»]/u.test(clause) ? undefined : clause;
}
