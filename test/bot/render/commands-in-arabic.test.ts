import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createI18n, translator } from "../../../src/bot/i18n.js";
import { FSI, PDI } from "../../../src/bot/render/bidi.js";

const source = readFileSync("locales/ar.ftl", "utf8");
const keys = source.split("\n").flatMap((line) => /^([a-z][a-z0-9-]*) =/.exec(line)?.[1] ?? []);

describe("commands inside Arabic sentences", () => {
  it("are isolated, so a right-to-left line does not draw /stories as stories/", () => {
    const t = translator(createI18n("ar"), "ar");
    // Every variable the strings use: numbers for the plural selectors, Arabic text for the rest.
    const vars: Record<string, string | number> = {};
    for (const [, name] of source.matchAll(/\$([a-z]+)/g)) if (name) vars[name] = "نص";
    for (const name of ["count", "n", "total"]) vars[name] = 2;
    for (const key of keys) {
      const text = t(key, vars);
      for (const match of text.matchAll(/\/[a-z]+/g)) {
        const at = match.index ?? 0;
        expect(text[at - 1], `${key}: ${text}`).toBe(FSI);
        expect(text[at + match[0].length], `${key}: ${text}`).toBe(PDI);
      }
    }
  });
});
