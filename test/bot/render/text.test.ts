import { FormattedString } from "@grammyjs/parse-mode";
import { describe, expect, it } from "vitest";
import { FSI, isolate, PDI, RLM, rtl, startsRtl } from "../../../src/bot/render/bidi.js";
import { directed, lines, pack } from "../../../src/bot/render/text.js";

describe("bidi", () => {
  it("knows which lines already start right-to-left", () => {
    expect(startsRtl("ترامب")).toBe(true);
    expect(startsRtl(`${RLM}/quotes`)).toBe(true);
    expect(startsRtl("/quotes")).toBe(false);
    expect(startsRtl("📝 الملخص")).toBe(false);
    expect(startsRtl("2022")).toBe(false);
  });

  it("isolates Latin and digit runs, leaves Arabic alone", () => {
    expect(isolate("Trump")).toBe(`${FSI}Trump${PDI}`);
    expect(isolate(7)).toBe(`${FSI}7${PDI}`);
    expect(isolate("ترامب")).toBe("ترامب");
  });

  it("marks labels that would start left-to-right", () => {
    expect(rtl("📝 الملخص")).toBe(`${RLM}📝 الملخص`);
    expect(rtl("الملخص")).toBe("الملخص");
  });
});

describe("directed", () => {
  it("adds a right-to-left mark to each Arabic-interface line that needs one and keeps entities on their text", () => {
    const text = lines(FormattedString.b("/summary"), "الملخص", FormattedString.b("• نقطة\n2 سطر"));
    const out = directed(text, "ar");
    // A line whose text is Latin ("/summary") is also isolated, so it reads left to right on the right.
    expect(out.rawText).toBe(`${RLM}${FSI}/summary${PDI}\nالملخص\n${RLM}• نقطة\n${RLM}2 سطر`);
    for (const [entity, word] of out.rawEntities.map(
      (e, i) => [e, ["/summary", `• نقطة\n${RLM}2 سطر`][i]] as const,
    )) {
      expect(out.rawText.slice(entity.offset, entity.offset + entity.length)).toBe(word);
    }
  });

  it("leaves English text untouched", () => {
    const text = lines("/summary", "Summary");
    expect(directed(text, "en")).toBe(text);
  });
});

describe("pack", () => {
  const block = (n: number, ch = "ب") => new FormattedString(ch.repeat(n));

  it("fits blocks into as few messages as the limit allows, splitting only between blocks", () => {
    const messages = pack([block(2000), block(2000), block(2000)], 4096);
    expect(messages.map((m) => m.rawText.length)).toEqual([4002, 2000]);
  });

  it("keeps a message at exactly the limit", () => {
    expect(pack([block(2047), block(2047)], 4096).map((m) => m.rawText.length)).toEqual([4096]);
    expect(pack([block(2047), block(2048)], 4096)).toHaveLength(2);
  });

  it("cuts a block longer than a message at a space, never inside a surrogate pair", () => {
    const words = new FormattedString(`${"كلمة ".repeat(1000)}`.trim());
    const messages = pack([words], 4096);
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) expect(m.rawText.length).toBeLessThanOrEqual(4096);
    expect(messages.map((m) => m.rawText).join(" ")).toBe(words.rawText);

    const emoji = new FormattedString("😀".repeat(3000));
    for (const m of pack([emoji], 4096)) {
      expect(m.rawText.length).toBeLessThanOrEqual(4096);
      expect(m.rawText).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    }
  });
});
