import { describe, expect, it } from "vitest";
import type { PushPrefs } from "../../src/push/follow-store.js";
import {
  digestDue,
  inQuietHours,
  isZoneCode,
  localTime,
  OFFSETS,
  offsetCode,
  offsetZone,
  ZONES,
  zoneOfCode,
} from "../../src/push/zones.js";

const at = (iso: string) => new Date(iso);
const prefs = (more: Partial<PushPrefs>): PushPrefs => ({ lang: "en", mode: "instant", ...more });

describe("time zones", () => {
  it("every offered zone is one this Node knows, with a short ASCII code", () => {
    for (const zone of ZONES) {
      expect(() => new Intl.DateTimeFormat("en", { timeZone: zone.zone })).not.toThrow();
      expect(zone.code).toMatch(/^[a-z]{3}$/);
      expect(zoneOfCode(zone.code)).toBe(zone.zone);
    }
  });

  it("offsets round-trip through their codes: u+3 is UTC+03:00, u+530 UTC+05:30, u-330 UTC-03:30", () => {
    for (const minutes of OFFSETS) expect(zoneOfCode(offsetCode(minutes))).toBe(offsetZone(minutes));
    expect(zoneOfCode("u+3")).toBe("UTC+03:00");
    expect(zoneOfCode("u+530")).toBe("UTC+05:30");
    expect(zoneOfCode("u-330")).toBe("UTC-03:30");
    expect(isZoneCode("u+15")).toBe(false);
    expect(isZoneCode("Asia/Riyadh")).toBe(false);
  });

  it("reads the local hour in a named zone, a fixed offset, and UTC for none or an unknown zone", () => {
    expect(localTime("Asia/Riyadh", at("2026-12-06T21:30:00Z"))).toEqual({
      hour: 0,
      minute: 30,
      date: "2026-12-07",
    });
    expect(localTime("UTC+05:30", at("2026-12-06T21:00:00Z"))).toMatchObject({ hour: 2, minute: 30 });
    expect(localTime("UTC-03:30", at("2026-12-06T01:00:00Z"))).toMatchObject({ hour: 21, minute: 30 });
    expect(localTime(undefined, at("2026-12-06T07:15:00Z"))).toMatchObject({ hour: 7, minute: 15 });
    expect(localTime("Mars/Olympus", at("2026-12-06T07:15:00Z"))).toMatchObject({ hour: 7, minute: 15 });
  });

  it("quiet hours wrap past midnight, `to` not included", () => {
    const night = prefs({ quiet: { from: 23, to: 7 }, timeZone: "Asia/Riyadh" });
    expect(inQuietHours(night, at("2026-12-06T20:00:00Z"))).toBe(true); // 23:00 in Riyadh
    expect(inQuietHours(night, at("2026-12-06T03:59:00Z"))).toBe(true); // 06:59
    expect(inQuietHours(night, at("2026-12-06T04:00:00Z"))).toBe(false); // 07:00
    expect(inQuietHours(night, at("2026-12-06T19:59:00Z"))).toBe(false); // 22:59
    const day = prefs({ quiet: { from: 1, to: 9 } });
    expect(inQuietHours(day, at("2026-12-06T08:00:00Z"))).toBe(true);
    expect(inQuietHours(day, at("2026-12-06T09:00:00Z"))).toBe(false);
    expect(inQuietHours(prefs({}), at("2026-12-06T02:00:00Z"))).toBe(false);
  });

  it("a digest is due in its hour of the chat's day only", () => {
    const digest = prefs({ mode: "digest", digestHour: 8, timeZone: "Africa/Cairo" });
    expect(digestDue(digest, at("2026-12-06T06:10:00Z"))).toBe(true); // 08:10 in Cairo (winter, UTC+2)
    expect(digestDue(digest, at("2026-12-06T08:10:00Z"))).toBe(false);
    expect(digestDue(prefs({ digestHour: 8 }), at("2026-12-06T08:10:00Z"))).toBe(false);
  });
});
