import { describe, expect, it } from "vitest";
import { articleVariants, cliticVariants } from "../../src/text/clitics.js";

describe("cliticVariants", () => {
  it.each([
    ["وترامب", "ترامب"],
    ["فترامب", "ترامب"],
    ["بترامب", "ترامب"],
    ["لترامب", "ترامب"],
    ["كترامب", "ترامب"],
    ["وبترامب", "ترامب"],
    ["فلترامب", "ترامب"],
    ["الكرملين", "كرملين"],
    ["والشرق", "شرق"],
    ["بالرئيس", "رئيس"],
    ["للسجناء", "سجناء"],
    ["وبالرئيس", "رئيس"],
    ["فللرئيس", "رئيس"],
  ])("offers the stem of %j", (token, stem) => {
    const variants = cliticVariants(token);
    expect(variants[0]).toBe(token);
    expect(variants).toContain(stem);
  });

  it("always keeps the word as written, first", () => {
    expect(cliticVariants("والتز")[0]).toBe("والتز");
    expect(cliticVariants("بوتين")).toEqual(["بوتين", "وتين"]);
    expect(cliticVariants("trump")).toEqual(["trump"]);
  });

  it("leaves stems of three letters or more", () => {
    expect(cliticVariants("والتز")).not.toContain("تز");
    expect(cliticVariants("بحث")).toEqual(["بحث"]);
    expect(cliticVariants("وال")).toEqual(["وال"]);
  });
});

describe("articleVariants", () => {
  it("strips only the article", () => {
    expect(articleVariants("الرئيس")).toEqual(["الرئيس", "رئيس"]);
    expect(articleVariants("والرئيس")).toEqual(["والرئيس", "رئيس"]);
    expect(articleVariants("للرئيس")).toEqual(["للرئيس", "رئيس"]);
    expect(articleVariants("بوتين")).toEqual(["بوتين"]);
    expect(articleVariants("والتز")).toEqual(["والتز"]);
  });
});
