import type { PushPrefs } from "./follow-store.js";

/**
 * Time zones for the hours readers pick (a digest hour, quiet hours). Telegram never tells a bot where a
 * reader is, so the bot asks once, from a short list: the zones most of its Arabic- and English-speaking
 * readers live in, by their best-known cities, and plain UTC offsets for everyone else.
 */

/** A common zone: its short code (callback data), its IANA name and the cities its button names. */
export interface NamedZone {
  code: string;
  zone: string;
  cities: { ar: string; en: string };
}

/** The common zones, in the order the choice shows them. */
export const ZONES: readonly NamedZone[] = [
  { code: "ruh", zone: "Asia/Riyadh", cities: { ar: "الرياض، الكويت", en: "Riyadh, Kuwait" } },
  { code: "bgw", zone: "Asia/Baghdad", cities: { ar: "بغداد", en: "Baghdad" } },
  { code: "dxb", zone: "Asia/Dubai", cities: { ar: "دبي، مسقط", en: "Dubai, Muscat" } },
  { code: "cai", zone: "Africa/Cairo", cities: { ar: "القاهرة", en: "Cairo" } },
  { code: "amm", zone: "Asia/Amman", cities: { ar: "عمّان، دمشق", en: "Amman, Damascus" } },
  { code: "bey", zone: "Asia/Beirut", cities: { ar: "بيروت", en: "Beirut" } },
  { code: "alg", zone: "Africa/Algiers", cities: { ar: "الجزائر، تونس", en: "Algiers, Tunis" } },
  { code: "cas", zone: "Africa/Casablanca", cities: { ar: "الدار البيضاء", en: "Casablanca" } },
  { code: "lon", zone: "Europe/London", cities: { ar: "لندن", en: "London" } },
  { code: "nyc", zone: "America/New_York", cities: { ar: "نيويورك", en: "New York" } },
  { code: "chi", zone: "America/Chicago", cities: { ar: "شيكاغو", en: "Chicago" } },
  { code: "lax", zone: "America/Los_Angeles", cities: { ar: "لوس أنجلوس", en: "Los Angeles" } },
  { code: "del", zone: "Asia/Kolkata", cities: { ar: "دلهي، مومباي", en: "Delhi, Mumbai" } },
  { code: "syd", zone: "Australia/Sydney", cities: { ar: "سيدني", en: "Sydney" } },
];

/** UTC offsets in minutes, for readers outside the common zones: every whole hour, and the half hours in use. */
export const OFFSETS: readonly number[] = [
  ...Array.from({ length: 27 }, (_, i) => (i - 12) * 60),
  -210, // Newfoundland
  210, // Iran
  270, // Afghanistan
  330, // India, Sri Lanka
  345, // Nepal
  570, // central Australia
].sort((a, b) => a - b);

const OFFSET_CODE = /^u([+-])(\d{1,2})(30|45)?$/;
const OFFSET_ZONE = /^UTC([+-])(\d{2}):(\d{2})$/;

/** The code of a UTC offset: `u+3`, `u-5`, `u+530`. */
export function offsetCode(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  const rest = abs % 60;
  return `u${sign}${Math.floor(abs / 60)}${rest === 0 ? "" : String(rest)}`;
}

/** How a UTC offset is stored and shown: `UTC+03:00`. */
export function offsetZone(minutes: number): string {
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, "0");
  const mm = String(abs % 60).padStart(2, "0");
  return `UTC${minutes < 0 ? "-" : "+"}${hh}:${mm}`;
}

function offsetOfCode(code: string): number | undefined {
  const match = OFFSET_CODE.exec(code);
  if (!match) return undefined;
  const minutes = (Number(match[2]) * 60 + Number(match[3] ?? 0)) * (match[1] === "-" ? -1 : 1);
  // Only the one spelling `offsetCode` writes (not `u+03`, `u-0`).
  return OFFSETS.includes(minutes) && offsetCode(minutes) === code ? minutes : undefined;
}

/** Whether callback data names a zone the choice offers. */
export function isZoneCode(code: string): boolean {
  return ZONES.some((zone) => zone.code === code) || offsetOfCode(code) !== undefined;
}

/** The stored time zone (IANA name or `UTC±hh:mm`) a code stands for, or `undefined` for an unknown code. */
export function zoneOfCode(code: string): string | undefined {
  const named = ZONES.find((zone) => zone.code === code);
  if (named) return named.zone;
  const minutes = offsetOfCode(code);
  return minutes === undefined ? undefined : offsetZone(minutes);
}

/** The common zone stored under an IANA name, if it is one of the list. */
export function namedZone(timeZone: string): NamedZone | undefined {
  return ZONES.find((zone) => zone.zone === timeZone);
}

/**
 * The hour (0–23), minute and date (YYYY-MM-DD) it is in a time zone at `at`: what quiet hours and the
 * daily digest go by. An unknown zone counts as UTC, so a stored value that a later Node no longer knows
 * never stops pushes.
 */
export function localTime(
  timeZone: string | undefined,
  at: Date,
): { hour: number; minute: number; date: string } {
  const fixed = timeZone === undefined ? undefined : OFFSET_ZONE.exec(timeZone);
  if (fixed || timeZone === undefined || timeZone === "UTC") {
    const offset = fixed ? (Number(fixed[2]) * 60 + Number(fixed[3])) * (fixed[1] === "-" ? -1 : 1) : 0;
    const shifted = new Date(at.getTime() + offset * 60_000);
    return {
      hour: shifted.getUTCHours(),
      minute: shifted.getUTCMinutes(),
      date: shifted.toISOString().slice(0, 10),
    };
  }
  try {
    const parts = zoneFormat(timeZone).formatToParts(at);
    const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "00";
    return {
      hour: Number(part("hour")) % 24,
      minute: Number(part("minute")),
      date: `${part("year")}-${part("month")}-${part("day")}`,
    };
  } catch {
    return localTime(undefined, at);
  }
}

/** One formatter per zone: building an Intl.DateTimeFormat costs far more than using one. */
const formats = new Map<string, Intl.DateTimeFormat>();
function zoneFormat(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    formats.set(timeZone, format);
  }
  return format;
}

/** Whether a push at `at` falls in the chat's quiet hours (and so goes out silently). */
export function inQuietHours(prefs: PushPrefs, at: Date): boolean {
  const quiet = prefs.quiet;
  if (quiet === undefined || quiet.from === quiet.to) return false;
  const { hour } = localTime(prefs.timeZone, at);
  // A window past midnight (22–07) wraps: quiet from its start to midnight, and from midnight to its end.
  return quiet.from < quiet.to
    ? hour >= quiet.from && hour < quiet.to
    : hour >= quiet.from || hour < quiet.to;
}

/** Whether the chat's digest is due in the hour that `at` falls in (the engine sends it once that hour). */
export function digestDue(prefs: PushPrefs, at: Date): boolean {
  return prefs.mode === "digest" && prefs.digestHour === localTime(prefs.timeZone, at).hour;
}
