import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeForLookup } from "../../src/text/normalize.js";

describe("normalizeForLookup", () => {
  describe("Unicode compatibility forms", () => {
    it("folds Arabic presentation forms to plain letters", () => {
      // ﺗﺮﺍﻣﺐ: teh initial, reh final, alef isolated, meem initial, beh final.
      expect(normalizeForLookup("\uFE97\uFEAE\uFE8D\uFEE3\uFE90")).toBe("ترامب");
    });

    it("splits the lam-alef ligature into lam and alef", () => {
      expect(normalizeForLookup("\uFEFB")).toBe("لا");
      // Lam-alef with hamza above, ﻷ, also loses the hamza.
      expect(normalizeForLookup("\uFEF7")).toBe("لا");
    });

    it("folds full-width Latin and no-break spaces", () => {
      expect(normalizeForLookup("\uFF34\uFF52\uFF55\uFF4D\uFF50")).toBe("trump");
      expect(normalizeForLookup("دونالد\u00A0ترامب")).toBe("دونالد ترامب");
    });
  });

  describe("invisible characters", () => {
    const invisible: [string, string][] = [
      ["ZWSP", "\u200B"],
      ["ZWNJ", "\u200C"],
      ["ZWJ", "\u200D"],
      ["LRM", "\u200E"],
      ["RLM", "\u200F"],
      ["ALM", "\u061C"],
      ["LRE", "\u202A"],
      ["RLE", "\u202B"],
      ["PDF", "\u202C"],
      ["LRO", "\u202D"],
      ["RLO", "\u202E"],
      ["LRI", "\u2066"],
      ["RLI", "\u2067"],
      ["FSI", "\u2068"],
      ["PDI", "\u2069"],
      ["word joiner", "\u2060"],
      ["BOM", "\uFEFF"],
    ];

    it.each(invisible)("removes %s inside a word", (_name, mark) => {
      expect(normalizeForLookup(`تر${mark}امب`)).toBe("ترامب");
    });

    it.each(invisible)("removes %s around a word", (_name, mark) => {
      expect(normalizeForLookup(`${mark}ترامب${mark}`)).toBe("ترامب");
    });

    it("removes an isolate pair wrapping a Latin name in Arabic text", () => {
      expect(normalizeForLookup("قال \u2068Trump\u2069 أمس")).toBe("قال trump امس");
    });

    it("joins Persian words split by ZWNJ", () => {
      expect(normalizeForLookup("می\u200Cخواهم")).toBe("ميخواهم");
    });
  });

  describe("optional Arabic marks", () => {
    it("removes tashkeel", () => {
      expect(normalizeForLookup("تْرَامْب")).toBe("ترامب");
      expect(normalizeForLookup("مُحَمَّدٌ")).toBe("محمد");
      expect(normalizeForLookup("كِتَاباً")).toBe("كتابا");
      expect(normalizeForLookup("بِسْمِ")).toBe("بسم");
    });

    it("removes superscript alef", () => {
      expect(normalizeForLookup("هٰذا")).toBe("هذا");
      expect(normalizeForLookup("الرَّحْمٰن")).toBe("الرحمن");
    });

    it("removes Qur'anic annotation marks", () => {
      expect(normalizeForLookup("ترامب\u06D6")).toBe("ترامب");
      expect(normalizeForLookup("تر\u06DAامب\u06ED")).toBe("ترامب");
    });

    it("removes tatweel", () => {
      expect(normalizeForLookup("ترامـــب")).toBe("ترامب");
      expect(normalizeForLookup("ـترامبـ")).toBe("ترامب");
    });

    it("removes an accent that tatweel separated from its Latin letter", () => {
      // Found by the idempotence property: with tatweel removed last, the accent met its letter only on a
      // second pass, so "iـ̈" gave "ï" and then "i".
      expect(normalizeForLookup("iـ̈")).toBe("i");
      expect(normalizeForLookup("Cafeـ́")).toBe("cafe");
    });

    it("removes marks typed as separate characters after a letter", () => {
      // Alef followed by a combining madda is آ in decomposed form.
      expect(normalizeForLookup("\u0627\u0653من")).toBe("امن");
    });
  });

  describe("letter folding", () => {
    it.each([
      ["أ alef with hamza above", "أحمد", "احمد"],
      ["إ alef with hamza below", "إبراهيم", "ابراهيم"],
      ["آ alef with madda", "آمنة", "امنه"],
      ["ٱ alef wasla", "ٱلرحمن", "الرحمن"],
    ])("folds %s to bare alef", (_name, input, expected) => {
      expect(normalizeForLookup(input)).toBe(expected);
    });

    it("folds alef with hamza typed as alef + combining hamza", () => {
      expect(normalizeForLookup("\u0627\u0654حمد")).toBe("احمد");
      expect(normalizeForLookup("\u0627\u0655براهيم")).toBe("ابراهيم");
    });

    it("folds ta marbuta to heh", () => {
      expect(normalizeForLookup("فاطمة")).toBe("فاطمه");
      expect(normalizeForLookup("موسكو العاصمة")).toBe("موسكو العاصمه");
    });

    it("folds alef maqsura to yeh", () => {
      expect(normalizeForLookup("مصطفى")).toBe("مصطفي");
      expect(normalizeForLookup("على")).toBe("علي");
    });

    it("folds Persian yeh and keheh to their Arabic letters", () => {
      expect(normalizeForLookup("زیلنسکی")).toBe("زيلنسكي");
      expect(normalizeForLookup("\u06CC")).toBe("\u064A");
      expect(normalizeForLookup("\u06A9")).toBe("\u0643");
    });

    it("keeps hamza on waw and yeh, and lone hamza", () => {
      expect(normalizeForLookup("رئيس")).toBe("رئيس");
      expect(normalizeForLookup("مؤتمر")).toBe("مؤتمر");
      expect(normalizeForLookup("سماء")).toBe("سماء");
    });

    it("keeps ؤ and ئ when typed as a letter + combining hamza", () => {
      expect(normalizeForLookup("ر\u064A\u0654يس")).toBe("رئيس");
      expect(normalizeForLookup("م\u0648\u0654تمر")).toBe("مؤتمر");
    });

    it("keeps ؤ and ئ when they carry a vowel mark", () => {
      expect(normalizeForLookup("رَئِيس")).toBe("رئيس");
      expect(normalizeForLookup("مُؤْتَمَر")).toBe("مؤتمر");
    });
  });

  describe("digits", () => {
    it("folds Arabic-Indic digits", () => {
      expect(normalizeForLookup("١٢٣")).toBe("123");
      expect(normalizeForLookup("٠١٢٣٤٥٦٧٨٩")).toBe("0123456789");
    });

    it("folds Persian digits", () => {
      expect(normalizeForLookup("۱۲۳")).toBe("123");
      expect(normalizeForLookup("۰۱۲۳۴۵۶۷۸۹")).toBe("0123456789");
    });

    it("folds digits inside text", () => {
      expect(normalizeForLookup("عام ٢٠٢٥")).toBe("عام 2025");
      expect(normalizeForLookup("2025")).toBe("2025");
    });
  });

  describe("Latin", () => {
    it("lower-cases", () => {
      expect(normalizeForLookup("Trump")).toBe("trump");
      expect(normalizeForLookup("TRUMP")).toBe("trump");
      expect(normalizeForLookup("Dmitri PESKOV")).toBe("dmitri peskov");
    });

    it("removes accents, precomposed or combining", () => {
      expect(normalizeForLookup("Café")).toBe("cafe");
      expect(normalizeForLookup("Cafe\u0301")).toBe("cafe");
      expect(normalizeForLookup("Dvořák")).toBe("dvorak");
      expect(normalizeForLookup("ZELENSKÝ")).toBe("zelensky");
      expect(normalizeForLookup("İstanbul")).toBe("istanbul");
    });

    it("keeps Latin letters that are not letter + accent", () => {
      expect(normalizeForLookup("Straße")).toBe("straße");
      expect(normalizeForLookup("Øresund")).toBe("øresund");
    });
  });

  describe("whitespace", () => {
    it("trims and collapses whitespace", () => {
      expect(normalizeForLookup("  trump ")).toBe("trump");
      expect(normalizeForLookup("  دونالد \t\n  ترامب  ")).toBe("دونالد ترامب");
      expect(normalizeForLookup("Donald\u3000\u2003Trump")).toBe("donald trump");
    });

    it("gives an empty key for blank input", () => {
      expect(normalizeForLookup("")).toBe("");
      expect(normalizeForLookup("   ")).toBe("");
      expect(normalizeForLookup("\u200F\u200E\u2068\u2069")).toBe("");
      expect(normalizeForLookup("ـــ")).toBe("");
    });
  });

  describe("punctuation", () => {
    it("treats Arabic punctuation as a separator", () => {
      expect(normalizeForLookup("ترامب،")).toBe("ترامب");
      expect(normalizeForLookup("ترامب،بوتين")).toBe("ترامب بوتين");
      expect(normalizeForLookup("ترامب؛ بوتين؟")).toBe("ترامب بوتين");
      expect(normalizeForLookup("بوتين.")).toBe("بوتين");
    });

    it("treats quotes as separators", () => {
      expect(normalizeForLookup("«ترامب»")).toBe("ترامب");
      expect(normalizeForLookup('"Trump"')).toBe("trump");
      expect(normalizeForLookup("'Trump'")).toBe("trump");
      expect(normalizeForLookup("“Trump”")).toBe("trump");
    });

    it("treats Latin punctuation and symbols as separators", () => {
      expect(normalizeForLookup("Trump, Putin.")).toBe("trump putin");
      expect(normalizeForLookup("Jean-Pierre")).toBe("jean pierre");
      expect(normalizeForLookup("(Peskov)!")).toBe("peskov");
      expect(normalizeForLookup("@trump #putin")).toBe("trump putin");
    });

    it("gives an empty key for punctuation-only input", () => {
      expect(normalizeForLookup("؟")).toBe("");
      expect(normalizeForLookup("...،؛؟!")).toBe("");
      expect(normalizeForLookup("« »")).toBe("");
    });
  });

  describe("everything at once", () => {
    it("matches a messy paste to the clean spelling", () => {
      const messy = "\u200F«دُونَالْد   تْرَامـــب»،\u200E";
      expect(normalizeForLookup(messy)).toBe("دونالد ترامب");
    });

    it("folds a fully decorated name", () => {
      expect(normalizeForLookup("\u2067إِبْرَاهِيمُ ٱلْمُصْطَفَى\u2069 ١٩٩٠")).toBe("ابراهيم المصطفي 1990");
    });
  });

  describe("properties", () => {
    // An alphabet that exercises every rule and their interactions, including marks in odd orders.
    const alphabet = [
      ..."ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإٱةىئؤیکگ",
      ..."\u064B\u064E\u0650\u0651\u0652\u0653\u0654\u0655\u0657\u0670\u06D6\u06ED\u0640",
      ..."٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹0123456789",
      ..."aAeEiIyYzZéÉçİß\u0300\u0301\u0308",
      ..."\u200B\u200C\u200D\u200E\u200F\u061C\u202A\u202E\u2066\u2069\uFEFF\u2060",
      ..."\uFEFB\uFE97\uFE8D\uFB50",
      ..." \t\n\u00A0،؛؟.,!?'\"«»-",
    ];
    const text = fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 24 });

    it("is idempotent", () => {
      fc.assert(
        fc.property(text, (input) => {
          const once = normalizeForLookup(input);
          expect(normalizeForLookup(once)).toBe(once);
        }),
      );
    });

    it("yields single-spaced, trimmed words without removed characters", () => {
      const removed =
        /[\u200B-\u200F\u061C\u202A-\u202E\u2066-\u2069\uFEFF\u2060\u064B-\u065F\u0670\u06D6-\u06ED\u0640\u0622\u0623\u0625\u0671\u0629\u0649\u06CC\u06A9\u0660-\u0669\u06F0-\u06F9A-Z]/u;
      fc.assert(
        fc.property(text, (input) => {
          const key = normalizeForLookup(input);
          expect(key).toBe(key.trim());
          expect(key).not.toMatch(/\s\s|[\t\n]/);
          expect(key).not.toMatch(removed);
        }),
      );
    });
  });
});
