/**
 * What readers type, and what kind of answer each should get from the real story: a table for the text
 * library's test (typed-inputs.test.ts) and, later, for the bot-level typed-text test of issue 9, which
 * sends each input in both interface languages and checks the kind of screen that comes back.
 *
 * Kinds, in the order the bot tries them: `person` (the name index matches: one person, or an ambiguity
 * screen when `people` lists several), `search` (search hits), `suggestion` (nothing found, but a name or
 * a word of the story is one edit away: `suggests` is the person id or the story's word), `nothing`.
 *
 * The English role words (“president”, “Kremlin spokesman”, “teacher”) need the English role aliases of
 * {@link ROLE_ALIASES}, which issue 9 item 2 asks the story to carry.
 */

/** The kind of answer a typed input gets. */
export type AnswerKind = "person" | "search" | "suggestion" | "nothing";

/** One typed input and the answer it should get. */
export interface TypedInput {
  input: string;
  /** The script the reader types in. */
  script: "ar" | "en";
  kind: AnswerKind;
  /** For `person`: the people found, in the index's order (several: the ambiguity screen). */
  people?: readonly string[];
  /** For `suggestion`: the person id (a near name) or the story's word (a near word) offered. */
  suggests?: string;
  /** Why this input is in the table. */
  why: string;
}

/**
 * English role aliases the story's people should have (issue 9 item 2: role words work in English as in
 * Arabic). The story may not carry them yet; the test adds any that are missing.
 */
export const ROLE_ALIASES: Readonly<Record<string, readonly string[]>> = {
  putin: ["President Putin", "Russian president"],
  trump: ["President Trump", "US president"],
  peskov: ["Kremlin spokesman"],
  zelensky: ["President Zelensky"],
  fogel: ["American teacher", "teacher"],
};

const PRESIDENTS = ["putin", "trump", "zelensky"] as const;

function person(input: string, script: "ar" | "en", people: readonly string[], why: string): TypedInput {
  return { input, script, kind: "person", people, why };
}

function search(input: string, script: "ar" | "en", why: string): TypedInput {
  return { input, script, kind: "search", why };
}

function suggestion(input: string, script: "ar" | "en", suggests: string, why: string): TypedInput {
  return { input, script, kind: "suggestion", suggests, why };
}

function nothing(input: string, script: "ar" | "en", why: string): TypedInput {
  return { input, script, kind: "nothing", why };
}

/** The table: at least 60 inputs, in both scripts. */
export const TYPED_INPUTS: readonly TypedInput[] = [
  // Names in Arabic, with attached clitics and spelling variants.
  person("ترامب", "ar", ["trump"], "a name"),
  person("ترمب", "ar", ["trump"], "a spelling variant (alias)"),
  person("وترامب", "ar", ["trump"], "و attached"),
  person("لترامب", "ar", ["trump"], "ل attached"),
  person("بترامب", "ar", ["trump"], "ب attached"),
  person("فترامب", "ar", ["trump"], "ف attached"),
  person("كترامب", "ar", ["trump"], "ك attached"),
  person("وبترامب", "ar", ["trump"], "و + ب attached"),
  person("تْرَامْب،", "ar", ["trump"], "tashkeel and a trailing comma"),
  person("وبوتين", "ar", ["putin"], "و on a name starting with ب"),
  person("لبيسكوف", "ar", ["peskov"], "ل attached"),
  person("والتز", "ar", ["waltz"], "Waltz, which only looks like و + ال"),
  person("ووالتز", "ar", ["waltz"], "و attached to والتز"),
  person("مايكل والتز", "ar", ["waltz"], "a full name"),
  person("فوجل", "ar", ["fogel"], "the article's own spelling of Fogel"),
  person("فوقل", "ar", ["fogel"], "another transliteration of the hard g"),
  person("زيلينسكي", "ar", ["zelensky"], "a name"),
  person("الرئيس", "ar", PRESIDENTS, "a title shared by three presidents: ambiguity"),
  person("والرئيس", "ar", PRESIDENTS, "و + ال on the title"),
  person("بالرئيس", "ar", PRESIDENTS, "ب + ال on the title"),
  person("للرئيس", "ar", PRESIDENTS, "ل + ال on the title"),
  person("الرئيس الروسي", "ar", ["putin"], "a role of two words"),
  person("الناطق باسم الكرملين", "ar", ["peskov"], "a role of three words"),
  person("الكرملين", "ar", ["peskov"], "one word of a role"),
  // Names and role words in English.
  person("Trump", "en", ["trump"], "a name"),
  person("trump", "en", ["trump"], "lower case"),
  person("Donald Trump", "en", ["trump"], "a full name"),
  person("Trump's", "en", ["trump"], "a possessive"),
  person("Putin", "en", ["putin"], "a name"),
  person("Peskov", "en", ["peskov"], "a name"),
  person("Zelenskyy", "en", ["zelensky"], "a spelling variant"),
  person("Vinnik", "en", ["vinnik"], "a name"),
  person("Ratcliffe", "en", ["ratcliffe"], "a name"),
  person("Witkoff", "en", ["witkoff"], "a name"),
  person("president", "en", PRESIDENTS, "a role word shared by three: ambiguity"),
  person("PRESIDENT", "en", PRESIDENTS, "a role word in capitals"),
  person("Russian president", "en", ["putin"], "a role of two words"),
  person("Kremlin spokesman", "en", ["peskov"], "a role of two words"),
  person("Kremlin", "en", ["peskov"], "one word of a role"),
  person("spokesman", "en", ["peskov"], "one word of a role"),
  person("teacher", "en", ["fogel"], "a role word"),
  // Words and phrases of the article.
  search("تبادل السجناء", "ar", "a phrase"),
  search("والشرق الأوسط", "ar", "a phrase with و attached"),
  search("أوكرانيا", "ar", "a word"),
  search("الحرب العالمية الثانية", "ar", "a phrase"),
  search("البيت الأبيض", "ar", "a phrase"),
  search("بنسلفانيا", "ar", "a place"),
  search("محادثة هاتفية", "ar", "a phrase"),
  search("الذكاء الاصطناعي", "ar", "a phrase"),
  search("فبراير ٢٠٢٢", "ar", "Arabic-Indic digits"),
  search("ساعة ونصف", "ar", "ta marbuta and و attached"),
  search("prisoner exchange", "en", "a phrase"),
  search("Pennsylvania", "en", "a place"),
  search("the White House", "en", "a phrase with a stop word"),
  search("artificial intelligence", "en", "a phrase"),
  search("Middle East", "en", "a phrase"),
  search("Ukraine", "en", "a word"),
  search("World War II", "en", "a phrase"),
  search("2022", "en", "a year"),
  search("negotiations", "en", "a plural"),
  search("dollar", "en", "a word"),
  // Near misses: a name or a word one edit away.
  suggestion("ترانب", "ar", "trump", "a letter replaced in a name"),
  suggestion("وترانب", "ar", "trump", "a typo behind a clitic"),
  suggestion("بيكسوف", "ar", "peskov", "two letters swapped in a name"),
  suggestion("trmp", "en", "trump", "a letter dropped from a name"),
  suggestion("Psekov", "en", "peskov", "two letters swapped in a name"),
  suggestion("Zelinsky", "en", "zelensky", "a vowel replaced in a name"),
  suggestion("Pensylvnia", "en", "Pennsylvania", "a word of the article, misspelt"),
  suggestion("Ukriane", "en", "Ukraine", "two letters swapped in a word"),
  suggestion("negotiatons", "en", "negotiations", "a letter dropped from a word"),
  suggestion("بنسلفنيا", "ar", "بنسلفانيا", "a letter dropped from a word"),
  suggestion("اوكراينا", "ar", "أوكرانيا", "two letters swapped in a word"),
  // Nothing to find.
  nothing("😀", "en", "an emoji"),
  nothing("👍🏽", "ar", "an emoji with a skin tone"),
  nothing("؟؟؟", "ar", "punctuation only"),
  nothing("asdfghjkl", "en", "nonsense"),
  nothing("كخكخكخ", "ar", "nonsense"),
  nothing("Trumpet", "en", "two edits from a name"),
  nothing("Biden", "en", "someone the story does not name"),
  nothing("نتنياهو", "ar", "someone the story does not name"),
  nothing("Trump banana", "en", "a name with a word the story lacks"),
  nothing("xyz ".repeat(80), "en", "a long nonsense query (> 256 characters)"),
  nothing("مرحبا كيف حالك", "ar", "small talk"),
];
