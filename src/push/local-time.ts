import type { PushPrefs } from "./follow-store.js";

/** A chat's wall clock at `at`: the hour (0–23) and the date (YYYY-MM-DD) in its zone (UTC when unset). */
export function localClock(at: number, timeZone: string | undefined): { hour: number; date: string } {
  const offset = timeZone === undefined ? 0 : fixedOffsetMinutes(timeZone);
  if (offset !== undefined) {
    const shifted = new Date(at + offset * 60_000);
    return { hour: shifted.getUTCHours(), date: shifted.toISOString().slice(0, 10) };
  }
  try {
    const parts = zoneFormat(timeZone as string).formatToParts(at);
    const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? "00";
    return {
      hour: Number(part("hour")) % 24,
      date: `${part("year")}-${part("month")}-${part("day")}`,
    };
  } catch {
    // An unknown zone (a Node without full ICU, a renamed zone): UTC rather than no push at all.
    return localClock(at, undefined);
  }
}

/** Whether `hour` falls in the window `from` (inclusive) to `to` (exclusive), across midnight too. */
export function inWindow(hour: number, window: { from: number; to: number }): boolean {
  if (window.from === window.to) return false;
  return window.from < window.to
    ? hour >= window.from && hour < window.to
    : hour >= window.from || hour < window.to;
}

/** Whether a push at `at` falls in the chat's quiet hours (then it is sent with `disable_notification`). */
export function isQuiet(prefs: PushPrefs, at: number): boolean {
  return prefs.quiet !== undefined && inWindow(localClock(at, prefs.timeZone).hour, prefs.quiet);
}

/** "UTC+03:00", "UTC-4", "UTC" → minutes east of UTC; an IANA name → undefined. */
function fixedOffsetMinutes(zone: string): number | undefined {
  if (zone === "UTC" || zone === "Etc/UTC") return 0;
  const match = /^UTC([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(zone);
  if (match === null) return undefined;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === "-" ? -minutes : minutes;
}

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
      hourCycle: "h23",
    });
    formats.set(timeZone, format);
  }
  return format;
}
