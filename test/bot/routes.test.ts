import { describe, expect, it } from "vitest";
import {
  CALLBACK_DATA_LIMIT,
  decodeRoute,
  decodeTarget,
  encodeRoute,
  encodeTarget,
  parsePayload,
  parseTargetPayload,
  type Route,
  routePayload,
  targetPayload,
} from "../../src/bot/routes.js";

const ROUTES: Route[] = [
  { to: "menu" },
  { to: "summary" },
  { to: "full", lang: "ar" },
  { to: "full", lang: "en" },
  { to: "toc" },
  { to: "section", id: "trump-statement" },
  { to: "speakers" },
  { to: "quotes", id: "trump" },
  { to: "card", id: "exchange" },
  { to: "card-sources", id: "exchange" },
  { to: "people" },
  { to: "person", id: "zelensky" },
  { to: "language" },
  { to: "set-language", lang: "en" },
  { to: "help" },
  { to: "stories", page: 0 },
  { to: "stories", page: 3 },
  { to: "corrections" },
  { to: "speakers", back: { to: "summary" } },
  { to: "speakers", back: { to: "card", id: "exchange" } },
  { to: "cancel", back: { to: "card", id: "exchange" } },
  { to: "results", token: "x5aw49", page: 0 },
  { to: "results", token: "x5aw49", page: 12 },
  { to: "cancel" },
  { to: "follow" },
  { to: "following" },
  { to: "follow-topic", topic: { kind: "new" } },
  { to: "follow-topic", topic: { kind: "story", storyId: "putin-trump-call" } },
  { to: "follow-topic", topic: { kind: "person", personId: "trump" } },
  { to: "unfollow-topic", topic: { kind: "person", personId: "a".repeat(24) } },
  { to: "unfollow-all" },
  { to: "unfollow-all", sure: true },
  { to: "when" },
  { to: "set-when" },
  { to: "set-when", hour: 0 },
  { to: "set-when", hour: 23 },
  { to: "quiet" },
  { to: "set-quiet" },
  { to: "set-quiet", window: { from: 23, to: 7 } },
  { to: "zones" },
  { to: "zones", offsets: true },
  { to: "set-zone", zone: "ruh" },
  { to: "set-zone", zone: "u-5" },
  { to: "set-zone", zone: "u+545" },
  { to: "stop", topic: { kind: "new" } },
  { to: "undo-stop", topic: { kind: "story", storyId: "a".repeat(24) } },
  { to: "open", route: { to: "menu" } },
  { to: "open", route: { to: "full", lang: "en" } },
  { to: "open", route: { to: "stories", page: 0 } },
];

describe("callback data", () => {
  it.each(ROUTES)("round-trips %j as short ASCII", (route) => {
    const data = encodeRoute(route);
    expect(data).toMatch(/^[\x21-\x7e]+$/);
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(CALLBACK_DATA_LIMIT);
    expect(decodeRoute(data)).toEqual(route);
  });

  it("an id of the longest allowed length still fits", () => {
    expect(Buffer.byteLength(encodeRoute({ to: "section", id: "a".repeat(24) }))).toBeLessThanOrEqual(30);
  });

  it.each([
    "",
    "zz",
    "s:",
    "s:UPPER",
    "s:ترامب",
    "s:a:b",
    "f:fr",
    "l:xx",
    "q:-bad",
    `s:${"a".repeat(25)}`,
    "x".repeat(65),
    "m:extra",
    "r:",
    "q:~",
    "q:~m",
    "q:~q:~sm",
    "c:~s:call",
    "r:x5aw49",
    "r:x5aw49-",
    "r:X5AW49-1",
    "r:x5aw49-01",
    "r:x5aw49-1000",
    "r:toolongtoken-1",
    "__proto__",
    "constructor",
    "ft:",
    "ft:x",
    "ft:s-",
    "ft:p-TRUMP",
    "ft:n-x",
    "uf:s-a:b",
    "ua:n",
    "w:24",
    "w:08",
    "w:-1",
    "qh:7-7",
    "qh:23-24",
    "qh:on",
    "z:xyz",
    "z:u+415",
    "z:u+03",
    "z:u-0",
    "z:u+15",
    "z:u+3:30",
    "o:c",
    "o:s:call",
    "o:o:m",
    "st:p-",
  ])("rejects malformed or forged data %j", (data) => {
    expect(decodeRoute(data)).toBeUndefined();
  });
});

describe("deep-link payloads", () => {
  it.each(ROUTES.filter((r) => routePayload(r) !== undefined))("round-trips %j", (route) => {
    const payload = routePayload(route) ?? "";
    expect(payload).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(parsePayload(payload)).toEqual(route);
  });

  it("has no payload for actions", () => {
    expect(routePayload({ to: "cancel" })).toBeUndefined();
    expect(routePayload({ to: "set-language", lang: "ar" })).toBeUndefined();
  });

  it("follows a person by link: `follow-<person>`", () => {
    expect(parsePayload("follow-trump")).toEqual({
      to: "follow-topic",
      topic: { kind: "person", personId: "trump" },
    });
    expect(parsePayload("follow")).toEqual({ to: "follow" });
    expect(routePayload({ to: "follow-topic", topic: { kind: "new" } })).toBeUndefined();
  });

  it.each([
    "",
    "nope",
    "section-",
    "quotes-TRUMP",
    "__proto__",
    "constructor",
    "toString",
    "section-a/b",
    "follow-",
    "follow-A",
  ])("treats %j as unknown", (payload) => {
    expect(parsePayload(payload)).toBeUndefined();
  });
});

describe("story keys in callback data and deep links", () => {
  it.each(ROUTES)("%j round-trips with the longest key, inside Telegram's limits", (route) => {
    const data = encodeTarget("abcd", route);
    expect(data).toMatch(/^[\x21-\x7e]+$/);
    expect(decodeTarget(data)).toEqual({ key: "abcd", route });
    const payload = targetPayload("abcd", route);
    if (payload !== undefined) {
      expect(payload).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
      expect(parseTargetPayload(payload)).toEqual({ key: "abcd", route });
    }
  });

  it("the longest ids with the longest key still fit", () => {
    const id = "a".repeat(24);
    expect(Buffer.byteLength(encodeTarget("abcd", { to: "card-sources", id }))).toBeLessThanOrEqual(
      CALLBACK_DATA_LIMIT,
    );
    expect(targetPayload("abcd", { to: "section", id })?.length).toBeLessThanOrEqual(64);
  });

  it("keyless data and payloads from before keys decode with no key (the legacy story)", () => {
    expect(decodeTarget("s:call")).toEqual({ key: undefined, route: { to: "section", id: "call" } });
    expect(decodeTarget("x")).toEqual({ key: undefined, route: { to: "card", id: "exchange" } });
    expect(parseTargetPayload("exchange")).toEqual({ key: undefined, route: { to: "card", id: "exchange" } });
    expect(parseTargetPayload("section-call")).toEqual({
      key: undefined,
      route: { to: "section", id: "call" },
    });
  });

  it("a known key with an unknown rest of payload opens that story's start", () => {
    expect(parseTargetPayload("pt_nothing")).toEqual({ key: "pt", route: { to: "menu" } });
  });

  it.each(["ABC.m", "abcde.m", ".m", "pt.", "pt.zz", "pt.s:ترامب", "p t.m", "pt..m", `pt.${"a".repeat(62)}`])(
    "rejects malformed keyed data %j",
    (data) => {
      expect(decodeTarget(data)).toBeUndefined();
    },
  );

  it.each(["PT_menu", "abcde_menu", "_menu"])("rejects a malformed key in payload %j", (payload) => {
    expect(parseTargetPayload(payload)).toBeUndefined();
  });
});
