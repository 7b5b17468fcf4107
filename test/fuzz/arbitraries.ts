/**
 * Generators for fuzzing the whole bot: scenarios of abstract steps (a command, a button press, a text, …)
 * done by up to three readers in their private chats and in shared groups.
 *
 * Steps are pure data, so fast-check can print and shrink them. They do not carry message ids, update ids
 * or the bot's own messages: those only exist while a scenario runs, so `world.ts` turns each step into a
 * real Update at that moment (e.g. "press the 2nd button of the 3rd message the bot sent in this chat").
 * Removing steps while shrinking therefore keeps the others meaningful.
 */
import fc from "fast-check";
import { encodeRoute, encodeTarget, type Route, routePayload } from "../../src/bot/routes.js";
import { namesOf, type Story } from "../../src/content/story.js";
import { screenRoutes } from "../bot/screen-routes.js";
import { COMMANDS } from "../bot/story-fixture.js";

/** The bot's username in the fake Telegram (see DEFAULT_BOT_INFO). */
export const BOT_USERNAME = "khabar_test_bot";

/**
 * Where a message-shaped step happens: the actor's private chat with the bot, or a chat shared by all
 * actors: a basic group, a supergroup, or a topic of a forum supergroup (where replies must stay in the topic).
 */
export type Place = "private" | "group" | "supergroup" | "topic";

/** A reader: a Telegram user as their client describes them. */
export interface Actor {
  id: number;
  /** The client's `language_code`; `undefined` when the client sends none. */
  languageCode: string | undefined;
  firstName: string;
  username: string | undefined;
}

/** Which data a button press carries. */
export type PressData =
  /** A button the target message really shows (the n-th, modulo their number), as a client sends it. */
  | { kind: "button"; pick: number }
  /** Any data at all: encodings of routes (known and unknown ids), near-misses, random, oversized, Unicode. */
  | { kind: "data"; data: string }
  /** A game button: the query carries a game_short_name and no data at all. */
  | { kind: "game" };

/** Which message a button press sits on. */
export type PressTarget =
  /** A message the bot sent earlier in this chat (the n-th, modulo their number). */
  | { kind: "sent"; pick: number }
  /** A bot message this run never saw (sent before a restart); Telegram still delivers it whole. */
  | { kind: "unseen" }
  /** A message sent in inline mode: the query has an inline_message_id and no chat. */
  | { kind: "inline"; id: string }
  /** A message Telegram calls inaccessible (date 0: deleted, or otherwise out of the bot's reach). */
  | { kind: "inaccessible" };

/** Media and service messages that carry no text. */
export type MediaKind = "sticker" | "photo" | "voice" | "location" | "contact" | "dice";

/** Update types the bot has no feature for. */
export type UnhandledKind =
  | "poll"
  | "poll_answer"
  | "message_reaction"
  | "chat_join_request"
  | "my_chat_member";

/** One thing a reader (or Telegram) does. `actor` is taken modulo the scenario's number of actors. */
export type Step =
  | {
      type: "command";
      actor: number;
      place: Place;
      command: string;
      /** "" or "@username" (ours in any case, or another bot's). */
      mention: string;
      /** What follows the command, separator included ("" for none). */
      rest: string;
      edited: boolean;
      /** false: the message has no `from` (anonymous group admin, or a malformed private update). */
      from: boolean;
    }
  | { type: "text"; actor: number; place: Place; text: string; edited: boolean; from: boolean }
  | { type: "press"; actor: number; place: Place; data: PressData; target: PressTarget }
  | { type: "media"; actor: number; place: Place; media: MediaKind; caption: string | undefined }
  | { type: "channel_post"; text: string; command: boolean; edited: boolean }
  | { type: "inline_query"; actor: number; query: string; offset: string }
  | { type: "unhandled"; actor: number; place: Place; kind: UnhandledKind }
  /** Time passes before the next update (conversations lapse after 30 min, stored ones vanish after a day). */
  | { type: "wait"; minutes: number };

/**
 * A run: who takes part, and what they do, in order. An `undefined` step does nothing: steps are
 * generated almost never undefined, but shrink to it, so that fast-check can drop the steps that do not
 * matter to a failure even though sequences have a minimum length.
 */
export interface Scenario {
  actors: Actor[];
  steps: Array<Step | undefined>;
}

// ---------------------------------------------------------------- text

/** Right-to-left and left-to-right embeddings, overrides, isolates and marks (U+200E/F, U+202A–E, U+2066–9). */
export const BIDI_MARKS = [
  "\u200e",
  "\u200f",
  "\u061c",
  "\u202a",
  "\u202b",
  "\u202c",
  "\u202d",
  "\u202e",
  "\u2066",
  "\u2067",
  "\u2068",
  "\u2069",
];
/** Zero-width space, non-joiner, joiner, word joiner and the byte-order mark. */
export const ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"];
/** Arabic vowel marks (tashkeel), superscript alef and tatweel. */
export const TASHKEEL = [
  "\u064b",
  "\u064c",
  "\u064d",
  "\u064e",
  "\u064f",
  "\u0650",
  "\u0651",
  "\u0652",
  "\u0670",
];
export const TATWEEL = "\u0640";
/** Emoji: single code points outside the BMP (surrogate pairs), skin tones, ZWJ sequences, flags, keycaps. */
export const EMOJI = ["😀", "👍🏽", "👨‍👩‍👧‍👦", "🏳️‍🌈", "🧔🏻‍♂️", "🇸🇦", "🇺🇸", "❤️", "1️⃣", "☕", "𝕏", "🫶"];

const ARABIC_WORDS = [
  "مرحبا",
  "السلام عليكم",
  "ماذا قال",
  "الرئيس",
  "المكالمة",
  "الكرملين",
  "تبادل",
  "شكراً",
  "لا",
];
const LATIN_WORDS = ["hello", "menu", "Help", "quotes", "who said what?", "Lorem ipsum", "ok", "x"];
/** Text that looks like markup, commands, links or code to a careless renderer. */
const TRICKY = [
  "/start",
  "/",
  "/ quotes",
  "/😀",
  "@khabar_test_bot",
  "https://t.me/khabar_test_bot?start=summary",
  "<b>bold</b>",
  "</i>",
  "&amp;",
  "*bold*",
  "_it_",
  "[x](tg://user?id=1)",
  "`code`",
  "```",
  "||spoiler||",
  "\\",
  '"',
  "'",
  "%s",
  "$\u007bx}", // a template placeholder, spelled so that the linter does not take it for one
  "{{name}}",
  "null",
  "undefined",
  "__proto__",
  "constructor",
  "\u0000",
  "\u007f",
];
const DIGITS = ["42", "١٢٣", "۱۲۳", "0", "-1", "3.14"];
const SPACES = [" ", "  ", "\n", "\t", "\u00a0", "\u3000", "\r\n", "\u2028"];
const PUNCTUATION = ["،", "؟", "؛", "«", "»", ".", "!", "?", ",", "—", "…"];
/** Halves of a surrogate pair on their own: not valid UTF-16 text, but a string all the same. */
const LONE_SURROGATES = ["\ud83d", "\ude00"];
const COMBINING = ["e\u0301", "\u0301", "Z\u0336\u0335", "\u0654", "\u06d6"];

/** The names of the story's people, and decoys: a shared title, a partial name, two names in one. */
function storyNames(story: Story): string[] {
  const names = story.data.people.flatMap(namesOf);
  return [...new Set([...names, "الرئيس", "Donald", "Trum", "تر", "بوتين ترامب", "trump peskov"])];
}

/** A piece of the story's people's names, untouched: ترامب, ترمب, trump, بيسكوف, فوجل, … */
function nameArb(story: Story): fc.Arbitrary<string> {
  return fc.constantFrom(...storyNames(story));
}

/** Ways readers and their keyboards alter a name; applied at positions drawn with them. */
const NAME_VARIANTS = [
  "tashkeel",
  "tatweel",
  "bidi",
  "zero-width",
  "upper",
  "lower",
  "quoted",
  "comma",
  "spaces",
  "article",
  "persian-letters",
  "alef",
  "emoji",
  "title",
] as const;
type NameVariant = (typeof NAME_VARIANTS)[number];

/** Inserts `piece` before the code point at `at` (modulo the name's length in code points). */
function insertAt(text: string, at: number, piece: string): string {
  const chars = [...text];
  chars.splice(at % (chars.length + 1), 0, piece);
  return chars.join("");
}

function applyVariant(name: string, variant: NameVariant, at: number): string {
  switch (variant) {
    case "tashkeel":
      return insertAt(name, at, TASHKEEL[at % TASHKEEL.length] ?? "");
    case "tatweel":
      return insertAt(name, at, TATWEEL.repeat(1 + (at % 3)));
    case "bidi":
      return insertAt(name, at, BIDI_MARKS[at % BIDI_MARKS.length] ?? "");
    case "zero-width":
      return insertAt(name, at, ZERO_WIDTH[at % ZERO_WIDTH.length] ?? "");
    case "upper":
      return name.toUpperCase();
    case "lower":
      return name.toLowerCase();
    case "quoted":
      return at % 2 === 0 ? `«${name}»` : `"${name}"`;
    case "comma":
      return `${name}${at % 2 === 0 ? "،" : "?"}`;
    case "spaces":
      return ` ${name.replaceAll(" ", "   ")}\n`;
    case "article":
      return `ال${name}`;
    case "persian-letters":
      return name.replaceAll("ي", "ی").replaceAll("ك", "ک");
    case "alef":
      return name.replaceAll("ا", at % 2 === 0 ? "أ" : "إ");
    case "emoji":
      return `${name} ${EMOJI[at % EMOJI.length] ?? ""}`;
    case "title":
      return `${at % 2 === 0 ? "الرئيس" : "President"} ${name}`;
  }
}

/**
 * A person's name as a reader might type it: a name or alias of the story, altered by a few variants
 * (vowel marks, tatweel, bidi and zero-width marks, case, quotes, an article, Persian letters, …).
 */
export function nameVariantArb(story: Story): fc.Arbitrary<string> {
  return fc
    .tuple(
      nameArb(story),
      fc.array(fc.tuple(fc.constantFrom(...NAME_VARIANTS), fc.nat({ max: 50 })), { maxLength: 3 }),
    )
    .map(([name, variants]) =>
      variants.reduce((text, [variant, at]) => applyVariant(text, variant, at), name),
    );
}

/** One short run of text of a kind that tends to break renderers: script, marks, emoji, markup, spaces. */
function pieceArb(story: Story): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...ARABIC_WORDS) },
    { weight: 3, arbitrary: fc.constantFrom(...LATIN_WORDS) },
    { weight: 2, arbitrary: fc.constantFrom(...TRICKY) },
    { weight: 2, arbitrary: fc.constantFrom(...BIDI_MARKS) },
    { weight: 1, arbitrary: fc.constantFrom(...ZERO_WIDTH) },
    { weight: 2, arbitrary: fc.constantFrom(...TASHKEEL, TATWEEL) },
    { weight: 2, arbitrary: fc.constantFrom(...EMOJI) },
    { weight: 1, arbitrary: fc.constantFrom(...DIGITS) },
    { weight: 3, arbitrary: fc.constantFrom(...SPACES) },
    { weight: 1, arbitrary: fc.constantFrom(...PUNCTUATION) },
    { weight: 1, arbitrary: fc.constantFrom(...LONE_SURROGATES) },
    { weight: 1, arbitrary: fc.constantFrom(...COMBINING) },
    { weight: 2, arbitrary: nameArb(story) },
  );
}

/** Mixed right-to-left and left-to-right text made of tricky pieces. */
export function mixedTextArb(story: Story, maxPieces = 16): fc.Arbitrary<string> {
  return fc.array(pieceArb(story), { maxLength: maxPieces }).map((pieces) => pieces.join(""));
}

/** Text that Telegram itself would never deliver but a bot must survive: empty or whitespace only. */
export const blankTextArb: fc.Arbitrary<string> = fc.oneof(
  fc.constant(""),
  fc
    .array(fc.constantFrom(...SPACES, ...ZERO_WIDTH, "\u200f"), { minLength: 1, maxLength: 6 })
    .map((s) => s.join("")),
);

/** Longer than a message may be (4097–4600 UTF-16 units), built by repeating mixed text. */
export function oversizedTextArb(story: Story): fc.Arbitrary<string> {
  return fc
    .tuple(
      mixedTextArb(story, 6).filter((s) => s.length > 0),
      fc.integer({ min: 4097, max: 4600 }),
    )
    .map(([seed, length]) => seed.repeat(Math.ceil(length / seed.length)).slice(0, length));
}

/**
 * Anything a reader may type: mixed scripts with marks and emoji, names of the story's people in variants,
 * random Unicode (graphemes, and code points of every kind, lone surrogates included), blank, oversized.
 */
export function textArb(story: Story): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: mixedTextArb(story) },
    { weight: 5, arbitrary: nameVariantArb(story) },
    { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 24 }) },
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 24 }) },
    { weight: 1, arbitrary: blankTextArb },
    { weight: 1, arbitrary: oversizedTextArb(story) },
  );
}

// ---------------------------------------------------------------- routes, deep links, callback data

/**
 * Every route of this story: each screen, each id the story has (quotes of people never quoted too, which
 * must be answered as stale), and the two actions.
 */
export function storyRoutes(story: Story): Route[] {
  return [
    ...screenRoutes(story),
    ...story.data.people
      .filter((p) => !story.quotesBy.has(p.id))
      .map((p): Route => ({ to: "quotes", id: p.id })),
    { to: "set-language", lang: "ar" },
    { to: "set-language", lang: "en" },
    { to: "cancel" },
  ];
}

/** An id that is well-formed (lower-case ASCII, inner hyphens, ≤ 24) but names nothing in the story. */
const unknownIdArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("nobody", "x", "0", "call-2", "a-b", "abcdefghijklmnopqrstuvwx"),
  fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,20}[a-z0-9])?$/),
);

/** Routes that carry an id, with ids the story has not got (or has, but for another kind of thing). */
function unknownIdRouteArb(story: Story): fc.Arbitrary<Route> {
  const crossIds = [...story.data.sections.map((s) => s.id), ...story.data.people.map((p) => p.id)];
  return fc
    .tuple(
      fc.constantFrom("section" as const, "quotes" as const, "person" as const),
      fc.oneof(unknownIdArb, fc.constantFrom(...crossIds)),
    )
    .map(([to, id]): Route => ({ to, id }));
}

/** Callback data that are almost right: wrong case, missing or extra parts, prototype keys, padding. */
const NEAR_MISS_DATA = [
  "l:fr",
  "l:AR",
  "l:",
  "l:ar:en",
  "f:",
  "f:AR",
  "f:de",
  "s:",
  "s:CALL",
  "s:call ",
  " s:call",
  "s:-call",
  "s:call-",
  "q:TRUMP",
  "q:trump:",
  "p:__proto__",
  "q:constructor",
  "p:toString",
  "__proto__",
  "constructor",
  "toString",
  "hasOwnProperty",
  ":",
  "::",
  "m:",
  "mm",
  "M",
  "sm:",
  "c:x",
  "h:",
  "x:1",
  "xs:",
  "s:abcdefghijklmnopqrstuvwxy",
  "0",
  "null",
  "undefined",
  "{}",
  "[]",
];

/**
 * Callback data as a client may send it: encodings of every route (real ids and unknown ids), near-misses,
 * random ASCII, empty, oversized (65+ bytes, including a valid prefix padded out), and Unicode.
 */
export function callbackDataArb(story: Story): fc.Arbitrary<string> {
  const routes = storyRoutes(story);
  return fc.oneof(
    // The story's own buttons carry its key; keyless data from before keys must still work.
    { weight: 6, arbitrary: fc.constantFrom(...routes).map((r) => encodeTarget(story.key, r)) },
    { weight: 3, arbitrary: fc.constantFrom(...routes).map(encodeRoute) },
    { weight: 1, arbitrary: unknownIdRouteArb(story).map((r) => encodeTarget(story.key, r)) },
    { weight: 1, arbitrary: unknownIdRouteArb(story).map(encodeRoute) },
    // A story key no story has (a removed story's buttons).
    { weight: 1, arbitrary: fc.constantFrom(...routes).map((r) => encodeTarget("zz9", r)) },
    { weight: 2, arbitrary: fc.constantFrom(...NEAR_MISS_DATA) },
    { weight: 1, arbitrary: fc.string({ unit: "binary-ascii", maxLength: 64 }) },
    { weight: 1, arbitrary: fc.constant("") },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.string({ unit: "grapheme-ascii", minLength: 65, maxLength: 100 }),
        fc.constantFrom(...routes).map((r) => `${encodeRoute(r)}${"a".repeat(64)}`),
      ),
    },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.string({ unit: "grapheme", minLength: 1, maxLength: 20 }),
        fc.constantFrom("s:مكالمة", "q:ترامب", "p:😀", "m\u200f", "\u200fm", "l:ar\u200d"),
      ),
    },
  );
}

/**
 * `/start` payloads: every valid deep link (`routePayload` over all routes), and near-misses: upper case,
 * empty ids, prototype keys, overlong (64+ characters, Telegram's limit), Unicode, stray separators.
 */
export function payloadArb(story: Story): fc.Arbitrary<string> {
  const valid = storyRoutes(story)
    .map(routePayload)
    .filter((p) => p !== undefined);
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...valid) },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        "section-UPPER",
        "section-CALL",
        "quotes-",
        "person-",
        "section-",
        "__proto__",
        "constructor",
        "toString",
        "section-__proto__",
        "quotes-constructor",
        "MENU",
        "full-EN",
        "full-fr",
        "quotes-trump-",
        "section--call",
        "section-call/",
        "menu menu",
        "section-abcdefghijklmnopqrstuvwxy",
        "c2VjdGlvbi1jYWxs",
        "section%2Dcall",
        "cancel",
        "set-language",
      ),
    },
    { weight: 2, arbitrary: unknownIdRouteArb(story).map((r) => routePayload(r) ?? "") },
    { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{64,80}$/) },
    { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{0,64}$/) },
    { weight: 2, arbitrary: mixedTextArb(story, 4) },
  );
}

// ---------------------------------------------------------------- commands

/** Command names a reader may send that the bot does not know; all valid bot_command syntax. */
const UNKNOWN_COMMANDS = [
  "settings",
  "stop",
  "start_",
  "st",
  "startx",
  "Start",
  "HELP",
  "quote",
  "menu",
  "_",
  "0",
];

/** A command name: one the bot knows (mostly), one it does not, or any valid name. */
const commandNameArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom(...COMMANDS) },
  // The quotes conversation is the bot's only state machine: enter it and cancel it more often.
  { weight: 3, arbitrary: fc.constantFrom("quotes", "quotes", "cancel") },
  { weight: 2, arbitrary: fc.constantFrom(...UNKNOWN_COMMANDS) },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9_]{1,32}$/) },
);

/** How a command is addressed: to nobody in particular, to this bot (in any case) or to another bot. */
const mentionArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constant("") },
  { weight: 3, arbitrary: fc.constantFrom(`@${BOT_USERNAME}`, "@KHABAR_TEST_BOT", "@Khabar_Test_Bot") },
  { weight: 2, arbitrary: fc.constantFrom("@other_bot", `@${BOT_USERNAME}_x`, "@khabar") },
);

/** What follows a command: nothing, or a separator and an argument fitting the command. */
function restArb(story: Story, command: string): fc.Arbitrary<string> {
  const argument =
    command === "start"
      ? fc.oneof({ weight: 4, arbitrary: payloadArb(story) }, { weight: 1, arbitrary: textArb(story) })
      : command === "quotes"
        ? fc.oneof({ weight: 4, arbitrary: nameVariantArb(story) }, { weight: 1, arbitrary: textArb(story) })
        : textArb(story);
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant("") },
    {
      weight: 4,
      arbitrary: fc
        .tuple(fc.constantFrom(" ", " ", " ", "  ", "\n", "\u00a0"), argument)
        .map(([sep, arg]) => sep + arg),
    },
  );
}

// ---------------------------------------------------------------- steps and scenarios

/** Up to three readers; the actor index of a step is taken modulo their number. */
const actorIndexArb = fc.nat({ max: 2 });

/** Mostly private chats, where the bot talks most; groups for privacy-mode behaviour. */
const placeArb: fc.Arbitrary<Place> = fc.oneof(
  { weight: 14, arbitrary: fc.constant("private" as const) },
  { weight: 3, arbitrary: fc.constant("group" as const) },
  { weight: 3, arbitrary: fc.constant("supergroup" as const) },
  { weight: 2, arbitrary: fc.constant("topic" as const) },
);

/** A reader's client: language ar/en/fr/none (and regional or odd-case variants), name, username. */
export const actorArb: fc.Arbitrary<Omit<Actor, "id">> = fc.record({
  languageCode: fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom("ar", "en", "fr") },
    { weight: 2, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constantFrom("ar-EG", "en-US", "AR", "", "pt-br", "fa") },
  ),
  firstName: fc.oneof(
    fc.constantFrom("Reader", "قارئ", "😀", "\u202eevil"),
    fc.string({ minLength: 1, maxLength: 12 }),
  ),
  username: fc.option(fc.stringMatching(/^[a-z][a-z0-9_]{4,15}$/), { nil: undefined }),
});

/** A one-in-`n` flag: true rarely, and shrinking towards false (the ordinary case). */
const rarely = (n: number): fc.Arbitrary<boolean> => fc.nat({ max: n - 1 }).map((k) => k === n - 1);

/** One step of any kind, weighted towards what drives the bot: commands, presses, texts. */
export function stepArb(story: Story): fc.Arbitrary<Step> {
  // A command, with an argument that suits it (deep-link payloads for /start, names for /quotes).
  const command: fc.Arbitrary<Step> = commandNameArb.chain((name) =>
    fc.record({
      type: fc.constant("command" as const),
      actor: actorIndexArb,
      place: placeArb,
      command: fc.constant(name),
      mention: mentionArb,
      rest: restArb(story, name),
      edited: rarely(12),
      from: rarely(15).map((missing) => !missing),
    }),
  );
  const text: fc.Arbitrary<Step> = fc.record({
    type: fc.constant("text" as const),
    actor: actorIndexArb,
    place: placeArb,
    text: textArb(story),
    edited: rarely(12),
    from: rarely(15).map((missing) => !missing),
  });
  const press: fc.Arbitrary<Step> = fc.record({
    type: fc.constant("press" as const),
    actor: actorIndexArb,
    place: placeArb,
    data: fc.oneof(
      {
        weight: 3,
        arbitrary: fc.record({ kind: fc.constant("button" as const), pick: fc.nat({ max: 30 }) }),
      },
      {
        weight: 2,
        arbitrary: fc.record({ kind: fc.constant("data" as const), data: callbackDataArb(story) }),
      },
    ),
    target: fc.oneof(
      { weight: 8, arbitrary: fc.record({ kind: fc.constant("sent" as const), pick: fc.nat({ max: 30 }) }) },
      { weight: 2, arbitrary: fc.constant({ kind: "unseen" as const }) },
      { weight: 1, arbitrary: fc.constant({ kind: "inaccessible" as const }) },
      {
        weight: 1,
        arbitrary: fc.record({
          kind: fc.constant("inline" as const),
          id: fc.stringMatching(/^[A-Za-z0-9_-]{1,24}$/),
        }),
      },
    ),
  });
  const media: fc.Arbitrary<Step> = fc.record({
    type: fc.constant("media" as const),
    actor: actorIndexArb,
    place: placeArb,
    media: fc.constantFrom("sticker", "photo", "voice", "location", "contact", "dice"),
    caption: fc.option(fc.oneof(fc.constant("/help"), mixedTextArb(story, 4)), { nil: undefined }),
  });
  const channelPost: fc.Arbitrary<Step> = fc.record({
    type: fc.constant("channel_post" as const),
    text: fc.oneof(
      fc.constantFrom("/start", "/quotes trump", "/help@khabar_test_bot"),
      mixedTextArb(story, 4),
    ),
    command: fc.boolean(),
    edited: fc.boolean(),
  });
  const inlineQuery: fc.Arbitrary<Step> = fc.record({
    type: fc.constant("inline_query" as const),
    actor: actorIndexArb,
    query: fc.oneof(
      nameVariantArb(story),
      mixedTextArb(story, 4),
      // Share buttons' exact-item queries (live and stale), an empty query and one over 256 characters.
      fc.constantFrom("", `#${story.key}.qs:trump`, `#${story.key}.sm`, `#${story.key}.q:gone`, "#zz.k:x"),
      fc.string({ minLength: 257, maxLength: 400 }),
    ),
    offset: fc.oneof(fc.constant(""), fc.constantFrom("50", "100", "abc", "-1", "99999")),
  });
  const unhandled: fc.Arbitrary<Step> = fc.record({
    type: fc.constant("unhandled" as const),
    actor: actorIndexArb,
    place: placeArb,
    kind: fc.constantFrom("poll", "poll_answer", "message_reaction", "chat_join_request", "my_chat_member"),
  });
  const wait: fc.Arbitrary<Step> = fc.record({
    type: fc.constant("wait" as const),
    // Just under and over the conversation's 30 minutes, a day (stored conversations expire), half a year.
    minutes: fc.constantFrom(1, 29, 31, 24 * 60 + 1, 181 * 24 * 60),
  });
  return fc.oneof(
    { weight: 30, arbitrary: command },
    { weight: 33, arbitrary: press },
    { weight: 26, arbitrary: text },
    { weight: 4, arbitrary: media },
    { weight: 3, arbitrary: channelPost },
    { weight: 3, arbitrary: inlineQuery },
    { weight: 7, arbitrary: unhandled },
    { weight: 2, arbitrary: wait },
  );
}

/** Distinct user ids for up to three readers (positive, as Telegram's are; private chat id = user id). */
const ACTOR_IDS = [100_000_001, 100_000_002, 100_000_003];

/**
 * A scenario: 1–3 readers and a sequence of `minSteps`–`maxSteps` steps among them (uniform length, so the
 * number of updates per run is predictable), in their private chats and two shared groups.
 */
export function scenarioArb(story: Story, minSteps: number, maxSteps: number): fc.Arbitrary<Scenario> {
  return fc.record({
    actors: fc
      .array(actorArb, { minLength: 1, maxLength: ACTOR_IDS.length })
      .map((actors) => actors.map((a, i): Actor => ({ ...a, id: ACTOR_IDS[i] ?? 100_000_000 + i }))),
    steps: fc.array(fc.option(stepArb(story), { nil: undefined, freq: 1000 }), {
      minLength: minSteps,
      maxLength: maxSteps,
      size: "max",
    }),
  });
}
