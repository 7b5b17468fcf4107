import { FormattedString } from "@grammyjs/parse-mode";
import type { InlineKeyboardButton, InlineKeyboardMarkup, MessageEntity } from "grammy/types";
import type { Lang, Localized } from "../../content/schema.js";
import { localize, type Story } from "../../content/story.js";
import type { PushPrefs, Topic } from "../../push/follow-store.js";
import type { PushEvent } from "../../push/push-event.js";
import type { ReaderViews } from "../reader-views.js";
import type { OpenRoute } from "../routes.js";
import { lines, MESSAGE_LIMIT, setApart } from "./text.js";
import { button, localizer, type Screen, screen, type View } from "./view.js";

/**
 * Push messages: what the bot sends unasked to the chats that follow something. Pure functions of the
 * story, the chat's prefs and the UI strings, like every screen; the push engine sends what they return
 * (one message each) and edits earlier pushes with them.
 *
 * Their buttons open screens as new messages (route `open`), so a push keeps saying what it said and the
 * engine can still edit it in place; 🔕 "Stop these" ends the kind of push it is, and turns into Undo.
 */

/** One message, ready for `sendMessage` / `editMessageText`. */
export interface PushMessage {
  text: string;
  entities: MessageEntity[];
  reply_markup: InlineKeyboardMarkup;
}

/** One correction's note, as a story's `corrections[]` holds it (the note in one or both languages). */
export interface CorrectionNote {
  /** ISO date (or date-time) of the correction. */
  date: string;
  ar?: string;
  en?: string;
}

/** What an earlier push of a story shows once the story changed (the engine edits it in place). */
export type PushMark = { kind: "corrected"; date: string } | { kind: "withdrawn"; note: Partial<Localized> };

/** What a push needs beyond its story and event. */
export interface PushOptions {
  /**
   * The topic through which the chat gets this push, which its 🔕 "Stop these" stops. Default: new stories
   * for a story or a digest, the story's corrections for a correction.
   */
  via?: Topic;
  /** The chat's time zone, for dates with a time (`PushPrefs.timeZone`). */
  timeZone?: string;
  /** For an edit of an earlier story push: the story was corrected or withdrawn since. */
  mark?: PushMark;
}

/** Stories a digest lists with a button each; more are counted and left to "All stories". */
export const DIGEST_STORIES = 10;
/** A digest cuts each title and standfirst here, so ten of them fit one message. */
const DIGEST_TITLE = 120;
const DIGEST_STANDFIRST = 160;
/** Button labels are cut here (Telegram shows only the start of a long one anyway). */
const LABEL_LIMIT = 48;

function cut(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

/**
 * A date as the reader's language writes it ("6 December 2026", "6 ديسمبر 2026", Western digits as the
 * rest of the interface). A date without a time is a day, shown as that day whatever the zone; a date-time
 * is shown in the chat's zone when it has one.
 */
export function pushDate(iso: string, lang: Lang, timeZone?: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const locale = lang === "ar" ? "ar-u-nu-latn" : "en-GB";
  const format = (date: Date, zone: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: zone }).format(date);
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso) || timeZone === undefined) return format(at, "UTC");
  // A fixed offset (`UTC+05:30`): the same instant moved by it, read in UTC (not every Intl knows offsets).
  const fixed = /^UTC([+-])(\d{2}):(\d{2})$/.exec(timeZone);
  if (fixed) {
    const minutes = (Number(fixed[2]) * 60 + Number(fixed[3])) * (fixed[1] === "-" ? -1 : 1);
    return format(new Date(at.getTime() + minutes * 60_000), "UTC");
  }
  try {
    return format(at, timeZone);
  } catch {
    return format(at, "UTC");
  }
}

/** A button that opens a screen of a story as a new message. */
function openButton(view: View, label: string, route: OpenRoute, story: Story = view.story) {
  return button(view, label, { to: "open", route }, story);
}

function stopButton(view: View, topic: Topic, story: Story = view.story) {
  return button(view, view.t("btn-stop-these"), { to: "stop", topic }, story);
}

/** The one message of a rendered screen, as a push. */
function asPush(shown: Screen): PushMessage {
  const [first, ...rest] = shown.messages;
  if (first === undefined || rest.length > 0) throw new Error("a push is one message");
  return {
    text: first.text,
    entities: [...first.entities],
    reply_markup: shown.keyboard ?? { inline_keyboard: [] },
  };
}

/** The ways to read a story from its push: its summary (if it has one) and its full text. */
function readRow(view: View): InlineKeyboardButton.CallbackButton[] {
  const { t, story } = view;
  return [
    ...(story.data.summary.length > 0 ? [openButton(view, t("btn-summary"), { to: "summary" })] : []),
    openButton(view, t("btn-full"), { to: "full", lang: view.lang }),
  ];
}

/**
 * A new story: a "new story" line with its date, its title and standfirst in the chat's language (the
 * original, with the usual one-line note, where there is no translation), and buttons to read it, to stop
 * these pushes and to open the menu. With `mark`, the same push as it reads after a correction or a
 * withdrawal (a withdrawn story keeps only its title and the editors' note, and a way to the menu).
 */
export function storyPush(view: View, options: PushOptions & { menuStory?: Story } = {}): PushMessage {
  const { t, story, lang } = view;
  const text = localizer(view);
  const via = options.via ?? { kind: "new" };
  const title = FormattedString.b(text.say(story.data.title));
  const date = pushDate(story.data.published, lang, options.timeZone);
  if (options.mark?.kind === "withdrawn") {
    const note = options.mark.note;
    const menuStory = options.menuStory ?? story;
    return asPush(
      screen(
        view,
        [lines(title, t("push-withdrawn", { note: text.say(note) }), ...text.note())],
        [[openButton(view, t("btn-menu"), { to: "menu" }, menuStory)]],
      ),
    );
  }
  const corrected =
    options.mark?.kind === "corrected"
      ? [t("push-corrected-mark", { date: pushDate(options.mark.date, lang, options.timeZone) })]
      : [];
  return asPush(
    screen(
      view,
      [
        lines(
          t("push-new", { date }),
          title,
          setApart(text.say(story.data.standfirst)),
          ...corrected,
          ...text.note(),
        ),
      ],
      [readRow(view), [stopButton(view, via)], [openButton(view, t("btn-menu"), { to: "menu" })]],
    ),
  );
}

/**
 * A correction: "Corrected: <note>" (the note in the chat's language, else the original's, with the note
 * that it is untranslated), the story's title, a button to the story, 🔕 Stop these and the menu.
 */
export function correctionPush(
  view: View,
  correction: CorrectionNote,
  options: PushOptions = {},
): PushMessage {
  const { t, story } = view;
  const text = localizer(view);
  const via = options.via ?? { kind: "story", storyId: story.data.id };
  const note = text.say(correction);
  const open: OpenRoute = story.data.summary.length > 0 ? { to: "summary" } : { to: "full", lang: view.lang };
  return asPush(
    screen(
      view,
      [
        lines(
          t("push-corrected", { note }),
          FormattedString.b(text.say(story.data.title)),
          setApart(t("push-corrected-on", { date: pushDate(correction.date, view.lang, options.timeZone) })),
          ...text.note(),
        ),
      ],
      [
        [openButton(view, t("btn-read-story"), open)],
        [stopButton(view, via)],
        [openButton(view, t("btn-menu"), { to: "menu" })],
      ],
    ),
  );
}

/**
 * The daily digest: one message with every new story since the last one, newest first, each with a button
 * that opens it; past `DIGEST_STORIES` the rest are counted and "All stories" lists them. `view` gives the
 * language and the story the menu button opens (the newest served). Returns `undefined` for no stories:
 * an empty digest is not sent.
 */
export function digestPush(
  view: View,
  stories: readonly Story[],
  options: PushOptions = {},
): PushMessage | undefined {
  if (stories.length === 0) return undefined;
  const { t, lang } = view;
  const via = options.via ?? { kind: "new" };
  const shown = stories.slice(0, DIGEST_STORIES);
  let fellBack = false;
  const say = (story: Story, field: "title" | "standfirst") => {
    const picked = localize(story.data[field], lang, story.data.language);
    if (picked.fallback) fellBack = true;
    return picked.text;
  };
  const entries = shown.map((story, i) =>
    lines(
      FormattedString.b(`${i + 1}. ${cut(say(story, "title"), DIGEST_TITLE)}`),
      setApart(cut(say(story, "standfirst"), DIGEST_STANDFIRST)),
    ),
  );
  const rest = stories.length - shown.length;
  const parts = [
    lines(FormattedString.b(t("digest-title", { count: stories.length }))),
    ...entries,
    ...(rest > 0 ? [lines(t("digest-more", { count: rest }))] : []),
    ...(fellBack ? [setApart(t("untranslated-note"))] : []),
  ];
  const open = shown.map((story, i) => [
    openButton(view, cut(`${i + 1}. ${say(story, "title")}`, LABEL_LIMIT), { to: "menu" }, story),
  ]);
  const keyboard = [
    ...open,
    ...(rest > 0 ? [[openButton(view, t("btn-all-stories"), { to: "stories", page: 0 })]] : []),
    [stopButton(view, via), openButton(view, t("btn-menu"), { to: "menu" })],
  ];
  const rendered = screen(view, [FormattedString.join(parts, "\n\n")], keyboard);
  const [first] = rendered.messages;
  if (rendered.messages.length === 1 && first !== undefined && first.text.length <= MESSAGE_LIMIT)
    return asPush(rendered);
  // Titles alone always fit: ten of at most 120 characters.
  const titles = shown.map((story, i) =>
    FormattedString.b(`${i + 1}. ${cut(say(story, "title"), DIGEST_TITLE)}`),
  );
  return asPush(
    screen(
      view,
      [lines(FormattedString.b(t("digest-title", { count: stories.length })), ...titles)],
      keyboard,
    ),
  );
}

/** What the engine hands the renderer for one event and one chat. */
export interface PushInput {
  event: PushEvent;
  /** The event's story, as the catalog (or the content the engine read) has it. */
  story: Story;
  /** The chat's prefs: its language and time zone. */
  prefs: PushPrefs;
  /** A correction's note (required for `kind: "correction"`). */
  correction?: CorrectionNote;
  via?: Topic;
}

/**
 * The push for one event in one chat, in the chat's language: a new story or a correction. A withdrawal
 * sends nothing new (`undefined`); the engine edits earlier pushes with `storyPush(…, { mark })`.
 */
export function renderPush(views: ReaderViews, input: PushInput): PushMessage | undefined {
  const { event, story, prefs } = input;
  const view = views.for(prefs.lang, story);
  const options: PushOptions = {
    ...(input.via === undefined ? {} : { via: input.via }),
    ...(prefs.timeZone === undefined ? {} : { timeZone: prefs.timeZone }),
  };
  switch (event.kind) {
    case "story":
      return storyPush(view, options);
    case "correction":
      if (input.correction === undefined) throw new Error(`the correction ${event.id} needs its note`);
      return correctionPush(view, input.correction, options);
    case "withdrawal":
      return undefined;
  }
}

/** The daily digest for one chat (see `digestPush`), the menu button opening the newest story served. */
export function renderDigest(
  views: ReaderViews,
  stories: readonly Story[],
  prefs: PushPrefs,
  via?: Topic,
): PushMessage | undefined {
  const view = views.for(prefs.lang, views.catalog.newest);
  return digestPush(view, stories, {
    ...(via === undefined ? {} : { via }),
    ...(prefs.timeZone === undefined ? {} : { timeZone: prefs.timeZone }),
  });
}
