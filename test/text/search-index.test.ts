import { describe, expect, it } from "vitest";
import {
  buildSearchIndex,
  MAX_QUERY_LENGTH,
  type Passage,
  type SearchHit,
} from "../../src/text/search-index.js";
import { storyPassages } from "./fixtures/story-text.js";

const passages = storyPassages();
const index = buildSearchIndex(passages);

function passageOf(hit: SearchHit): Passage {
  const found = passages.find((p) => p.id === hit.id && p.kind === hit.kind && p.lang === hit.lang);
  if (found === undefined) throw new Error(`no passage ${hit.kind}/${hit.id}/${hit.lang}`);
  return found;
}

/** What each hit bolds, as the passage writes it. */
function bolded(hits: readonly SearchHit[]): string[][] {
  return hits.map((hit) => hit.ranges.map((range) => passageOf(hit).text.slice(range.start, range.end)));
}

function ids(hits: readonly SearchHit[]): string[] {
  return hits.map((hit) => `${hit.kind}/${hit.id}`);
}

describe("the story's passages", () => {
  it("are read from the real story, in both languages", () => {
    expect(passages.filter((p) => p.kind === "paragraph" && p.lang === "ar").length).toBeGreaterThanOrEqual(
      14,
    );
    expect(passages.filter((p) => p.kind === "paragraph" && p.lang === "en").length).toBeGreaterThanOrEqual(
      14,
    );
    expect(passages.some((p) => p.kind === "quote")).toBe(true);
    expect(passages.some((p) => p.kind === "summary")).toBe(true);
    expect(passages.some((p) => p.kind === "fact")).toBe(true);
  });
});

describe("SearchIndex.search on the real story", () => {
  it("finds «الكرملين» where the article names the Kremlin, bolding the word", () => {
    const hits = index.search("الكرملين", { kinds: ["paragraph"] });
    expect(ids(hits)).toEqual(["paragraph/call-1", "paragraph/exchange-3"]);
    for (const words of bolded(hits)) expect(words).toEqual(["الكرملين"]);
  });

  it("finds the phrase «تبادل السجناء» and ranks the passages with it together first", () => {
    const hits = index.search("تبادل السجناء", { lang: "ar" });
    const [first] = hits;
    expect(first?.phrase).toBe(true);
    expect(hits.some((hit) => hit.id === "exchange-3" && hit.phrase)).toBe(true);
    // «صفقة تبادل للسجناء»: the preposition on السجناء does not break the phrase.
    expect(hits.some((hit) => hit.id === "exchange-1" && hit.phrase)).toBe(true);
    const phrased = hits.filter((hit) => hit.phrase);
    expect(hits.slice(0, phrased.length)).toEqual(phrased);
    for (const words of bolded(phrased)) {
      expect(words.some((word) => ["تبادل السجناء", "تبادل للسجناء"].includes(word))).toBe(true);
    }
  });

  it("finds «والشرق الأوسط» through the attached و, and «الشرق» alone", () => {
    for (const query of ["والشرق الأوسط", "الشرق الاوسط", "شرق", "وبالشرق"]) {
      const hits = index.search(query, { kinds: ["paragraph"] });
      expect(ids(hits), query).toEqual(["paragraph/statement-1"]);
    }
    expect(bolded(index.search("والشرق الأوسط", { kinds: ["paragraph"] }))).toEqual([["والشرق الأوسط"]]);
  });

  it("finds “prisoner exchange” in English, as a phrase, in any case or number", () => {
    for (const query of [
      "prisoner exchange",
      "Prisoner Exchange",
      "prisoners exchanges",
      "PRISONER'S EXCHANGE",
    ]) {
      const hits = index.search(query, { lang: "en", kinds: ["paragraph"] });
      expect(ids(hits), query).toEqual(["paragraph/exchange-1", "paragraph/exchange-3"]);
      expect(hits.every((hit) => hit.phrase)).toBe(true);
      expect(bolded(hits)).toEqual([["prisoner exchange"], ["prisoner exchange"]]);
    }
  });

  it("finds Pennsylvania in both languages", () => {
    expect(ids(index.search("Pennsylvania", { kinds: ["paragraph"] }))).toEqual(["paragraph/exchange-1"]);
    expect(bolded(index.search("pennsylvania", { kinds: ["paragraph"] }))).toEqual([["Pennsylvania"]]);
    expect(ids(index.search("بنسلفانيا", { kinds: ["paragraph"] }))).toEqual(["paragraph/exchange-1"]);
  });

  it("finds Zelensky however the reader spells him", () => {
    for (const query of ["Zelenskyy", "Zelensky", "zelenskiy", "زيلينسكي", "بالرئيس زيلينسكي"]) {
      expect(ids(index.search(query, { kinds: ["paragraph"] })), query).toEqual(["paragraph/statement-4"]);
    }
  });

  it("needs every word of the query in the same passage", () => {
    expect(ids(index.search("Pennsylvania Zelensky"))).toEqual([]);
    expect(ids(index.search("Fogel Pennsylvania", { kinds: ["paragraph"] }))).toEqual([
      "paragraph/exchange-1",
    ]);
  });

  it("does not require stop words, but uses them for phrases", () => {
    const hits = index.search("the White House", { lang: "en", kinds: ["paragraph"] });
    expect(ids(hits)).toEqual(["paragraph/statement-7"]);
    expect(hits[0]?.phrase).toBe(true);
    expect(bolded(hits)).toEqual([["the White House"]]);
    expect(ids(index.search("what did Pennsylvania", { kinds: ["paragraph"] }))).toEqual([
      "paragraph/exchange-1",
    ]);
  });

  it("bolds every occurrence, with ranges in order that slice back to the matched words", () => {
    for (const query of ["Putin", "بوتين", "Trump Putin", "محادثة هاتفية", "the war", "2022", "٢٠٢٢"]) {
      const hits = index.search(query);
      expect(hits.length, query).toBeGreaterThan(0);
      for (const hit of hits) {
        const text = passageOf(hit).text;
        let previousEnd = 0;
        for (const range of hit.ranges) {
          expect(range.start).toBeGreaterThanOrEqual(previousEnd);
          expect(range.end).toBeGreaterThan(range.start);
          expect(range.end).toBeLessThanOrEqual(text.length);
          previousEnd = range.end;
          // A range starts and ends on a letter or digit: never mid-word, never on a space or a mark.
          expect(text.slice(range.start, range.start + 1)).toMatch(/[\p{L}\p{N}]/u);
          expect(text.slice(range.end - 1, range.end)).toMatch(/[\p{L}\p{N}]/u);
          expect(text.slice(range.end, range.end + 1)).not.toMatch(/[\p{L}\p{N}]/u);
        }
      }
    }
  });

  it("matches Arabic-Indic digits and alef, ta marbuta and alef maqsura spellings", () => {
    expect(ids(index.search("فبراير ٢٠٢٢", { kinds: ["paragraph"] }))).toEqual(["paragraph/background-1"]);
    expect(ids(index.search("إيجابيه جداً", { kinds: ["paragraph"] }))).toEqual(["paragraph/call-2"]);
    expect(ids(index.search("الى خاتمه ناجحه", { kinds: ["paragraph"] }))).toEqual(["paragraph/statement-7"]);
    expect(
      ids(index.search("\u200Fمُحَادَثَـــة\u200F هاتفية", { kinds: ["paragraph"], lang: "ar" })).length,
    ).toBe(3);
  });

  it("ranks a passage with the words close together before one with them far apart", () => {
    const hits = index.search("Putin Trump", { lang: "en", kinds: ["paragraph"] });
    expect(hits.length).toBeGreaterThan(2);
    // call-1 has “Vladimir Putin held a phone conversation with US President Donald Trump”; statement-7
    // names only Putin and is not a hit at all.
    expect(ids(hits)).not.toContain("paragraph/statement-7");
    expect(ids(hits)).toContain("paragraph/call-1");
  });

  it("ranks phrases first, then the closest words, then more matches, then passage order", () => {
    const ranked = buildSearchIndex([
      { id: "far", kind: "p", lang: "en", text: "Putin spoke at length and only later did Trump answer" },
      { id: "near", kind: "p", lang: "en", text: "Putin said Trump was right" },
      { id: "reversed", kind: "p", lang: "en", text: "Trump Putin" },
      { id: "phrase", kind: "p", lang: "en", text: "They met: Putin Trump, at last" },
      { id: "near-more", kind: "p", lang: "en", text: "Putin said Trump, Trump said Putin" },
      { id: "near-again", kind: "p", lang: "en", text: "Putin says Trump did" },
    ]);
    expect(ids(ranked.search("Putin Trump"))).toEqual([
      "p/phrase",
      "p/reversed",
      "p/near-more",
      "p/near",
      "p/near-again",
      "p/far",
    ]);
  });

  it("filters by language and kind, and limits the hits", () => {
    expect(index.search("Putin", { lang: "ar" })).toEqual([]);
    expect(index.search("بوتين", { lang: "en" })).toEqual([]);
    const quotes = index.search("Putin", { kinds: ["quote"] });
    expect(quotes.length).toBeGreaterThan(0);
    expect(quotes.every((hit) => hit.kind === "quote")).toBe(true);
    expect(index.search("Putin", { limit: 2 })).toHaveLength(2);
    expect(index.search("Putin", { limit: 0 })).toEqual([]);
    expect(index.search("Putin", { limit: 2 })).toEqual(index.search("Putin").slice(0, 2));
  });

  it.each([
    "",
    "   ",
    "😀",
    "👍🏽🇷🇺",
    "؟؟؟",
    "...",
    "\u200F\u200E",
    "ـــ",
    "asdfghjkl",
    "كخكخكخ",
    "Trump banana",
    "\uD83D",
    "<b>Putin</b>".replace("Putin", "qqq"),
  ])("finds nothing for %j, without throwing", (query) => {
    expect(index.search(query)).toEqual([]);
  });

  it("bounds a very long query: only its first 256 characters count", () => {
    const pasted = passages.find((p) => p.id === "statement-2" && p.lang === "en" && p.kind === "paragraph");
    expect(pasted?.text.length).toBeGreaterThan(MAX_QUERY_LENGTH);
    const hits = index.search(pasted?.text ?? "");
    expect(ids(hits)).toContain("paragraph/statement-2");
    // The word cut in half at character 256 is not searched for as a word.
    const cutMidWord = `${"Putin ".repeat(42)}Pennsylvania`;
    expect(cutMidWord.length).toBeGreaterThan(MAX_QUERY_LENGTH);
    expect(ids(index.search(cutMidWord, { kinds: ["paragraph"] }))).toContain("paragraph/call-1");
    const huge = `Putin ${"x".repeat(100_000)}`;
    expect(ids(index.search(huge, { kinds: ["paragraph"] }))).toContain("paragraph/call-1");
    expect(index.search("😀".repeat(10_000))).toEqual([]);
  });
});

describe("SearchIndex.suggest on the real story", () => {
  it.each([
    ["الكرملن", "الكرملين"],
    ["والكرملن", "الكرملين"],
    ["بنسلفنيا", "بنسلفانيا"],
    ["Pensylvnia", "Pennsylvania"],
    ["Zelinsky", "Zelensky"],
    ["Kremiln", "Kremlin"],
    ["prisonr", "prisoner"],
    ["Ukriane", "Ukraine"],
    ["اوكراينا", "أوكرانيا"],
  ])("offers the story's word for %j: %j", (typed, word) => {
    expect(index.suggest(typed)).toEqual({ text: word, distance: 1 });
  });

  it("offers nothing when every word is the story's, even if they are not found together", () => {
    expect(index.suggest("Kremlin")).toBeUndefined();
    expect(index.suggest("للكرملين")).toBeUndefined();
    expect(index.suggest("Pennsylvania Zelensky")).toBeUndefined();
    // A doubled letter folds away, so this is no edit at all.
    expect(index.suggest("Pennsylvannia")).toBeUndefined();
    expect(index.search("Pennsylvannia")).not.toEqual([]);
  });

  it("corrects each misspelt word of a longer query, keeping the rest as typed", () => {
    expect(index.suggest("prisonr exchange")).toEqual({ text: "prisoner exchange", distance: 1 });
    expect(index.suggest("prisonr exchnge")).toEqual({ text: "prisoner exchange", distance: 2 });
    expect(index.suggest("«تبادل السجنا»")).toEqual({ text: "«تبادل السجناء»", distance: 1 });
    expect(index.suggest("the Whte House?")).toEqual({ text: "the White House?", distance: 1 });
    const long = `${"Kremlin ".repeat(40)}Pensylvnia`;
    expect(long.length).toBeGreaterThan(256);
    expect(index.suggest(long)).toBeUndefined();
  });

  it("offers nothing when a correction would still find nothing, or a word has no near neighbour", () => {
    expect(index.suggest("Pensylvnia Zelensky")).toBeUndefined();
    expect(index.suggest("prisonr banana")).toBeUndefined();
    expect(index.suggest("prisonr xx")).toBeUndefined();
  });

  it("finds the hits of what it suggests", () => {
    for (const typed of ["Pensylvnia", "الكرملن", "prisonr exchnge", "اوكراينا"]) {
      const suggestion = index.suggest(typed);
      expect(suggestion, typed).toBeDefined();
      expect(index.search(suggestion?.text ?? "")).not.toEqual([]);
    }
  });

  it.each([
    "",
    "😀",
    "xqzv",
    "Kremlinnnski",
    "Penn",
    "war",
    "حرب",
    "Putin Trump",
    "asdfghjkl",
    "كخكخكخ",
    "Trumpet",
  ])("offers nothing for %j", (typed) => {
    expect(index.suggest(typed)).toBeUndefined();
  });
});

describe("buildSearchIndex", () => {
  it("copes with no passages and with passages without words", () => {
    expect(buildSearchIndex([]).search("Putin")).toEqual([]);
    expect(buildSearchIndex([]).suggest("Putin")).toBeUndefined();
    expect(buildSearchIndex([]).suggest("Putn")).toBeUndefined();
    const blank = buildSearchIndex([{ id: "x", kind: "paragraph", lang: "en", text: "… 😀 «»" }]);
    expect(blank.search("Putin")).toEqual([]);
  });

  it("does not change when the passages passed in change later", () => {
    const given: Passage[] = [{ id: "a", kind: "paragraph", lang: "en", text: "Putin spoke" }];
    const built = buildSearchIndex(given);
    const first = given[0];
    if (first) first.text = "Trump spoke";
    given.push({ id: "b", kind: "paragraph", lang: "en", text: "Trump spoke" });
    expect(ids(built.search("Putin"))).toEqual(["paragraph/a"]);
    expect(built.search("Trump")).toEqual([]);
  });

  it("gives UTF-16 ranges past emoji and astral characters", () => {
    const text = "😀😀 𝒜 Peskov’s call 😀 peskov";
    const built = buildSearchIndex([{ id: "a", kind: "paragraph", lang: "en", text }]);
    const [hit] = built.search("Peskov");
    expect(hit?.ranges.map((r) => text.slice(r.start, r.end))).toEqual(["Peskov’s", "peskov"]);
  });

  it("keeps a word with invisible marks or tatweel inside as one word, and bolds it whole", () => {
    const text = "قال ترا\u200Fمب إن بوتـــين وافق";
    const built = buildSearchIndex([{ id: "a", kind: "paragraph", lang: "ar", text }]);
    const [hit] = built.search("ترامب بوتين");
    expect(hit?.ranges.map((r) => text.slice(r.start, r.end))).toEqual(["ترا\u200Fمب", "بوتـــين"]);
  });
});
