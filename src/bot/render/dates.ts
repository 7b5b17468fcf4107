import type { Lang } from "../../content/schema.js";

const DAY = { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" } as const;

/** Day formats per interface language; Arabic with Western digits, as the rest of the interface writes them. */
const FORMATS: Record<Lang, Intl.DateTimeFormat> = {
  ar: new Intl.DateTimeFormat("ar-u-nu-latn", DAY),
  en: new Intl.DateTimeFormat("en-GB", DAY),
};

/**
 * The calendar day of a story date (`2026-12-02` or `2026-12-02T23:30:00+03:00`) for readers: "2 December
 * 2026", «2 ديسمبر 2026». The day is the one the editors wrote, whatever its offset, so a late-evening
 * correction is not dated the next day in UTC.
 */
export function formatDay(iso: string, lang: Lang): string {
  return FORMATS[lang].format(Date.parse(iso.slice(0, 10)));
}
