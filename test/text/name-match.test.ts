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

    it("does not strip a prefix that would leave fewer than three letters", () => {
      // و + ال + تز would be a stem of two letters: والتز stays Waltz, and nobody is called تز.
      expect(new NameIndex([{ id: "taz", names: ["تز"] }]).match("والتز")).toEqual([]);
      expect(new NameIndex([{ id: "hath", names: ["حث"] }]).match("بحث")).toEqual([]);
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

describe("NameIndex.match with attached prefixes", () => {
  it.each([
    ["وترامب", "and"],
    ["فترامب", "so"],
    ["بترامب", "with"],
    ["لترامب", "for"],
    ["كترامب", "like"],
    ["وبترامب", "and with"],
    ["ولترامب", "and for"],
    ["فبترامب", "so with"],
    ["فلترامب", "so for"],
    ["وكترامب", "and like"],
  ])("finds Trump in %j (%s + ترامب)", (input) => {
    expect(index.match(input)).toEqual(exactly("trump"));
  });

  it.each([
    "الترامب",
    "والترامب",
    "فالترامب",
    "بالترامب",
    "كالترامب",
    "للترامب",
    "وبالترامب",
    "فبالترامب",
    "وللترامب",
  ])("finds Trump in %j (a preposition or conjunction with the article)", (input) => {
    expect(index.match(input)).toEqual(exactly("trump"));
  });

  it("strips prefixes from any token of a full name", () => {
    expect(index.match("ودونالد ترامب")).toEqual(exactly("trump"));
    expect(index.match("لدونالد وترامب")).toEqual(exactly("trump"));
    expect(index.match("وبوتين")).toEqual(exactly("putin"));
    expect(index.match("لبيسكوف")).toEqual(exactly("peskov"));
    expect(index.match("ولفوغل")).toEqual(exactly("fogel"));
  });

  it("strips the prefix before folding sounds, so ك is never read into ق or غ", () => {
    // كفوقل is ك + فوقل; the sound fold would otherwise also turn a leading ق into a prefix.
    expect(index.match("كفوقل")).toEqual(exactly("fogel"));
    expect(new NameIndex([{ id: "qasim", names: ["قاسم"] }]).match("قاسم")).toEqual(exactly("qasim"));
    expect(new NameIndex([{ id: "asim", names: ["اسم"] }]).match("قاسم")).toEqual([]);
  });

  it("keeps names that start with prefix letters whole", () => {
    // والتز (Waltz) is not و + ال + تز, and بوتين is not ب + وتين.
    expect(index.match("والتز")).toEqual(exactly("waltz"));
    expect(index.match("ووالتز")).toEqual(exactly("waltz"));
    expect(index.match("لوالتز")).toEqual(exactly("waltz"));
    expect(index.match("بوتين")).toEqual(exactly("putin"));
    expect(index.match("فينيك")).toEqual(exactly("vinnik"));
    expect(index.match("وفينيك")).toEqual(exactly("vinnik"));
  });

  it("does not find a name inside a longer word when the rest is not a prefix", () => {
    expect(index.match("مترامب")).toEqual([]);
    expect(index.match("سترامب")).toEqual([]);
    expect(index.match("ترامبو")).toEqual([]);
  });
});

/** The story's people with the role words readers type, as issue 9 asks the content to carry them. */
const withRoles = new NameIndex([
  {
    id: "putin",
    names: [
      "فلاديمير بوتين",
      "Vladimir Putin",
      "الرئيس بوتين",
      "الرئيس الروسي",
      "President Putin",
      "Russian president",
    ],
  },
  {
    id: "trump",
    names: [
      "دونالد ترامب",
      "Donald Trump",
      "الرئيس ترامب",
      "الرئيس الأميركي",
      "President Trump",
      "US president",
    ],
  },
  {
    id: "peskov",
    names: ["دميتري بيسكوف", "Dmitry Peskov", "الناطق باسم الكرملين", "Kremlin spokesman"],
  },
  { id: "zelensky", names: ["زيلينسكي", "Zelensky", "الرئيس زيلينسكي", "President Zelensky"] },
  { id: "fogel", names: ["مارك فوغل", "Marc Fogel", "المدرس الأميركي", "American teacher", "teacher"] },
]);

describe("NameIndex.match with role words", () => {
  it.each(["الرئيس", "والرئيس", "بالرئيس", "للرئيس", "president", "President", "PRESIDENT"])(
    "keeps %j ambiguous between the presidents",
    (input) => {
      expect(withRoles.match(input)).toEqual([
        { id: "putin", exact: false },
        { id: "trump", exact: false },
        { id: "zelensky", exact: false },
      ]);
    },
  );

  it("finds one president by a role of two words, in either language", () => {
    expect(withRoles.match("الرئيس الروسي")).toEqual(exactly("putin"));
    expect(withRoles.match("والرئيس الأمريكي".replace("أمريكي", "أميركي"))).toEqual(exactly("trump"));
    expect(withRoles.match("Russian president")).toEqual(exactly("putin"));
    expect(withRoles.match("US president")).toEqual(exactly("trump"));
    expect(withRoles.match("president Trump")).toEqual(exactly("trump"));
  });

  it("finds the Kremlin spokesman by the whole role or any word of it", () => {
    expect(withRoles.match("Kremlin spokesman")).toEqual(exactly("peskov"));
    expect(withRoles.match("kremlin SPOKESMAN")).toEqual(exactly("peskov"));
    expect(withRoles.match("Kremlin")).toEqual(partly("peskov"));
    expect(withRoles.match("spokesman")).toEqual(partly("peskov"));
    expect(withRoles.match("الناطق باسم الكرملين")).toEqual(exactly("peskov"));
    expect(withRoles.match("الكرملين")).toEqual(partly("peskov"));
    expect(withRoles.match("للكرملين")).toEqual(partly("peskov"));
    expect(withRoles.match("والناطق")).toEqual(partly("peskov"));
  });

  it("finds the teacher in either language", () => {
    expect(withRoles.match("teacher")).toEqual(exactly("fogel"));
    expect(withRoles.match("المدرس")).toEqual(partly("fogel"));
    expect(withRoles.match("American teacher")).toEqual(exactly("fogel"));
  });

  it("needs every word of a role on the same person", () => {
    expect(withRoles.match("Kremlin president")).toEqual([]);
    expect(withRoles.match("Russian spokesman")).toEqual([]);
  });
});

describe("NameIndex.suggest", () => {
  it.each([
    ["ترانب", "trump", "a letter replaced"],
    ["تراب", "trump", "a letter dropped"],
    ["تراامب", "trump", "a letter added"],
    ["ترماب", "trump", "two neighbours swapped"],
    ["trmp", "trump", "a Latin letter dropped"],
    ["Trunp", "trump", "a Latin letter replaced"],
    ["Tr\u00FCmp", "trump", "an accented letter"],
    ["بيكسوف", "peskov", "two neighbours swapped"],
    ["Peskow", "peskov", "a Latin letter replaced"],
    ["Psekov", "peskov", "two Latin neighbours swapped"],
    ["بوتيم", "putin", "a letter replaced"],
    ["Puttin", "putin", "a doubled letter, which folds away"],
    ["Putn", "putin", "a letter dropped from a five-letter name"],
    ["زيلنسكى", "zelensky", "no edit after normalisation, then matched"],
    ["Zelenski", "zelensky", "a final i for y"],
    ["Zelinsky", "zelensky", "a vowel replaced"],
    ["روبيوو", "rubio", "a letter added"],
  ])("offers the nearest person for %j → %s (%s)", (input, id) => {
    const [first, ...others] = index.suggest(input);
    expect(first?.id).toBe(id);
    expect(others).toEqual([]);
  });

  it("gives the distance: 1 for a near miss, 0 for a match", () => {
    expect(index.suggest("ترانب")).toEqual([{ id: "trump", distance: 1 }]);
    expect(index.suggest("ترامب")).toEqual([{ id: "trump", distance: 0 }]);
    expect(index.suggest("Trump")).toEqual([{ id: "trump", distance: 0 }]);
  });

  it("reads attached prefixes before looking for the near miss", () => {
    expect(index.suggest("وترانب")).toEqual([{ id: "trump", distance: 1 }]);
    expect(index.suggest("بالترانب")).toEqual([{ id: "trump", distance: 1 }]);
    expect(index.suggest("لبيكسوف")).toEqual([{ id: "peskov", distance: 1 }]);
  });

  it("allows one edit in a whole multi-word name, not one per word", () => {
    expect(index.suggest("دونالد ترانب")).toEqual([{ id: "trump", distance: 1 }]);
    expect(index.suggest("Donald Trmp")).toEqual([{ id: "trump", distance: 1 }]);
    expect(index.suggest("Donlad Trmp")).toEqual([]);
    expect(index.suggest("Donald Putn")).toEqual([]);
  });

  it.each(["Trumpet", "ترامبيت", "Trmpet", "بيكسوفي", "Psekvo", "نتنياهو", "Biden", "xyz"])(
    "offers nobody for %j, two edits or more from every name",
    (input) => {
      expect(index.suggest(input)).toEqual([]);
    },
  );

  it("offers no near miss for names or inputs under four letters", () => {
    const short = new NameIndex([{ id: "rao", names: ["Rao", "راو"] }, ...people]);
    expect(short.suggest("Rai")).toEqual([]);
    expect(short.suggest("Raoo")).toEqual([{ id: "rao", distance: 0 }]);
    expect(short.suggest("راوي")).toEqual([]);
    expect(short.suggest("رو")).toEqual([]);
    // Three letters is too short to stand for a four-letter name either.
    expect(index.suggest("ترم")).toEqual([]);
  });

  it("lists every person equally near, in entry order", () => {
    const pair = new NameIndex([
      { id: "sanders", names: ["Sanders"] },
      { id: "sandero", names: ["Sandero"] },
    ]);
    expect(pair.suggest("Sandera")).toEqual([
      { id: "sanders", distance: 1 },
      { id: "sandero", distance: 1 },
    ]);
    expect(pair.suggest("Sanders")).toEqual([{ id: "sanders", distance: 0 }]);
  });

  it("offers nobody for blank input", () => {
    for (const input of ["", "   ", "؟", "\u200F", "😀"]) expect(index.suggest(input)).toEqual([]);
  });
});
