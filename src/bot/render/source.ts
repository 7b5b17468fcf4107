/**
 * Provenance as readers see it: the outlet (linked to the original where there is a link), the author
 * and the original's date, in one line. Dates read as readers expect in their language («1 ديسمبر 2026»,
 * `1 December 2026`); a date with a time also carries Telegram's date_time entity, so clients that know it
 * show it in the reader's own time zone. A story without `source` gets nothing: nothing is invented.
 */
import { FormattedString } from "@grammyjs/parse-mode";
import type { MessageEntity } from "grammy/types";
import type { Lang, Source } from "../../content/schema.js";
import { localize, type Story } from "../../content/story.js";
import { isolate } from "./bidi.js";
import type { View } from "./view.js";

const DATE_FORMATS: Record<Lang, Intl.DateTimeFormat> = {
  // Arabic month names with the digits the stories themselves use («فبراير 2022»).
  ar: new Intl.DateTimeFormat("ar-u-nu-latn", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }),
  en: new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }),
};

/**
 * A publication date in the reader's language: the calendar day the value names (a date-time's own day,
 * whatever its offset), and for a date-time a date_time entity over it.
 */
export function sourceDate(published: string, lang: Lang): FormattedString {
  const day = new Date(`${published.slice(0, 10)}T00:00:00Z`);
  const text = DATE_FORMATS[lang].format(day);
  if (!published.includes("T")) return new FormattedString(text);
  const entity: MessageEntity = {
    type: "date_time",
    offset: 0,
    length: text.length,
    unix_time: Math.floor(Date.parse(published) / 1000),
    date_time_format: "D",
  } as MessageEntity;
  return new FormattedString(text, [entity]);
}

/** A name from the source for the reader: theirs where translated, else the original's, isolated in Arabic. */
function named(source: Source, field: "outlet" | "author", view: View, story: Story): string | undefined {
  const text = source[field];
  if (text === undefined) return undefined;
  const picked = localize(text, view.lang, story.data.language).text;
  return view.lang === "ar" ? isolate(picked) : picked;
}

function outletText(source: Source, view: View, story: Story): FormattedString {
  const outlet = named(source, "outlet", view, story) ?? "";
  return source.url !== undefined ? FormattedString.link(outlet, source.url) : new FormattedString(outlet);
}

/**
 * The source line of a story's first screen, its full text and /stories: «المصدر: صحيفة المدينة، بقلم ريم
 * ناصر، 1 ديسمبر 2026». Undefined for a story without `source`.
 */
export function sourceLine(view: View, story: Story = view.story): FormattedString | undefined {
  const source = story.data.source;
  if (source === undefined) return undefined;
  const sep = view.t("source-sep");
  let line = new FormattedString(`${view.t("source-label")} `).concat(outletText(source, view, story));
  const author = named(source, "author", view, story);
  if (author !== undefined) line = line.plain(sep + view.t("source-author", { author }));
  if (source.published !== undefined) line = line.plain(sep).concat(sourceDate(source.published, view.lang));
  return line;
}

/** The foot of a shared passage: «— صحيفة المدينة، 1 ديسمبر 2026». Undefined for a story without `source`. */
export function sourceFoot(view: View, story: Story = view.story): FormattedString | undefined {
  const source = story.data.source;
  if (source === undefined) return undefined;
  let foot = new FormattedString("— ").concat(outletText(source, view, story));
  if (source.published !== undefined) {
    foot = foot.plain(view.t("source-sep")).concat(sourceDate(source.published, view.lang));
  }
  return foot;
}
