/**
 * Reading an English article for its people and speakers. A person is a capitalised name after a title
 * (`Transport Minister Priya Shah`), before an apposition (`Salma Haddad, the head librarian,`), or the
 * subject of a verb of speech (`said Lopez`, `Tom Becker said`). A lone capitalised word counts only as
 * the surname of a fuller name, so `Officials said` names nobody, and institutions (`Northport Council`)
 * are nobody either.
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
  EN_INSTITUTIONS,
  EN_NOT_NAMES,
  EN_NOT_REPORTED,
  EN_PRONOUN_GENDER,
  EN_SPEECH_VERBS,
  EN_TITLES,
} from "./scaffold-words.js";

function isNameWord(word: string): boolean {
  return /^\p{Lu}[\p{Ll}'’-]+$/u.test(word) && !EN_NOT_NAMES.has(word) && !EN_TITLES.has(word);
}

/** A capitalised run that names an institution (`Northport Council`, `Ministry of Culture`), not a person. */
function isInstitution(words: readonly string[], before: string): boolean {
  return EN_INSTITUTIONS.has(words[words.length - 1] ?? "") || /^(?:of|the|for|and)$/i.test(before);
}

/**
 * The name before an apposition that ends just before token `i` (`Mona Youssef, a mother of three, said`):
 * the capitalised run before the comma that opens `, a …` / `, the …`.
 */
function nameBeforeApposition(
  tokens: readonly Token[],
  i: number,
): { words: string[]; start: number } | undefined {
  if (!/^,\s*$/.test(tokens[i - 1]?.after ?? "")) return undefined;
  for (let j = i - 2; j >= Math.max(0, i - 10); j--) {
    const token = tokens[j] as Token;
    if (!/^\s*,\s*$/.test(token.after) || !/^(?:a|an|the)$/.test(tokens[j + 1]?.word ?? "")) continue;
    const words: string[] = [];
    let k = j;
    while (
      k >= 0 &&
      words.length < 3 &&
      isNameWord((tokens[k] as Token).word) &&
      (k === j || !breaksAfter(tokens[k]))
    ) {
      words.unshift((tokens[k] as Token).word);
      k--;
    }
    return words.length > 1 ? { words, start: (tokens[k + 1] as Token).start } : undefined;
  }
  return undefined;
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
  // A lone capitalised word is a person only as the surname of a fuller name the text gives a title or
  // has speak (`Lopez added` after `said Councillor Maria Lopez`); `Officials said` names nobody.
  const surnames = new Set(titled.map((t) => t.name.split(" ").pop() ?? ""));
  for (const { tokens } of read) {
    tokens.forEach((token, i) => {
      if (!EN_SPEECH_VERBS.has(token.word)) return;
      let j = i + 1;
      while (EN_TITLES.has(tokens[j]?.word ?? "") && !breaksAfter(tokens[j])) j++;
      const runs = [nameBefore(tokens, i).words, breaksAfter(token) ? [] : nameFrom(tokens, j)];
      for (const run of runs)
        if (run.length > 1 && !isInstitution(run, "")) surnames.add(run[run.length - 1] ?? "");
    });
  }
  const confirmed = (words: readonly string[]): boolean => words.length > 1 || surnames.has(words[0] ?? "");

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
      const apposed = before.words.length === 0 ? nameBeforeApposition(tokens, i) : undefined;
      if (before.words.length > 0) {
        const preceding = tokens[i - before.words.length - 1]?.word ?? "";
        const person = confirmed(before.words) && !isInstitution(before.words, preceding);
        subject = person ? { kind: "name", name: before.words.join(" ") } : subject;
        start = before.start;
        fronted = true;
      } else if (apposed !== undefined) {
        subject = { kind: "name", name: apposed.words.join(" ") };
        start = apposed.start;
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
