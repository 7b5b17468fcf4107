import { describe, expect, it } from "vitest";
import { botLink, safeHref } from "../../../src/preview/page/links.js";

describe("botLink", () => {
  it.each([
    ["https://t.me/khabar_bot?start=summary", { kind: "start", payload: "summary" }],
    ["http://telegram.me/KHABAR_BOT?start=section-exchange", { kind: "start", payload: "section-exchange" }],
    ["t.me/khabar_bot?start=quotes-trump", { kind: "start", payload: "quotes-trump" }],
    ["tg://resolve?domain=khabar_bot&start=menu", { kind: "start", payload: "menu" }],
    ["https://t.me/khabar_bot", { kind: "chat" }],
    ["https://t.me/khabar_bot?start=", { kind: "invalid-start", payload: "" }],
    [`https://t.me/khabar_bot?start=${"a".repeat(65)}`, { kind: "invalid-start", payload: "a".repeat(65) }],
    ["https://t.me/khabar_bot?start=%D8%A7", { kind: "invalid-start", payload: "ا" }],
  ])("reads %s as a link to this bot", (href, expected) => {
    expect(botLink(href, "khabar_bot")).toEqual(expected);
  });

  it.each([
    "https://t.me/other_bot?start=summary",
    "https://example.com/khabar_bot?start=summary",
    "https://t.me.evil.example/khabar_bot?start=x",
    "mailto:khabar_bot@t.me",
    "not a url at all %%%",
  ])("does not take %s for a link to this bot", (href) => {
    expect(botLink(href, "khabar_bot")).toBeNull();
  });

  it("knows no bot links before the bot's username is known", () => {
    expect(botLink("https://t.me/khabar_bot?start=x", undefined)).toBeNull();
  });
});

describe("safeHref", () => {
  it("opens web, mail, phone and tg links, adding http:// to a bare host", () => {
    expect(safeHref("example.com/a")).toBe("http://example.com/a");
    expect(safeHref("https://example.com")).toBe("https://example.com/");
    expect(safeHref("mailto:a@b.c")).toBe("mailto:a@b.c");
    expect(safeHref("tel:+123")).toBe("tel:+123");
  });

  it("refuses script and data addresses", () => {
    expect(safeHref("javascript:alert(1)")).toBeNull();
    expect(safeHref(" JavaScript:alert(1)")).toBeNull();
    expect(safeHref("data:text/html,<b>x</b>")).toBeNull();
    expect(safeHref("")).toBeNull();
  });
});
