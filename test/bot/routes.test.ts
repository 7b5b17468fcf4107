import { describe, expect, it } from "vitest";
import {
  CALLBACK_DATA_LIMIT,
  decodeRoute,
  encodeRoute,
  parsePayload,
  type Route,
  routePayload,
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
  { to: "cancel" },
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
    "__proto__",
    "constructor",
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

  it.each(["", "nope", "section-", "quotes-TRUMP", "__proto__", "constructor", "toString", "section-a/b"])(
    "treats %j as unknown",
    (payload) => {
      expect(parsePayload(payload)).toBeUndefined();
    },
  );
});
