import { ID_PATTERN, KEY_PATTERN, type Lang, MAX_ID_LENGTH } from "../content/schema.js";
import type { Topic } from "../push/follow-store.js";
import { isZoneCode } from "../push/zones.js";

/**
 * Every screen the bot can show, and the two actions a button can take. Buttons carry a route as short
 * ASCII callback data, deep links carry one as a `/start` payload; both are parsed back strictly, so
 * forged or stale data becomes `undefined` rather than an exception.
 */
export type Route =
  | { to: "menu" }
  | { to: "summary" }
  /** The whole article; without `lang`, in the reader's language (its translation where one exists). */
  | { to: "full"; lang?: Lang; page?: number }
  | { to: "toc" }
  | { to: "section"; id: string }
  | { to: "speakers"; back?: Back }
  | { to: "quotes"; id: string }
  | { to: "card"; id: string }
  | { to: "card-sources"; id: string }
  | { to: "people" }
  | { to: "person"; id: string }
  /** The whole paragraphs that mention a person (their screen shows only the sentences). */
  | { to: "mentions"; id: string }
  | { to: "language" }
  | { to: "set-language"; lang: Lang }
  | { to: "help" }
  | { to: "stories"; page: number }
  /** The editors' corrections of the story, each with its date and note. */
  | { to: "corrections" }
  | { to: "results"; token: string; page: number }
  | { to: "cancel"; back?: Back }
  /** Follows new stories, then shows the follow settings (the 🔔 button, `/follow`, the `follow` link). */
  | { to: "follow" }
  /** The follow settings: what the chat follows, what else it can, and when pushes come. */
  | { to: "following" }
  | { to: "follow-topic"; topic: Topic }
  | { to: "unfollow-topic"; topic: Topic }
  /** Stop everything: the question first, then (`sure`) the stop. */
  | { to: "unfollow-all"; sure?: true }
  /** Instant pushes or a daily digest. */
  | { to: "when" }
  /** Without `hour`: instant; with it, a daily digest at that hour (0–23, the chat's time). */
  | { to: "set-when"; hour?: number }
  | { to: "quiet" }
  /** Without `window`: no quiet hours. */
  | { to: "set-quiet"; window?: { from: number; to: number } }
  /** The time-zone choice: common zones, or (`offsets`) plain UTC offsets. */
  | { to: "zones"; offsets?: true }
  /** A zone by its short code (see `ZONES`, `offsetZone`). */
  | { to: "set-zone"; zone: string }
  /** A push's 🔕 "Stop these": stops one topic, and its Undo follows it again. */
  | { to: "stop"; topic: Topic }
  | { to: "undo-stop"; topic: Topic }
  /** A screen opened from a push as a new message, so the push itself stays as it was sent. */
  | { to: "open"; route: OpenRoute }

  /** "Report an error" from a screen (`from`, the screen it was pressed on; the menu when absent). */
  | { to: "report"; from?: Reported }
  /** The report prompt's "let the editors answer me" switch, and its Cancel. */
  | { to: "report-answerable" }
  | { to: "report-cancel" };

/** The screens a push's buttons open. */
export type OpenRoute = Extract<
  Route,
  { to: "menu" } | { to: "summary" } | { to: "full" } | { to: "stories" }
>;

/** The screens a report can be sent from, named in the report the editors get. */
export type Reported =
  | { to: "menu" }
  | { to: "full"; lang?: Lang }
  | { to: "section"; id: string }
  | { to: "summary" }
  | { to: "card"; id: string }
  | { to: "person"; id: string }
  | { to: "quotes"; id: string };

const REPORTED: ReadonlySet<Route["to"]> = new Set([
  "menu",
  "full",
  "section",
  "summary",
  "card",
  "person",
  "quotes",
]);

/**
 * The screen a quotes question was asked from (its Quotes button's), so its Cancel can return there. The
 * menu is the default and is not carried.
 */
export type Back = { to: "summary" } | { to: "card"; id: string };

/** The callback-data code of each route; the id-carrying ones take `code:id`. */
const CODES = {
  menu: "m",
  summary: "sm",
  full: "f",
  toc: "t",
  section: "s",
  speakers: "q",
  quotes: "q",
  card: "k",
  "card-sources": "ks",
  people: "p",
  person: "p",
  mentions: "pm",
  language: "l",
  "set-language": "l",
  help: "h",
  stories: "ls",
  corrections: "cr",
  results: "r",
  cancel: "c",
  follow: "fo",
  following: "fs",
  "follow-topic": "ft",
  "unfollow-topic": "uf",
  "unfollow-all": "ua",
  when: "w",
  "set-when": "w",
  quiet: "qh",
  "set-quiet": "qh",
  zones: "z",
  "set-zone": "z",
  stop: "st",
  "undo-stop": "su",
  open: "o",
  report: "rp",
  "report-answerable": "rpa",
  "report-cancel": "rpc",
} as const satisfies Record<Route["to"], string>;

/** The card the old `x` / `xs` callback data and `exchange` / `sources` deep links name. */
const LEGACY_CARD = "exchange";

/** Telegram accepts 1–64 bytes of callback data; ours stay far below (at most 3 + 24 ASCII bytes). */
export const CALLBACK_DATA_LIMIT = 64;

/**
 * A search results page: `r:<token>-<page>`. The query cannot travel in callback data, so the token (see
 * `queryToken`) names the query the reader's session holds, and a page of an older query is recognised.
 */
const RESULTS_ARG = /^([a-z0-9]{1,8})-(0|[1-9][0-9]{0,2})$/;

/** A full text's language and, after the first page, the page: `ar`, `ar-2`. */
const FULL_ARG = /^([a-z]{2})(?:-([1-9][0-9]?))?$/;

const LANGS: readonly string[] = ["ar", "en"] satisfies Lang[];
const isLang = (value: string): value is Lang => LANGS.includes(value);
const isId = (value: string): boolean => value.length <= MAX_ID_LENGTH && ID_PATTERN.test(value);

/** A topic in callback data: `n` (new stories), `s-<story id>`, `p-<person id>`. */
function encodeTopic(topic: Topic): string {
  switch (topic.kind) {
    case "new":
      return "n";
    case "story":
      return `s-${topic.storyId}`;
    case "person":
      return `p-${topic.personId}`;
  }
}

function decodeTopic(data: string): Topic | undefined {
  if (data === "n") return { kind: "new" };
  const id = data.slice(2);
  if (!isId(id)) return undefined;
  if (data.startsWith("s-")) return { kind: "story", storyId: id };
  if (data.startsWith("p-")) return { kind: "person", personId: id };
  return undefined;
}

const HOUR = /^(?:[0-9]|1[0-9]|2[0-3])$/;
const WINDOW = /^([0-9]|1[0-9]|2[0-3])-([0-9]|1[0-9]|2[0-3])$/;
const OPENED: ReadonlySet<Route["to"]> = new Set(["menu", "summary", "full", "stories"]);

/** The callback data for a route. */
export function encodeRoute(route: Route): string {
  const code = CODES[route.to];
  switch (route.to) {
    case "full":
      // `f:ar-2`: a page after the first of the full text (the first has no page, as before pages).
      if (route.lang === undefined) return code;
      return route.page ? `${code}:${route.lang}-${route.page}` : `${code}:${route.lang}`;
    case "set-language":
      return `${code}:${route.lang}`;
    case "stories":
      return route.page === 0 ? code : `${code}:${route.page}`;
    case "speakers":
    case "cancel":
      // `q:~sm`, `c:~k:exchange`: a tilde never starts an id, so `q:<id>` (a speaker's quotes) stays apart.
      return route.back ? `${code}:~${encodeRoute(route.back)}` : code;
    case "results":
      return `${code}:${route.token}-${route.page}`;
    case "follow-topic":
    case "unfollow-topic":
    case "stop":
    case "undo-stop":
      return `${code}:${encodeTopic(route.topic)}`;
    case "unfollow-all":
      return route.sure ? `${code}:y` : code;
    case "set-when":
      return route.hour === undefined ? `${code}:i` : `${code}:${route.hour}`;
    case "set-quiet":
      return route.window === undefined ? `${code}:off` : `${code}:${route.window.from}-${route.window.to}`;
    case "zones":
      return route.offsets ? "zu" : code;
    case "set-zone":
      return `${code}:${route.zone}`;
    case "open":
      return `${code}:${encodeRoute(route.route)}`;
    case "report":
      return route.from === undefined || route.from.to === "menu"
        ? code
        : `${code}:~${encodeRoute(route.from)}`;
    case "section":
    case "quotes":
    case "person":
    case "mentions":
    case "card":
    case "card-sources":
      return `${code}:${route.id}`;
    default:
      return code;
  }
}

/** Parses callback data back into a route; anything malformed or unknown is `undefined`. */
export function decodeRoute(data: string): Route | undefined {
  if (data.length > CALLBACK_DATA_LIMIT) return undefined;
  const colon = data.indexOf(":");
  const code = colon === -1 ? data : data.slice(0, colon);
  const arg = colon === -1 ? undefined : data.slice(colon + 1);
  if (arg === undefined) {
    switch (code) {
      case "m":
        return { to: "menu" };
      case "sm":
        return { to: "summary" };
      case "f":
        return { to: "full" };
      case "t":
        return { to: "toc" };
      case "q":
        return { to: "speakers" };
      // Before cards were data, the prisoner-exchange card had codes of its own; its card id is "exchange".
      case "x":
        return { to: "card", id: LEGACY_CARD };
      case "xs":
        return { to: "card-sources", id: LEGACY_CARD };
      case "p":
        return { to: "people" };
      case "l":
        return { to: "language" };
      case "h":
        return { to: "help" };
      case "ls":
        return { to: "stories", page: 0 };
      case "cr":
        return { to: "corrections" };
      case "c":
        return { to: "cancel" };
      case "fo":
        return { to: "follow" };
      case "fs":
        return { to: "following" };
      case "ua":
        return { to: "unfollow-all" };
      case "w":
        return { to: "when" };
      case "qh":
        return { to: "quiet" };
      case "z":
        return { to: "zones" };
      case "zu":
        return { to: "zones", offsets: true };
      case "rp":
        return { to: "report" };
      case "rpa":
        return { to: "report-answerable" };
      case "rpc":
        return { to: "report-cancel" };
      default:
        return undefined;
    }
  }
  if (code === "f") {
    const full = FULL_ARG.exec(arg);
    const lang = full?.[1] ?? "";
    if (!isLang(lang)) return undefined;
    return full?.[2] ? { to: "full", lang, page: Number(full[2]) } : { to: "full", lang };
  }
  if (code === "f" || code === "l") {
    if (!isLang(arg)) return undefined;
    return code === "f" ? { to: "full", lang: arg } : { to: "set-language", lang: arg };
  }
  const follow = decodeFollow(code, arg);
  if (follow !== null) return follow;
  if (code === "ls") return /^[1-9][0-9]{0,3}$/.test(arg) ? { to: "stories", page: Number(arg) } : undefined;
  if (code === "r") {
    const results = RESULTS_ARG.exec(arg);
    return results?.[1] && results[2]
      ? { to: "results", token: results[1], page: Number(results[2]) }
      : undefined;
  }
  if (code === "rp" && arg.startsWith("~")) {
    const from = decodeRoute(arg.slice(1));
    return from !== undefined && REPORTED.has(from.to) ? { to: "report", from: from as Reported } : undefined;
  }
  if ((code === "q" || code === "c") && arg.startsWith("~")) {
    const back = decodeRoute(arg.slice(1));
    if (back?.to !== "summary" && back?.to !== "card") return undefined;
    return code === "q" ? { to: "speakers", back } : { to: "cancel", back };
  }
  if (!isId(arg)) return undefined;
  if (code === "s") return { to: "section", id: arg };
  if (code === "q") return { to: "quotes", id: arg };
  if (code === "p") return { to: "person", id: arg };
  if (code === "pm") return { to: "mentions", id: arg };
  if (code === "k") return { to: "card", id: arg };
  if (code === "ks") return { to: "card-sources", id: arg };
  return undefined;
}

/**
 * The follow routes that carry an argument; `null` when the code is none of theirs (so other routes are
 * tried), `undefined` when it is theirs but the argument is malformed.
 */
function decodeFollow(code: string, arg: string): Route | undefined | null {
  switch (code) {
    case "ft":
    case "uf":
    case "st":
    case "su": {
      const topic = decodeTopic(arg);
      if (topic === undefined) return undefined;
      const to = ({ ft: "follow-topic", uf: "unfollow-topic", st: "stop", su: "undo-stop" } as const)[code];
      return { to, topic };
    }
    case "ua":
      return arg === "y" ? { to: "unfollow-all", sure: true } : undefined;
    case "w":
      if (arg === "i") return { to: "set-when" };
      return HOUR.test(arg) ? { to: "set-when", hour: Number(arg) } : undefined;
    case "qh": {
      if (arg === "off") return { to: "set-quiet" };
      const window = WINDOW.exec(arg);
      if (!window?.[1] || !window[2] || window[1] === window[2]) return undefined;
      return { to: "set-quiet", window: { from: Number(window[1]), to: Number(window[2]) } };
    }
    case "z":
      return isZoneCode(arg) ? { to: "set-zone", zone: arg } : undefined;
    case "o": {
      const inner = decodeRoute(arg);
      return inner && OPENED.has(inner.to) ? { to: "open", route: inner as OpenRoute } : undefined;
    }
    default:
      return null;
  }
}

/** Deep-link payloads (`t.me/<bot>?start=<payload>`) for the screens worth linking to. */
const PAYLOADS = new Map<string, Route>([
  ["menu", { to: "menu" }],
  ["summary", { to: "summary" }],
  // `full` follows the reader's language (it opened the Arabic original before translations came first).
  ["full", { to: "full" }],
  ["full-ar", { to: "full", lang: "ar" }],
  ["full-en", { to: "full", lang: "en" }],
  ["sections", { to: "toc" }],
  ["quotes", { to: "speakers" }],
  ["exchange", { to: "card", id: LEGACY_CARD }],
  ["sources", { to: "card-sources", id: LEGACY_CARD }],
  ["people", { to: "people" }],
  ["help", { to: "help" }],
  ["language", { to: "language" }],
  ["stories", { to: "stories", page: 0 }],
  ["corrections", { to: "corrections" }],
  ["follow", { to: "follow" }],
  ["following", { to: "following" }],
]);

/** Payload prefixes for the routes that carry an id, e.g. `section-call`, `quotes-trump`. */
const ID_PAYLOADS = {
  "section-": "section",
  "quotes-": "quotes",
  "person-": "person",
  "card-": "card",
  "sources-": "card-sources",
} as const;

/** `follow-<person id>`: follows new stories that quote or name that person. */
const FOLLOW_PERSON = "follow-";

/** A `/start` payload for a route, or `undefined` for routes that are actions rather than screens. */
export function routePayload(route: Route): string | undefined {
  if (route.to === "section" || route.to === "quotes" || route.to === "person" || route.to === "card")
    return `${route.to}-${route.id}`;
  if (route.to === "card-sources") return `sources-${route.id}`;
  if (route.to === "follow-topic" && route.topic.kind === "person")
    return `${FOLLOW_PERSON}${route.topic.personId}`;
  const data = encodeRoute(route);
  for (const [payload, known] of PAYLOADS) if (encodeRoute(known) === data) return payload;
  return undefined;
}

/** Parses a `/start` payload; unknown payloads are `undefined` (the reader then gets the normal start). */
export function parsePayload(payload: string): Route | undefined {
  const direct = PAYLOADS.get(payload);
  if (direct) return direct;
  if (payload.startsWith(FOLLOW_PERSON)) {
    const id = payload.slice(FOLLOW_PERSON.length);
    return isId(id) ? { to: "follow-topic", topic: { kind: "person", personId: id } } : undefined;
  }
  for (const [prefix, to] of Object.entries(ID_PAYLOADS)) {
    if (!payload.startsWith(prefix)) continue;
    const id = payload.slice(prefix.length);
    return isId(id) ? { to, id } : undefined;
  }
  return undefined;
}

/** What a button or deep link names: a route, and the key of its story (absent in data from before keys). */
export interface Target {
  /** The story's key; `undefined` means the story of keyless data (see `LEGACY_STORY_ID`). */
  key: string | undefined;
  route: Route;
}

/**
 * The callback data for a route of a story: `<key>.<route>`, e.g. `pt.s:call`. Neither keys nor route codes
 * contain a dot, so keyless data from before (`s:call`) stays unambiguous.
 */
export function encodeTarget(key: string, route: Route): string {
  return `${key}.${encodeRoute(route)}`;
}

/** Parses callback data with or without a story key; anything malformed is `undefined`. */
export function decodeTarget(data: string): Target | undefined {
  if (data.length > CALLBACK_DATA_LIMIT) return undefined;
  const dot = data.indexOf(".");
  if (dot === -1) {
    const route = decodeRoute(data);
    return route ? { key: undefined, route } : undefined;
  }
  const key = data.slice(0, dot);
  if (!KEY_PATTERN.test(key)) return undefined;
  const route = decodeRoute(data.slice(dot + 1));
  return route ? { key, route } : undefined;
}

/** A deep-link payload for a story's route: `<key>_<payload>` (e.g. `pt_section-call`), at most 64 characters. */
export function targetPayload(key: string, route: Route): string | undefined {
  const payload = routePayload(route);
  return payload === undefined ? undefined : `${key}_${payload}`;
}

/**
 * Parses a `/start` payload with or without a story key. A known key with an unknown rest still names the
 * story (its menu); a payload that names nothing is `undefined` (the reader then gets the normal start).
 */
export function parseTargetPayload(payload: string): Target | undefined {
  const underscore = payload.indexOf("_");
  if (underscore === -1) {
    const route = parsePayload(payload);
    return route ? { key: undefined, route } : undefined;
  }
  const key = payload.slice(0, underscore);
  if (!KEY_PATTERN.test(key)) return undefined;
  return { key, route: parsePayload(payload.slice(underscore + 1)) ?? { to: "menu" } };
}
