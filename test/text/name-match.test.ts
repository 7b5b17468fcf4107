import { describe, expect, it } from "vitest";
import { foldName, type NamedEntry, NameIndex } from "../../src/text/name-match.js";

const people: NamedEntry[] = [
  { id: "trump", names: ["دونالد ترامب", "Donald Trump", "ترامب", "ترمب", "Trump"] },
  { id: "putin", names: ["فلاديمير بوتين", "Vladimir Putin", "بوتين", "بوتن", "Putin"] },
  { id: "peskov", names: ["دميتري بيسكوف", "Dmitry Peskov", "بيسكوف", "بسكوف", "Peskov", "Dmitri Peskov"] },
  { id: "fogel", names: ["مارك فوغل", "Marc Fogel", "فوغل", "فوجل", "مارك فوجل", "Fogel"] },
  { id: "rubio", names: ["ماركو روبيو", "Marco Rubio", "روبيو", "Rubio"] },
  { id: "waltz", names: ["مايكل والتز", "Michael Waltz", "والتز", "Waltz", "Mike Waltz"] },
  { id: "vinnik", names: ["ألكسندر فينيك", "Alexander Vinnik", "فينيك", "Vinnik"] },
  { id: "zelensky", names: ["زيلينسكي", "Zelensky", "زيلنسكي", "Zelenskyy"] },
];

const index = new NameIndex(people);

function exactly(id: string) {
  return [{ id, exact: true }];
}

function partly(id: string) {
  return [{ id, exact: false }];
}

describe("foldName", () => {
  it("folds every spelling of the hard g to one letter", () => {
    const folded = foldName("فوغل");
    expect(folded).toHaveLength(1);
    for (const spelling of ["فوجل", "فوقل", "فوكل", "فوگل"]) expect(foldName(spelling)).toEqual(folded);
  });

  it("folds ڤ to ف and پ to ب", () => {
    expect(foldName("ڤلاديمير")).toEqual(foldName("فلاديمير"));
    expect(foldName("پوتين")).toEqual(foldName("بوتين"));
  });

  it("normalises before folding", () => {
    expect(foldName("  \u200Fفُوغـــل، ")).toEqual(foldName("فوغل"));
    expect(foldName("  TRUMP ")).toEqual(["trump"]);
  });

  it("splits into tokens", () => {
    expect(foldName("Donald Trump")).toEqual(["donald", "trump"]);
    expect(foldName("دونالد ترامب")).toEqual(["دونالد", "ترامب"]);
  });

  it("loosens doubled Latin letters and a final y", () => {
    expect(foldName("Zelenskyy")).toEqual(foldName("Zelensky"));
    expect(foldName("Zelenskiy")).toEqual(foldName("Zelensky"));
    expect(foldName("Dmitry")).toEqual(foldName("Dmitri"));
  });

  it("leaves the article on: matching decides whether to strip it", () => {
    expect(foldName("الترامب")).toEqual(["الترامب"]);
    expect(foldName("والتز")).toEqual(["والتز"]);
  });

  it("drops tokens shorter than two letters", () => {
    expect(foldName("Donald J. Trump")).toEqual(["donald", "trump"]);
    expect(foldName("و ترامب")).toEqual(["ترامب"]);
    expect(foldName("J")).toEqual([]);
  });

  it("gives no tokens for blank or punctuation-only input", () => {
    expect(foldName("")).toEqual([]);
    expect(foldName("   ")).toEqual([]);
    expect(foldName("؟")).toEqual([]);
    expect(foldName("« » ، ...")).toEqual([]);
  });
});

describe("NameIndex.match", () => {
  describe("Trump", () => {
    it.each([
      "ترامب",
      "ترمب",
      "تْرَامْب",
      "ترامـــب",
      "Trump",
      "TRUMP",
      "  trump ",
      "دونالد ترامب",
      "Donald Trump",
    ])("finds %j exactly", (input) => {
      expect(index.match(input)).toEqual(exactly("trump"));
    });

    it("finds him by first name alone, partially", () => {
      expect(index.match("دونالد")).toEqual(partly("trump"));
      expect(index.match("Donald")).toEqual(partly("trump"));
    });

    it("finds him with a definite article attached", () => {
      expect(index.match("الترامب")).toEqual(exactly("trump"));
      expect(index.match("للترامب")).toEqual(exactly("trump"));
      expect(index.match("والترامب")).toEqual(exactly("trump"));
    });

    it("ignores a stray initial", () => {
      expect(index.match("Donald J. Trump")).toEqual(exactly("trump"));
    });

    it("finds him through invisible marks, tatweel, tashkeel and punctuation", () => {
      expect(index.match("\u200Fتْرَامـــب\u200E")).toEqual(exactly("trump"));
      expect(index.match("«دُونَالْد \u2068ترامـب\u2069»،")).toEqual(exactly("trump"));
      expect(index.match("ترامب؟")).toEqual(exactly("trump"));
      expect(index.match("\uFE97\uFEAE\uFE8D\uFEE3\uFE90")).toEqual(exactly("trump"));
    });
  });

  describe("Fogel", () => {
    it.each(["فوغل", "فوجل", "فوقل", "فوكل", "فوگل", "Fogel", "fogel"])("finds %j exactly", (input) => {
      expect(index.match(input)).toEqual(exactly("fogel"));
    });

    it("finds his full name in any transliteration", () => {
      expect(index.match("مارك فوقل")).toEqual(exactly("fogel"));
      expect(index.match("Marc Fogel")).toEqual(exactly("fogel"));
    });

    it("finds him through RLM, tatweel and tashkeel together", () => {
      expect(index.match("\u200Fفُوغـــل\u200F")).toEqual(exactly("fogel"));
    });
  });

  describe("Peskov", () => {
    it.each(["بيسكوف", "بسكوف", "Peskov", "Dmitri Peskov", "Dmitry Peskov", "دميتري بيسكوف"])(
      "finds %j exactly",
      (input) => {
        expect(index.match(input)).toEqual(exactly("peskov"));
      },
    );

    it("finds him by first name alone, partially", () => {
      expect(index.match("دميتري")).toEqual(partly("peskov"));
      expect(index.match("Dmitri")).toEqual(partly("peskov"));
    });

    it("finds him when the tokens come from different names of his", () => {
      expect(index.match("Dmitry بسكوف")).toEqual(partly("peskov"));
    });
  });

  describe("first names shared in part", () => {
    it("finds Fogel, not Rubio, by مارك", () => {
      expect(index.match("مارك")).toEqual(partly("fogel"));
      expect(index.match("Marc")).toEqual(partly("fogel"));
    });

    it("finds Rubio, not Fogel, by ماركو", () => {
      expect(index.match("ماركو")).toEqual(partly("rubio"));
      expect(index.match("Marco")).toEqual(partly("rubio"));
    });
  });

  describe("names that look like they carry an article", () => {
    it("finds Waltz by والتز, which only looks like و + ال", () => {
      expect(index.match("والتز")).toEqual(exactly("waltz"));
      expect(index.match("مايكل والتز")).toEqual(exactly("waltz"));
      expect(index.match("Mike Waltz")).toEqual(exactly("waltz"));
      expect(index.match("Michael")).toEqual(partly("waltz"));
    });

    it("finds Vinnik by his first name, whose normalised alef looks like an article", () => {
      expect(index.match("ألكسندر فينيك")).toEqual(exactly("vinnik"));
      expect(index.match("الكسندر")).toEqual(partly("vinnik"));
      expect(index.match("إلكسندر")).toEqual(partly("vinnik"));
    });
  });

  describe("other people", () => {
    it("finds Putin", () => {
      expect(index.match("بوتين")).toEqual(exactly("putin"));
      expect(index.match("بوتن")).toEqual(exactly("putin"));
      expect(index.match("Vladimir Putin")).toEqual(exactly("putin"));
      expect(index.match("ڤلاديمير بوتين")).toEqual(exactly("putin"));
      expect(index.match("فلاديمير")).toEqual(partly("putin"));
    });

    it("finds Rubio", () => {
      expect(index.match("روبيو")).toEqual(exactly("rubio"));
      expect(index.match("Marco Rubio")).toEqual(exactly("rubio"));
    });

    it("finds Zelensky in every spelling", () => {
      for (const input of [
        "زيلنسكي",
        "زيلينسكي",
        "زیلنسکی",
        "Zelensky",
        "Zelenskyy",
        "ZELENSKIY",
        "Zelenskiy",
      ]) {
        expect(index.match(input), input).toEqual(exactly("zelensky"));
      }
    });
  });

  describe("no match", () => {
    it.each(["نتنياهو", "Biden", "xyz", "ترا", "Trumpet", "Donald Putin", "بوتين ترامب"])(
      "finds nobody for %j",
      (input) => {
        expect(index.match(input)).toEqual([]);
      },
    );

    it.each(["", "   ", "؟", "«»", "\u200F\u200E", "ـــ", "J", "و"])(
      "finds nobody for blank input %j",
      (input) => {
        expect(index.match(input)).toEqual([]);
      },
    );

    it("finds nobody for a bare article or title", () => {
      expect(index.match("ال")).toEqual([]);
      expect(index.match("الرئيس")).toEqual([]);
      expect(index.match("President")).toEqual([]);
    });

    it("needs every token accounted for, so a title with a name finds nobody", () => {
      expect(index.match("الرئيس ترامب")).toEqual([]);
    });

    it("does not strip و or ل without the article", () => {
      expect(index.match("وترامب")).toEqual([]);
      expect(index.match("لترامب")).toEqual([]);
    });

    it("finds a title when an entry's name has it", () => {
      const withTitle = new NameIndex([...people, { id: "president", names: ["الرئيس الروسي", "الرئيس"] }]);
      expect(withTitle.match("الرئيس")).toEqual(exactly("president"));
      expect(withTitle.match("رئيس")).toEqual(exactly("president"));
    });
  });

  describe("order", () => {
    const ordered = new NameIndex([
      { id: "donald-duck", names: ["Donald Duck"] },
      { id: "trump", names: ["Donald Trump", "Trump"] },
      { id: "donald-sutherland", names: ["Donald Sutherland"] },
      { id: "donald", names: ["Donald"] },
    ]);

    it("puts exact matches before partial ones", () => {
      expect(ordered.match("Donald")).toEqual([
        { id: "donald", exact: true },
        { id: "donald-duck", exact: false },
        { id: "trump", exact: false },
        { id: "donald-sutherland", exact: false },
      ]);
    });

    it("breaks ties in entry order", () => {
      const twins = new NameIndex([
        { id: "b", names: ["Sam Smith"] },
        { id: "a", names: ["Sam Jones"] },
        { id: "c", names: ["Sam"] },
        { id: "d", names: ["Sam"] },
      ]);
      expect(twins.match("Sam")).toEqual([
        { id: "c", exact: true },
        { id: "d", exact: true },
        { id: "b", exact: false },
        { id: "a", exact: false },
      ]);
    });

    it("needs the tokens in order for an exact match", () => {
      expect(ordered.match("Trump Donald")).toEqual([{ id: "trump", exact: false }]);
    });

    it("gives the same answer every time", () => {
      const first = ordered.match("Donald");
      for (let i = 0; i < 5; i++) expect(ordered.match("Donald")).toEqual(first);
      for (let i = 0; i < 3; i++) expect(index.match("مارك")).toEqual(partly("fogel"));
    });
  });

  describe("entries", () => {
    it("lists a person once even when entries share an id", () => {
      const doubled = new NameIndex([
        { id: "trump", names: ["Donald Trump"] },
        { id: "trump", names: ["Trump"] },
      ]);
      expect(doubled.match("Trump")).toEqual(exactly("trump"));
    });

    it("copes with entries with no usable names", () => {
      const sparse = new NameIndex([
        { id: "nobody", names: [] },
        { id: "blank", names: ["", "  ", "؟"] },
        { id: "trump", names: ["Trump"] },
      ]);
      expect(sparse.match("Trump")).toEqual(exactly("trump"));
      expect(sparse.match("")).toEqual([]);
    });

    it("copes with no entries at all", () => {
      expect(new NameIndex([]).match("Trump")).toEqual([]);
    });

    it("does not change when the entries passed in change later", () => {
      const names = ["Trump"];
      const entries: NamedEntry[] = [{ id: "trump", names }];
      const later = new NameIndex(entries);
      names.push("Biden");
      entries.push({ id: "putin", names: ["Putin"] });
      expect(later.match("Biden")).toEqual([]);
      expect(later.match("Putin")).toEqual([]);
    });
  });
});
