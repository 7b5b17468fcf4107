import { describe, expect, it } from "vitest";
import { describeChar, describeSpanMismatch, spanNoun } from "../../src/content/text-diff.js";

describe("text differences", () => {
  it("names invisible marks by code point and shows visible letters too", () => {
    expect(describeChar("\u0651")).toBe("U+0651 ARABIC SHADDA");
    expect(describeChar("\u200F")).toBe("U+200F RIGHT-TO-LEFT MARK");
    expect(describeChar("\u00A0")).toBe("U+00A0 NO-BREAK SPACE");
    expect(describeChar("م")).toBe("«م» (U+0645)");
  });

  it("calls each kind of span by its name", () => {
    const noun = spanNoun("statements[2].ar");
    expect(noun).toBe("the statement");
    expect(spanNoun("quotes[0].context")).toBe("the context");
    expect(spanNoun("notQuotes[1].text")).toBe("the span");
    expect(describeSpanMismatch("قدم الوزير", "وقال إنه قدّم الوزير", noun)).toBe(
      "differs at its character 3, after «قد»: the paragraph has U+0651 ARABIC SHADDA here, which the statement lacks",
    );
    expect(describeSpanMismatch("الوزير قدم", "الوزير", noun)).toMatch(
      /the statement goes on with U\+0020 SPACE where the paragraph ends/,
    );
  });
});
