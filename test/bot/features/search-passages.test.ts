/**
 * Issue 20, Build 3: search shows each passage of the article once, in its most informative form, with an
 * honest count; the query is isolated in both languages' strings.
 */
import type { MessageEntity } from "grammy/types";
import { describe, expect, it } from "vitest";
import { decodeTarget } from "../../../src/bot/routes.js";
import { createHarness, textOf, updates } from "../harness.js";

const FSI = "\u2068";
const PDI = "\u2069";
const bare = (text: string) => text.replace(/[\u200e\u200f\u2066-\u2069]/gu, "");

describe.each([
  ["ar", "الحرب", "البحث عن «الحرب»: 4 مقاطع"],
  ["en", "war", "Search for “war”: 4 passages"],
] as const)("a search in %s for %s", (lang, query, title) => {
  it("shows the four passages once each: Trump's three quotes and his reported line, not their restatements", async () => {
    const h = createHarness();
    const [reply] = await h.send(updates.message(query, { lang }));
    const text = bare(textOf(reply));
    expect(text.split("\n")[0]).toBe(title);
    // One page: no pager.
    expect(h.last().buttons.some((b) => decodeTarget(b.data)?.route.to === "results")).toBe(false);
    // Trump's three quotes and his reported line, each once.
    const said = lang === "ar" ? "💬 قال دونالد ترامب:" : "💬 Donald Trump said:";
    expect(text.split(said)).toHaveLength(4);
    expect(text.split("🗣")).toHaveLength(2);
    // Not again as the paragraphs they are in, nor as the summary points that restate them.
    expect(text).not.toContain(lang === "ar" ? "📄" : "📄");
    expect(text).not.toContain(lang === "ar" ? "📝 الملخص" : "📝 Summary");
    const blockquotes = ((reply?.payload.entities ?? []) as MessageEntity[]).filter(
      (e) => e.type === "blockquote",
    );
    expect(blockquotes).toHaveLength(4);
  });
});

describe("the query is isolated in both languages' strings", () => {
  it.each([
    ["en", "الحرب"],
    ["ar", "war"],
    ["en", "war"],
    ["ar", "الحرب"],
  ] as const)("in the %s interface, for %s", async (lang, query) => {
    const h = createHarness();
    const [reply] = await h.send(updates.message(query, { lang }));
    expect(textOf(reply)).toContain(`${FSI}${query}${PDI}`);
    const [none] = await h.send(updates.message(`${query}zzqx`, { lang }));
    expect(textOf(none)).toContain(`${FSI}${query}zzqx${PDI}`);
  });
});

describe("a translated page of results says so once", () => {
  it("English results with Trump's quotes carry the mark; Arabic ones do not", async () => {
    const h = createHarness();
    const [en] = await h.send(updates.message("war", { lang: "en" }));
    expect(textOf(en).split("Translated from the Arabic report.")).toHaveLength(2);
    const [ar] = await h.send(updates.message("الحرب", { lang: "ar" }));
    expect(textOf(ar)).not.toContain("مترجَم");
  });
});
