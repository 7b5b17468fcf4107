import { FormattedString } from "@grammyjs/parse-mode";
import type { InlineKeyboardButton } from "grammy/types";
import type { Lang } from "../../../content/schema.js";
import { localize, type Story } from "../../../content/story.js";
import type { PushPrefs, Topic } from "../../../push/follow-store.js";
import { namedZone, OFFSETS, offsetCode, offsetZone, ZONES } from "../../../push/zones.js";
import { lines, setApart } from "../text.js";
import { button, menuButton, rows, type Screen, screen, type View } from "../view.js";

/** What a chat follows and how it wants pushes: what the follow screens show. */
export interface FollowState {
  topics: readonly Topic[];
  /** `undefined` until the chat first follows something. */
  prefs: PushPrefs | undefined;
  /** A group's settings, which only its admins change. */
  group: boolean;
}

/** The quiet-hour windows offered: the nights people keep, each a tap. */
export const QUIET_WINDOWS: readonly { from: number; to: number }[] = [
  { from: 21, to: 6 },
  { from: 22, to: 6 },
  { from: 22, to: 7 },
  { from: 23, to: 7 },
  { from: 23, to: 8 },
  { from: 0, to: 7 },
  { from: 0, to: 8 },
  { from: 1, to: 9 },
];

/** People a story screen offers to follow, at most. */
const PEOPLE_OFFERED = 8;
/** Labels longer than this go on a row of their own (a two-button row on a phone fits no more). */
const PAIR_LABEL_LIMIT = 16;
/** A title in a button label is cut here. */
const TITLE_LIMIT = 32;

/** An hour as the screens show it: `08:00`. */
export function hourLabel(hour: number): string {
  return `${String(hour).padStart(2, "0")}:00`;
}

function cut(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

/** A person's name in the interface language (else in any), looked up across the stories served. */
export function personName(view: View, personId: string): string {
  const stories = [view.story, ...view.stories];
  for (const story of stories) {
    const person = story.people.get(personId);
    if (person) return person.name[view.lang] ?? person.name.ar ?? person.name.en ?? personId;
  }
  return personId;
}

/** Whether any story served names this person id. */
export function knownPerson(view: View, personId: string): boolean {
  return view.stories.some((story) => story.people.has(personId)) || view.story.people.has(personId);
}

function titleOf(view: View, story: Story): string {
  return localize(story.data.title, view.lang, story.data.language).text;
}

function storyById(view: View, storyId: string): Story | undefined {
  return view.stories.find((story) => story.data.id === storyId);
}

/** A topic in a sentence ("New stories about Donald Trump"). */
export function topicText(view: View, topic: Topic): string {
  switch (topic.kind) {
    case "new":
      return view.t("topic-new");
    case "story": {
      const story = storyById(view, topic.storyId);
      return view.t("topic-story", { title: story ? titleOf(view, story) : topic.storyId });
    }
    case "person":
      return view.t("topic-person", { name: personName(view, topic.personId) });
  }
}

/** A topic on an Unfollow button (short: a title is cut, a person is their name). */
function topicLabel(view: View, topic: Topic): string {
  switch (topic.kind) {
    case "new":
      return view.t("topic-new-short");
    case "story": {
      const story = storyById(view, topic.storyId);
      return view.t("topic-story-short", {
        title: cut(story ? titleOf(view, story) : topic.storyId, TITLE_LIMIT),
      });
    }
    case "person":
      return personName(view, topic.personId);
  }
}

const sameTopic = (a: Topic, b: Topic): boolean =>
  a.kind === b.kind &&
  (a.kind !== "story" || (b.kind === "story" && a.storyId === b.storyId)) &&
  (a.kind !== "person" || (b.kind === "person" && a.personId === b.personId));

/** Whether a chat follows a topic. */
export function follows(state: Pick<FollowState, "topics">, topic: Topic): boolean {
  return state.topics.some((own) => sameTopic(own, topic));
}

/** Buttons two to a row where their labels are short, else one to a row. */
function pairs(buttons: InlineKeyboardButton.CallbackButton[]): InlineKeyboardButton.CallbackButton[][] {
  const out: InlineKeyboardButton.CallbackButton[][] = [];
  let open: InlineKeyboardButton.CallbackButton | undefined;
  for (const b of buttons) {
    const short = [...b.text.replace(/[\u200f\u2068\u2069]/gu, "")].length <= PAIR_LABEL_LIMIT;
    if (!short) {
      out.push([b]);
      continue;
    }
    if (open) {
      out.push([open, b]);
      open = undefined;
    } else open = b;
  }
  if (open) out.push([open]);
  return out;
}

/** The chat's time zone as the screens name it: a common zone by its cities, else as stored. */
export function zoneLabel(lang: Lang, timeZone: string): string {
  return namedZone(timeZone)?.cities[lang] ?? timeZone;
}

/** The lines that say when pushes come: instantly or as a digest, the quiet hours, the time zone. */
function whenLines(view: View, prefs: PushPrefs): string[] {
  const { t } = view;
  const out = [
    prefs.mode === "digest" && prefs.digestHour !== undefined
      ? t("follow-when-digest", { hour: hourLabel(prefs.digestHour) })
      : t("follow-when-instant"),
  ];
  if (prefs.quiet)
    out.push(t("follow-quiet", { from: hourLabel(prefs.quiet.from), to: hourLabel(prefs.quiet.to) }));
  if (prefs.timeZone !== undefined && (prefs.mode === "digest" || prefs.quiet))
    out.push(t("follow-zone", { zone: zoneLabel(view.lang, prefs.timeZone) }));
  return out;
}

/**
 * The follow settings: what the chat follows (each with a button that stops it), what else it can follow
 * from the story it is in (new stories, this story's corrections, its people), when pushes come, and a way
 * to stop everything. `lead` is a line put first (what was just done).
 */
export function followScreen(view: View, state: FollowState, lead?: string): Screen {
  const { t, story } = view;
  const followed = state.topics;
  const head: Array<FormattedString | string> = [FormattedString.b(t("follow-title"))];
  if (lead !== undefined) head.push(lead);
  const body: Array<FormattedString | string> = [];
  if (followed.length === 0) {
    body.push(t(state.group ? "follow-nothing-group" : "follow-nothing"));
  } else {
    body.push(
      t(state.group ? "follow-group" : "follow-you"),
      ...followed.map((topic) => `• ${topicText(view, topic)}`),
    );
    if (state.prefs) body.push("", ...whenLines(view, state.prefs));
  }

  const stops = followed.map((topic) => [
    button(view, t("btn-unfollow", { topic: topicLabel(view, topic) }), { to: "unfollow-topic", topic }),
  ]);
  const offers: InlineKeyboardButton.CallbackButton[] = [];
  if (!follows(state, { kind: "new" }))
    offers.push(button(view, t("btn-follow-new"), { to: "follow-topic", topic: { kind: "new" } }));
  const own: Topic = { kind: "story", storyId: story.data.id };
  if (!follows(state, own))
    offers.push(button(view, t("btn-follow-story"), { to: "follow-topic", topic: own }));
  const people = [...story.speakers, ...story.data.people.filter((p) => !story.quotesBy.has(p.id))]
    .filter((person) => !follows(state, { kind: "person", personId: person.id }))
    .slice(0, PEOPLE_OFFERED)
    .map((person) =>
      button(view, t("btn-follow-person", { name: personName(view, person.id) }), {
        to: "follow-topic",
        topic: { kind: "person", personId: person.id },
      }),
    );
  const more = offers.length + people.length > 0 && followed.length > 0 ? [setApart(t("follow-more"))] : [];
  const settings =
    followed.length > 0
      ? [
          [button(view, t("btn-when"), { to: "when" }), button(view, t("btn-quiet"), { to: "quiet" })],
          [button(view, t("btn-unfollow-all"), { to: "unfollow-all" })],
        ]
      : [];
  return screen(
    view,
    [lines(...head), lines(...body), ...(more.length > 0 ? [lines(...more)] : [])],
    [...stops, ...offers.map((offer) => [offer]), ...pairs(people), ...settings, [menuButton(view)]],
  );
}

/** "Back" to the follow settings, and the menu. */
function backRow(view: View): InlineKeyboardButton.CallbackButton[] {
  return [button(view, view.t("btn-back-follow"), { to: "following" }), menuButton(view)];
}

/** The time-zone button, once the chat has a zone (asked for the first time only when an hour is set). */
function zoneRow(view: View, prefs: PushPrefs | undefined): InlineKeyboardButton.CallbackButton[] {
  if (prefs?.timeZone === undefined) return [];
  return [
    button(view, view.t("btn-zone-is", { zone: zoneLabel(view.lang, prefs.timeZone) }), { to: "zones" }),
  ];
}

/** When pushes come: instantly (the default) or one daily digest at an hour of the chat's day. */
export function whenScreen(view: View, prefs: PushPrefs | undefined, lead?: string): Screen {
  const { t } = view;
  const digest = prefs?.mode === "digest" ? prefs.digestHour : undefined;
  const mark = (on: boolean, label: string) => (on ? `✓ ${label}` : label);
  const hours = Array.from({ length: 24 }, (_, hour) =>
    button(view, mark(digest === hour, hourLabel(hour)), { to: "set-when", hour }),
  );
  const now =
    digest === undefined ? t("follow-when-instant") : t("follow-when-digest", { hour: hourLabel(digest) });
  return screen(
    view,
    [
      lines(
        FormattedString.b(t("when-title")),
        ...(lead === undefined ? [] : [lead]),
        now,
        "",
        t("when-hint"),
      ),
    ],
    [
      [button(view, mark(digest === undefined, t("btn-instant")), { to: "set-when" })],
      ...rows(hours, 6),
      zoneRow(view, prefs),
      backRow(view),
    ],
  );
}

/** Quiet hours: a window of the night in which pushes arrive without sound, or none. */
export function quietScreen(view: View, prefs: PushPrefs | undefined, lead?: string): Screen {
  const { t } = view;
  const quiet = prefs?.quiet;
  const isOn = (w: { from: number; to: number }) => quiet?.from === w.from && quiet.to === w.to;
  const windows = QUIET_WINDOWS.map((window) => {
    const label = t("quiet-window", { from: hourLabel(window.from), to: hourLabel(window.to) });
    return button(view, isOn(window) ? `✓ ${label}` : label, { to: "set-quiet", window });
  });
  const now = quiet
    ? t("quiet-now", { from: hourLabel(quiet.from), to: hourLabel(quiet.to) })
    : t("quiet-now-none");
  return screen(
    view,
    [
      lines(
        FormattedString.b(t("quiet-title")),
        ...(lead === undefined ? [] : [lead]),
        now,
        "",
        t("quiet-hint"),
      ),
    ],
    [
      ...rows(windows, 2),
      [button(view, quiet ? t("btn-quiet-off") : `✓ ${t("btn-quiet-off")}`, { to: "set-quiet" })],
      zoneRow(view, prefs),
      backRow(view),
    ],
  );
}

/**
 * The time-zone choice: the common zones by their cities, or (`offsets`) plain UTC offsets. `lead` says why
 * it is asked (an hour was just set).
 */
export function zonesScreen(
  view: View,
  prefs: PushPrefs | undefined,
  offsets: boolean,
  lead?: string,
): Screen {
  const { t, lang } = view;
  const current = prefs?.timeZone;
  const mark = (on: boolean, label: string) => (on ? `✓ ${label}` : label);
  const choices = offsets
    ? OFFSETS.map((minutes) =>
        button(view, mark(current === offsetZone(minutes), offsetZone(minutes).slice(3)), {
          to: "set-zone",
          zone: offsetCode(minutes),
        }),
      )
    : ZONES.map((zone) =>
        button(view, mark(current === zone.zone, zone.cities[lang]), { to: "set-zone", zone: zone.code }),
      );
  const other = offsets
    ? button(view, t("btn-zones-back"), { to: "zones" })
    : button(view, t("btn-offsets"), { to: "zones", offsets: true });
  return screen(
    view,
    [
      lines(
        FormattedString.b(t("zone-title")),
        ...(lead === undefined ? [] : [lead]),
        ...(current === undefined ? [] : [t("zone-now", { zone: zoneLabel(lang, current) })]),
        "",
        t(offsets ? "zone-hint-offsets" : "zone-hint"),
      ),
    ],
    [...rows(choices, offsets ? 4 : 2), [other], backRow(view)],
  );
}

/** The one confirmation before everything the chat follows is stopped. */
export function unfollowAllScreen(view: View): Screen {
  const { t } = view;
  return screen(
    view,
    [lines(FormattedString.b(t("follow-title")), t("unfollow-ask"))],
    [
      [
        button(view, t("btn-unfollow-yes"), { to: "unfollow-all", sure: true }),
        button(view, t("btn-unfollow-keep"), { to: "following" }),
      ],
      [menuButton(view)],
    ],
  );
}

/** The topic's wording for a notice (a toast, a lead line). */
export function topicNotice(view: View, topic: Topic): string {
  return topicText(view, topic);
}
