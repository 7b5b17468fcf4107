import { FormattedString } from "@grammyjs/parse-mode";
import type { InlineKeyboardButton, InlineKeyboardMarkup } from "grammy/types";
import type { Lang, Localized } from "../../content/schema.js";
import { localize, type Story } from "../../content/story.js";
import { storyState } from "../../content/story-state.js";
import { encodeTarget, type Reported, type Route } from "../routes.js";
import { rtl } from "./bidi.js";
import { laidOut } from "./rtl-rows.js";
import { directed, pack, setApart } from "./text.js";

/** Looks up a UI string in the reader's language (see `locales/*.ftl`). */
export type Translate = (key: string, vars?: Record<string, string | number>) => string;

/** Everything a screen is rendered from: the story, the reader's language and the UI strings. */
export interface View {
  readonly story: Story;
  readonly lang: Lang;
  readonly t: Translate;
  /** Every story served, newest first (the story itself among them): for "More stories" and /stories. */
  readonly stories: readonly Story[];
  /** Whether readers can report an error to the editors (an editors' chat is configured). */
  readonly reports?: boolean;
}

/** What the bot shows: one or more messages (each within Telegram's limit), buttons under the last. */
export interface Screen {
  readonly messages: readonly FormattedString[];
  readonly keyboard?: InlineKeyboardMarkup;
}

/**
 * A button that opens a route of the view's story (its data carries the story's key); in the Arabic
 * interface its label starts right-to-left.
 */
export function button(
  view: View,
  label: string,
  route: Route,
  story: Story = view.story,
): InlineKeyboardButton.CallbackButton {
  return { text: view.lang === "ar" ? rtl(label) : label, callback_data: encodeTarget(story.key, route) };
}

/**
 * The line that says a story is not live, in the reader's language ("🚧 DRAFT…", "🕒 SCHEDULED…"), or
 * undefined for a live story.
 */
export function stateMark(view: View, story: Story): string | undefined {
  const state = storyState(story);
  return state === "live" ? undefined : view.t(`story-mark-${state}`);
}

/**
 * The ✍️ "Report an error" button of a story screen (`from` names the screen in the report), or none when
 * the bot has no editors' chat to send reports to.
 */
export function reportButton(view: View, from?: Reported): InlineKeyboardButton.CallbackButton[] {
  if (view.reports !== true) return [];
  return [button(view, view.t("btn-report"), from === undefined ? { to: "report" } : { to: "report", from })];
}

/** The "main menu" button most screens end with. */
export function menuButton(view: View): InlineKeyboardButton.CallbackButton {
  return button(view, view.t("btn-menu"), { to: "menu" });
}

/** Lays buttons out in rows of `width`, dropping empty rows. */
export function rows(
  buttons: readonly InlineKeyboardButton.CallbackButton[],
  width: number,
): InlineKeyboardButton.CallbackButton[][] {
  const out: InlineKeyboardButton.CallbackButton[][] = [];
  for (let i = 0; i < buttons.length; i += width) out.push(buttons.slice(i, i + width));
  return out;
}

/**
 * A block of story text in a language other than the interface's (an untranslated original): it is directed
 * for its own language, so an English paragraph in the Arabic interface keeps its left-to-right lines.
 */
export interface Foreign {
  readonly foreign: FormattedString;
  readonly lang: Lang;
}

/** A text block of a screen: in the screen's language, or foreign. */
export type Part = FormattedString | Foreign;

/**
 * Picks story texts for the reader's language, falling back to the original where a translation is
 * missing, and remembers whether it had to, so the screen can say so in one line (`note`).
 */
export function localizer(view: View) {
  let fellBack = false;
  const original = view.story.data.language;
  return {
    /** A localized field in the reader's language, or its original. */
    say(text: Localized | undefined): string {
      const picked = localize(text, view.lang, original);
      if (picked.fallback) fellBack = true;
      return picked.text;
    },
    /** A story text block (paragraph, quote) for the reader: its translation, or its original marked foreign. */
    block(text: Localized | undefined, format: (text: string) => FormattedString): Part {
      const picked = localize(text, view.lang, original);
      if (!picked.fallback) return format(picked.text);
      fellBack = true;
      return { foreign: format(picked.text), lang: original };
    },
    /** The one-line note for a screen that shows an original in place of a missing translation. */
    note(): FormattedString[] {
      return fellBack ? [setApart(view.t("untranslated-note"))] : [];
    },
  };
}

/** About how wide a line of a message is on a phone (390 points), in Latin letters, before it wraps. */
const PHONE_LINE = 36;
/** What a button takes beyond its label: its padding and the gap to the next, in Latin letters. */
const BUTTON_ROOM = 3;

/**
 * How wide a text is drawn, in Latin letters: an emoji takes about two, direction marks and isolates none,
 * and an Arabic letter `arabic` (joined letters take about three quarters of a Latin one).
 */
export function drawnWidth(text: string, arabic = 0.75): number {
  let width = 0;
  for (const ch of text.replace(/[\u200e\u200f\u2066-\u2069]/gu, "")) {
    // Short vowels and the emoji presentation selector sit on the character before them.
    if ((ch >= "\u064b" && ch <= "\u065f") || ch === "\u0670" || ch === "\ufe0f") continue;
    if (/[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]/u.test(ch)) width += arabic;
    else if (/\p{Extended_Pictographic}/u.test(ch)) width += 2;
    else width += 1;
  }
  return width;
}

/**
 * Rows that fit the width of the message they sit under: Telegram's clients make an inline keyboard as
 * wide as its message's bubble, and a bubble as wide as its longest line (up to the phone's width), so
 * under a short message a row of two buttons cuts their labels («📄 النص الكا…»). A row whose labels do
 * not fit side by side is laid out one button per row instead. Widths are measured as drawn: an Arabic
 * line is narrower than as many Latin letters, and a Latin name on a button wider.
 */
export function fitRows<T extends { text: string }>(rows: readonly T[][], text: string): T[][] {
  const longest = Math.max(0, ...text.split("\n").map((line) => drawnWidth(line)));
  const width = Math.min(PHONE_LINE, longest);
  return rows.flatMap((row) => {
    if (row.length < 2) return [row];
    // A label's Arabic letters count whole: an estimate that errs towards a row of its own, never a cut.
    const needed = row.reduce((sum, b) => sum + drawnWidth(b.text, 1) + BUTTON_ROOM, 0);
    return needed <= width ? [row] : row.map((b) => [b]);
  });
}

/**
 * Builds a screen from text blocks: directs every line for the language of the text (the reader's, unless
 * the screen shows content in another language), then packs the blocks into as few messages as Telegram's
 * limit allows, splitting only between blocks. Keyboard rows are written in reading order and laid out here,
 * in one place: mirrored in the Arabic interface, so the first button of a row sits on the right.
 */
export function screen(
  view: View,
  parts: readonly Part[],
  keyboard?: InlineKeyboardButton[][],
  textLang: Lang = view.lang,
  options: { mark?: boolean } = {},
): Screen {
  // A story readers do not get yet (a draft or a scheduled story, served by the preview only) says so on
  // every screen of it, first.
  const mark = options.mark === false ? undefined : stateMark(view, view.story);
  const messages = pack(
    [...(mark === undefined ? [] : [FormattedString.b(mark)]), ...parts].map((part) =>
      part instanceof FormattedString ? directed(part, textLang) : directed(part.foreign, part.lang),
    ),
  );
  const last = messages.at(-1)?.rawText ?? "";
  const fitted = fitRows(keyboard?.filter((row) => row.length > 0) ?? [], last);
  const rowsLeft = laidOut(fitted, view.lang);
  return rowsLeft.length > 0 ? { messages, keyboard: { inline_keyboard: rowsLeft } } : { messages };
}
