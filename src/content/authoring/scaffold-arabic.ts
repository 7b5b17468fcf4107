/**
 * Reading an Arabic article for its people and speakers. A person is a name that follows a title
 * («وزيرة الثقافة هدى السعدي»), that an apposition describes («ألكسندر فينيك، وهو …»), or that is the
 * subject of a verb of speech («قالت سلمى الحداد»). A name is one word, or a first name with a surname,
 * which may carry the article («ليلى الخطيب»); a lone word stands for a person only when the text uses it
 * again or as the surname of a fuller name, so an ordinary word after a verb («أكد مسؤولان») names nobody.
 */
import { foldName } from "../../text/name-match.js";
import {
  breaksAfter,
  type Gender,
  type Reading,
  type SpeechCue,
  type Subject,
  type TextParagraph,
  type TitledName,
  type Token,
  tokenize,
} from "./scaffold-tokens.js";
import {
  AR_FEMININE_VERBS,
  AR_NOT_PEOPLE,
  AR_NOT_SURNAMES,
  AR_SAYING,
  AR_SPEECH_VERBS,
  AR_STOP,
  AR_THAT,
  AR_TITLES,
} from "./scaffold-words.js";

/** Prepositions that may join a title to its object («المشرف على الترميم»). */
const TITLE_PREPOSITIONS = new Set(["على", "عن", "في"]);

/** Conjunction and preposition prefixes a word may carry: وقال, فقال, لبوتين, بترامب. */
export function stripArPrefix(word: string): string {
  return "وفلب".includes(word.charAt(0)) && [...word].length > 3 ? word.slice(1) : word;
}

/** A surname as the key its spellings share (فوغل and فوجل fold alike). */
export function arKey(word: string): string {
  return foldName(word).join(" ");
}

function isDefinite(word: string): boolean {
  return /^(?:ال|وال|فال|بال|كال|لل)/u.test(word);
}

/** A word without its short vowels, shadda and tatweel («أكّد» → «أكد»), as the word lists write it. */
function plainLetters(word: string): string {
  return word.replace(/[\u064B-\u0652\u0640]/gu, "");
}

function isTitle(word: string): boolean {
  const plain = plainLetters(word);
  return AR_TITLES.has(plain) || AR_TITLES.has(stripArPrefix(plain));
}

/** A title's head without prefix or article: «والمديرة» → «مديرة», so «المديرة» finds «مديرة المحطة». */
function titleHead(word: string): string {
  const plain = plainLetters(word);
  return (AR_TITLES.has(plain) ? plain : stripArPrefix(plain)).replace(/^ال/u, "");
}

/** The gender of a verb of speech («قالت» → f), or undefined when the word is not one. */
function speechVerb(word: string): Gender | undefined {
  const plain = plainLetters(word);
  for (const form of new Set([plain, stripArPrefix(plain)])) {
    if (AR_SPEECH_VERBS.has(form)) return "m";
    if (AR_FEMININE_VERBS.has(form)) return "f";
    if (form.endsWith("ت") && AR_SPEECH_VERBS.has(form.slice(0, -1))) return "f";
  }
  return undefined;
}

/** Could this word be a first name or an undefined surname? */
function isNameWord(word: string): boolean {
  if (!/^\p{Script=Arabic}+$/u.test(word) || [...word].length < 2) return false;
  if (isDefinite(word) || isTitle(word) || speechVerb(word) !== undefined) return false;
  if (AR_STOP.has(word) || AR_SAYING.has(word) || AR_NOT_PEOPLE.has(word) || AR_THAT.has(word)) return false;
  // Adverbs with tanween (مراراً) and tenth-form verbs (استغرق) are never names.
  // A preposition on a hamza word (لإبلاغه) is never a name either.
  return !/(?:اً|ًا)$/u.test(word) && !/^و?است/u.test(word) && !/^[لب][أإ]/u.test(word);
}

/** A noun that may stand in construct after a bare title («جمعية» in «رئيس جمعية سكان الحي»). */
function isConstructNoun(word: string): boolean {
  return (
    /^\p{Script=Arabic}+$/u.test(word) &&
    !isDefinite(word) &&
    !AR_STOP.has(word) &&
    speechVerb(word) === undefined
  );
}

/** Could this word be a surname with the article («الخطيب»)? */
function isAlSurname(word: string): boolean {
  return (
    word.startsWith("ال") &&
    [...word].length >= 5 &&
    !isTitle(word) &&
    !AR_NOT_SURNAMES.has(word) &&
    !AR_STOP.has(word)
  );
}

/** How the finder reads one article: the words of every paragraph and how often each occurs. */
class ArabicText {
  readonly paragraphs: Array<{ id: string; text: string; tokens: Token[] }>;
  readonly #counts = new Map<string, number>();
  /** Folded surnames with the article seen after a first name («ليلى الخطيب»). */
  readonly alSurnames = new Set<string>();

  constructor(paragraphs: readonly TextParagraph[]) {
    this.paragraphs = paragraphs.map((p) => ({ ...p, tokens: tokenize(p.text) }));
    for (const { tokens } of this.paragraphs) {
      for (const { word } of tokens) {
        for (const form of new Set([word, stripArPrefix(word)])) {
          this.#counts.set(form, (this.#counts.get(form) ?? 0) + 1);
        }
      }
    }
  }

  /** Whether the text uses a word (with or without a prefix) more than once. */
  recurs(word: string): boolean {
    return (this.#counts.get(word) ?? 0) >= 2;
  }

  /**
   * The end (exclusive) of a title phrase at `i`: construct nouns after a bare title («رئيس جمعية سكان
   * الحي»), then modifiers with the article, «باسم» and further titles. -1 when a bare title has no
   * complement («رئيس أميركي»), which names nobody.
   */
  titleEnd(tokens: readonly Token[], i: number): number {
    let j = i + 1;
    if (!isDefinite(stripArPrefix(tokens[i]?.word ?? ""))) {
      let k = j;
      while (k < j + 3 && !breaksAfter(tokens[k - 1]) && isConstructNoun(tokens[k]?.word ?? "")) k++;
      // «رئيس بلدية نابلس سمير العلي»: a known surname ends the name, not the complement.
      if (
        k > j + 1 &&
        this.alSurnames.has(arKey(tokens[k]?.word ?? "")) &&
        isNameWord(tokens[k - 1]?.word ?? "")
      ) {
        k--;
        j = k;
      } else if (breaksAfter(tokens[k - 1]) || !isDefinite(tokens[k]?.word ?? "")) {
        if (!isTitle(tokens[j]?.word ?? "") && !isDefinite(tokens[j]?.word ?? "")) return -1;
      } else j = k;
    }
    while (j < tokens.length && !breaksAfter(tokens[j - 1])) {
      const word = (tokens[j] as Token).word;
      const surname = this.alSurnames.has(arKey(word)) && !isDefinite(tokens[j + 1]?.word ?? "");
      // «المشرف على الترميم», «المسؤول عن الملف»: a preposition and its definite object stay in the title.
      const object =
        TITLE_PREPOSITIONS.has(word) && !breaksAfter(tokens[j]) && isDefinite(tokens[j + 1]?.word ?? "");
      if (object) {
        j += 2;
        continue;
      }
      if (surname || !(isDefinite(word) || isTitle(word) || word === "باسم")) break;
      j++;
    }
    return j;
  }

  /** The name starting at token `j` (one to three words), if one does. */
  nameAt(tokens: readonly Token[], j: number): { words: string[]; end: number } | undefined {
    const first = tokens[j];
    if (first === undefined) return undefined;
    if (!isNameWord(first.word)) {
      return isAlSurname(first.word) && this.alSurnames.has(arKey(first.word))
        ? { words: [first.word], end: j + 1 }
        : undefined;
    }
    const second = breaksAfter(first) ? undefined : tokens[j + 1];
    if (second !== undefined && isAlSurname(second.word))
      return { words: [first.word, second.word], end: j + 2 };
    // A surname may look like و + article (والتز, Waltz): taken when punctuation closes the name.
    if (second?.word.startsWith("وال") && breaksAfter(second)) {
      return { words: [first.word, second.word], end: j + 2 };
    }
    if (second === undefined || !isNameWord(second.word)) return { words: [first.word], end: j + 1 };
    const next = breaksAfter(second) ? undefined : tokens[j + 2];
    const closes = next === undefined || !isNameWord(next.word);
    if (this.recurs(second.word) || (closes && !this.recurs(first.word))) {
      if (next !== undefined && isAlSurname(next.word)) {
        return { words: [first.word, second.word, next.word], end: j + 3 };
      }
      return { words: [first.word, second.word], end: j + 2 };
    }
    return { words: [first.word], end: j + 1 };
  }

  /** Names after titles and before «، وهو»; run twice so a surname learnt from one helps the others. */
  titled(): TitledName[] {
    let found: TitledName[] = [];
    for (let round = 0; round < 2; round++) {
      found = [];
      for (const { id, tokens } of this.paragraphs) {
        for (let i = 0; i < tokens.length; i++) {
          if (!isTitle((tokens[i] as Token).word)) continue;
          const end = this.titleEnd(tokens, i);
          if (end < 0 || breaksAfter(tokens[end - 1])) continue;
          const name = this.nameAt(tokens, end);
          if (name === undefined) continue;
          const heads = tokens.slice(i, end).flatMap((t) => (isTitle(t.word) ? [titleHead(t.word)] : []));
          const feminine = heads.some((h) => h.endsWith("ة"));
          found.push({
            name: name.words.join(" "),
            paragraph: id,
            titles: heads,
            ...(feminine ? { gender: "f" as const } : {}),
          });
          this.#learn(name.words);
          i = name.end - 1;
        }
        tokens.forEach((token, i) => {
          const first = tokens[i - 1];
          const pronoun = tokens[i + 1]?.word ?? "";
          if (first === undefined || !/^\s*[،,]\s*$/u.test(token.after) || !/^وه[وي]$/u.test(pronoun)) return;
          if (breaksAfter(first) || !isNameWord(first.word)) return;
          if (!isNameWord(token.word) && !isAlSurname(token.word)) return;
          if (isTitle(tokens[i - 2]?.word ?? "") && !breaksAfter(tokens[i - 2])) return;
          found.push({
            name: `${first.word} ${token.word}`,
            paragraph: id,
            titles: [],
            gender: pronoun === "وهي" ? "f" : "m",
          });
        });
      }
    }
    return found;
  }

  /** Records the surname of a full name so that it is read as a name wherever it stands alone. */
  #learn(words: readonly string[]): void {
    const last = words[words.length - 1] ?? "";
    if (words.length > 1 && isAlSurname(last)) this.alSurnames.add(arKey(last));
  }

  /**
   * Learns the surnames that speech verbs introduce with a first name («قالت سلمى الحداد»), and those a
   * verb introduces alone («وأوضح العلي») that also follow a first name near a title («رئيس بلدية نابلس
   * سمير العلي»), where the title's complement would otherwise swallow them.
   */
  learnFromVerbs(): void {
    const alone = new Set<string>();
    for (const { tokens } of this.paragraphs) {
      tokens.forEach((token, i) => {
        if (speechVerb(token.word) === undefined || breaksAfter(token)) return;
        const name = this.nameAt(tokens, i + 1);
        if (name !== undefined) this.#learn(name.words);
        const next = tokens[i + 1]?.word ?? "";
        if (isAlSurname(next)) alone.add(arKey(next));
      });
    }
    for (const { tokens } of this.paragraphs) {
      tokens.forEach((token, i) => {
        const first = tokens[i - 1];
        if (!alone.has(arKey(token.word)) || first === undefined || breaksAfter(first)) return;
        if (!isNameWord(first.word)) return;
        const near = tokens.slice(Math.max(0, i - 6), i - 1);
        if (near.some((t, k) => isTitle(t.word) && near.slice(k).every((u) => !breaksAfter(u)))) {
          this.alSurnames.add(arKey(token.word));
        }
      });
    }
  }
}

/** The span of the paragraph's quoted spans, to leave verbs inside quotations alone. */
function insideSpans(spans: ReadonlyArray<{ start: number; end: number }>, at: number): boolean {
  return spans.some((s) => at >= s.start && at < s.end);
}

/**
 * Reads an Arabic article: the people named with titles, and each verb of speech outside quotation marks
 * with the subject it introduces and the reported speech that follows «إن/أن».
 */
export function readArabic(
  paragraphs: readonly TextParagraph[],
  spansOf: (paragraph: string) => ReadonlyArray<{ start: number; end: number }>,
): Reading {
  const text = new ArabicText(paragraphs);
  text.learnFromVerbs();
  const titled = text.titled();
  // A lone word after a verb is a name when the text confirms it: repeated, or a known surname.
  const surnames = new Set(titled.map((t) => arKey(t.name.split(" ").pop() ?? "")));
  const cues: SpeechCue[] = [];
  for (const { id, text: body, tokens } of text.paragraphs) {
    const spans = spansOf(id);
    tokens.forEach((token, i) => {
      const gender = speechVerb(token.word);
      if (gender === undefined || insideSpans(spans, token.start)) return;
      let start = token.start;
      let end = i + 1;
      let subject: Subject;
      const next = tokens[i + 1];
      const before = tokens[i - 1];
      const fronted =
        before !== undefined &&
        !breaksAfter(before) &&
        surnames.has(arKey(before.word)) &&
        (token.word.startsWith("ف") || breaksAfter(token));
      if (fronted) {
        // «أما رئيس الجمعية يوسف منصور فقال:»: the subject stands before the verb.
        const first = tokens[i - 2];
        const two = first !== undefined && !breaksAfter(first) && isNameWord(first.word);
        subject = { kind: "name", name: two ? `${first.word} ${before.word}` : before.word };
        start = (two ? (first as Token) : before).start;
      } else if (breaksAfter(token) || next === undefined || AR_SAYING.has(next.word)) {
        subject = { kind: "previous" };
        if (next !== undefined && AR_SAYING.has(next.word)) end = i + 2;
      } else if (isTitle(next.word)) {
        const titleEnd = text.titleEnd(tokens, i + 1);
        const name =
          titleEnd > 0 && !breaksAfter(tokens[titleEnd - 1]) ? text.nameAt(tokens, titleEnd) : undefined;
        if (name !== undefined) {
          subject = { kind: "name", name: name.words.join(" ") };
          end = name.end;
        } else {
          subject = { kind: "title", title: titleHead(next.word) };
          end = titleEnd > 0 ? titleEnd : i + 2;
        }
      } else {
        const name = text.nameAt(tokens, i + 1);
        const lone = name?.words.length === 1 ? (name.words[0] as string) : undefined;
        if (name !== undefined && (lone === undefined || text.recurs(lone) || surnames.has(arKey(lone)))) {
          subject = { kind: "name", name: name.words.join(" ") };
          end = name.end;
        } else if (
          isDefinite(next.word) &&
          !breaksAfter(next) &&
          (text.nameAt(tokens, i + 2)?.words.length ?? 0) > 1
        ) {
          // «قال المواطن أحمد يوسف»: a role the title list does not know, then a full name.
          const full = text.nameAt(tokens, i + 2) as { words: string[]; end: number };
          subject = { kind: "name", name: full.words.join(" ") };
          end = full.end;
        } else if (isAlSurname(next.word)) {
          subject = { kind: "surname", word: next.word };
          end = i + 2;
        } else {
          subject = { kind: "other" };
          end = name?.end ?? i + 2;
        }
      }
      const reported = reportedAfter(body, tokens, end);
      cues.push({
        paragraph: id,
        start,
        end: (tokens[end - 1] as Token).end,
        subject,
        gender,
        ...(reported !== undefined ? { reported } : {}),
      });
    });
  }
  return { titled, cues };
}

/**
 * The reported speech after an attribution ending at token `from`: the rest of the sentence after «إن»
 * or «أن» (within a few words, as in «أكد مسؤولان، اليوم، أنه …» or «أشار إلى أن»), when it holds no
 * quotation mark (quoted words are drafted as quotes instead).
 */
function reportedAfter(text: string, tokens: readonly Token[], from: number): string | undefined {
  for (let k = from; k < Math.min(tokens.length, from + 6); k++) {
    if (/[.!?؟؛:"«“]/u.test(tokens[k - 1]?.after ?? "")) return undefined;
    if (!AR_THAT.has(plainLetters((tokens[k] as Token).word))) continue;
    const first = tokens[k + 1];
    if (first === undefined) return undefined;
    const rest = text.slice(first.start);
    const stop = rest.search(/[.!?؟؛]/u);
    const clause = (stop < 0 ? rest : rest.slice(0, stop)).replace(/[\s،,:]+$/u, "");
    if (clause === "" || /["«»“”]/u.test(clause)) return undefined;
    return clause;
  }
  return undefined;
}
