import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NearWords, oneEditApart } from "../../src/text/near-words.js";

/** The optimal-string-alignment distance, written the slow and obvious way, as the oracle. */
function osa(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  const d: number[][] = Array.from({ length: x.length + 1 }, (_, i) =>
    Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1])
        best = Math.min(best, at(i - 2, j - 2) + 1);
      const row = d[i];
      if (row) row[j] = best;
    }
  }
  return at(x.length, y.length);
}

describe("oneEditApart", () => {
  it.each([
    ["ترامب", "ترانب", "a substitution"],
    ["ترامب", "تراب", "a deletion"],
    ["ترامب", "تراامب", "an insertion"],
    ["بيسكوف", "بيكسوف", "a swap of neighbours"],
    ["trump", "trmp", "a Latin deletion"],
    ["trump", "rtump", "a swap at the start"],
    ["trump", "trupm", "a swap at the end"],
  ])("says %j and %j are one edit apart (%s)", (a, b) => {
    expect(oneEditApart(a, b)).toBe(true);
    expect(oneEditApart(b, a)).toBe(true);
  });

  it.each([
    ["trump", "trump"],
    ["trump", "trumpet"],
    ["abc", "cab"],
    ["trump", "turmp".replace("u", "x")],
    ["", "ab"],
  ])("says %j and %j are not one edit apart", (a, b) => {
    expect(oneEditApart(a, b)).toBe(false);
  });

  it("counts letters, not UTF-16 units", () => {
    expect(oneEditApart("a😀b", "ab")).toBe(true);
    expect(oneEditApart("a😀b", "a😃b")).toBe(true);
  });

  it("agrees with the textbook distance", () => {
    const word = fc.string({ unit: fc.constantFrom(..."abcت"), maxLength: 6 });
    fc.assert(
      fc.property(word, word, (a, b) => {
        expect(oneEditApart(a, b)).toBe(osa(a, b) === 1);
      }),
    );
  });
});

describe("NearWords", () => {
  const words = new NearWords(["ترامب", "بيسكوف", "trump", "tramp", "putin"]);

  it("finds every word one edit away, in indexing order", () => {
    expect(words.near("trmp")).toEqual(["trump", "tramp"]);
    expect(words.near("ترانب")).toEqual(["ترامب"]);
    expect(words.near("بيكسوف")).toEqual(["بيسكوف"]);
    expect(words.near("puttin")).toEqual(["putin"]);
  });

  it("does not return the word itself or words two edits away", () => {
    expect(words.near("trump")).toEqual(["tramp"]);
    expect(words.near("trumpet")).toEqual([]);
    expect(words.near("")).toEqual([]);
  });

  it("knows its own words", () => {
    expect(words.has("putin")).toBe(true);
    expect(words.has("putn")).toBe(false);
  });

  it("finds what a brute-force scan finds", () => {
    const word = fc.string({ unit: fc.constantFrom(..."abc"), minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(fc.uniqueArray(word, { maxLength: 12 }), word, (vocabulary, input) => {
        const expected = vocabulary.filter((candidate) => osa(candidate, input) === 1);
        expect(new NearWords(vocabulary).near(input)).toEqual(expected);
      }),
    );
  });

  it("turns down a word far longer than any of its own without making its deletions", () => {
    // Its 4,000 deletions of 3,999 letters each took about half a second; the length check takes microseconds.
    const long = "ب".repeat(4000);
    const arabic = new NearWords(["بوتين", "ترامب"]);
    const before = process.cpuUsage();
    expect(arabic.near(long)).toEqual([]);
    expect(arabic.near(`${long}x`)).toEqual([]);
    const spent = process.cpuUsage(before);
    expect((spent.user + spent.system) / 1000).toBeLessThan(50);
  });
});
