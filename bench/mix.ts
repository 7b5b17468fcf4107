/**
 * The realistic mix, as readers behave: every reader follows a journey of `steps` updates. A third are new
 * (their journey starts with /start); the others are returning readers, who were here before: their earlier
 * visit (/start, and for some a language choice) is in `history()`, handled before the measured rounds so
 * their session is in the store, and their journey starts where a returning reader starts: a button on the
 * menu they got earlier, or a command. Then episodes drawn at random (seeded, so every run and every
 * variant sees the same updates): commands, button presses on the message the reader is looking at, typed
 * quote lookups and the /quotes conversation (ask, type a name, sometimes an unknown one first, finish).
 * Journeys end between episodes: an episode that would not fit is drawn again, except for one in ten, so
 * most conversations are finished and a few are left open, as readers do.
 *
 * Updates come in rounds: round r holds the r-th update of every reader, always in the same (shuffled)
 * reader order, so two updates of one reader are always `readers` updates apart. With 10,000 readers the
 * rate limiter (5 updates per 2 s per reader) cannot trigger below 20,000 updates/s; drivers check it.
 *
 * Button presses carry the message they sit under as Telegram sends it: the text, entities and keyboard of
 * the screen the reader was shown last, in their interface language.
 */

import type { Message, MessageEntity, Update, User } from "grammy/types";
import { createI18n, langFromTelegram } from "../src/bot/i18n.js";
import { ReaderViews } from "../src/bot/reader-views.js";
import { renderRoute } from "../src/bot/render/screens/index.js";
import { hintScreen } from "../src/bot/render/screens/menu.js";
import { speakersScreen, unknownNameScreen } from "../src/bot/render/screens/quotes.js";
import type { Screen } from "../src/bot/render/view.js";
import { decodeRoute } from "../src/bot/routes.js";
import { resolveName } from "../src/bot/typed/resolve-name.js";
import { fixedCatalog } from "../src/content/library.js";
import type { Lang } from "../src/content/schema.js";
import type { Story } from "../src/content/story.js";
import { BENCH_BOT_INFO } from "./config.js";
import { benchStory } from "./khabar-app.js";

/** Options of a mix. */
export interface MixOptions {
  readers: number;
  /** Updates per reader (every reader has exactly this many). */
  steps: number;
  seed: number;
  /** User ids are firstUserId … firstUserId + readers - 1 (private chats share them). */
  firstUserId: number;
  /** update_ids count up from here, in delivery order. */
  firstUpdateId: number;
  /** The share of readers whose journey starts with /start (default 1/3); the others are returning. */
  newReaders?: number;
}

/** One update of the mix and what it stands for (e.g. "cmd /summary", "btn section", "conv name"). */
export interface MixItem {
  update: Update;
  label: string;
  userId: number;
}

type Step =
  | { type: "command"; text: string; label: string; shows?: string }
  | { type: "text"; text: string; label: string; shows?: string }
  | { type: "button"; data: string; label: string; shows?: string; setsLang?: Lang };

interface Reader {
  user: User;
  /** The interface language the bot uses for this reader (their choice, else their client's). */
  lang: Lang;
  plan: Step[];
  /** The returning reader's earlier visit (empty for new readers). */
  history: Step[];
  /** The screen on the reader's last bot message, and that message's id. */
  shownKey: string;
  shownId: number;
  nextMessageId: number;
  queries: number;
}

/** The share of journeys allowed to end inside an episode (mostly a conversation left unanswered). */
const ABANDONED = 0.1;

/** A seeded PRNG (mulberry32): the same seed gives the same mix everywhere. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Rendered {
  text: string;
  entities: MessageEntity[];
  keyboard: Message.TextMessage["reply_markup"];
  messages: number;
}

/** Renders the screens readers get shown (cached: screens are pure functions of language and key). */
class Screens {
  private readonly views: ReaderViews;
  private readonly cache = new Map<string, Rendered>();

  constructor(readonly story: Story) {
    this.views = new ReaderViews({
      stories: fixedCatalog([story]),
      i18n: createI18n("ar"),
      defaultLang: "ar",
    });
  }

  get(lang: Lang, key: string): Rendered {
    const cacheKey = `${lang}|${key}`;
    const hit = this.cache.get(cacheKey);
    if (hit) return hit;
    const screen = this.render(lang, key);
    const last = screen?.messages.at(-1);
    const rendered: Rendered = {
      text: last?.text ?? "…",
      entities: last?.entities ?? [],
      keyboard: screen?.keyboard,
      messages: screen?.messages.length ?? 1,
    };
    this.cache.set(cacheKey, rendered);
    return rendered;
  }

  private render(lang: Lang, key: string): Screen | undefined {
    const view = this.views.for(lang);
    if (key === "ask") return speakersScreen(view, { inConversation: true });
    if (key.startsWith("unknown:")) return unknownNameScreen(view, Number(key.slice(8)));
    if (key === "hint") return hintScreen(view);
    const route = decodeRoute(key);
    return route ? renderRoute(route, view) : undefined;
  }
}

/** Names a reader may type, by interface language: ones that find exactly one person, and unknown ones. */
function typedNames(story: Story) {
  const known = (lang: Lang): string[] => {
    const arabic = /[\u0600-\u06FF]/;
    const names = story.data.people
      .flatMap((p) => [p.name[lang], ...p.aliases])
      .filter((n) => n !== undefined);
    return [...new Set(names)].filter(
      (name) => arabic.test(name) === (lang === "ar") && resolveName(story, name).kind === "one",
    );
  };
  const unknown = (names: string[]) => names.filter((name) => resolveName(story, name).kind === "none");
  return {
    known: { ar: known("ar"), en: known("en") },
    unknown: {
      ar: unknown(["بايدن", "ماكرون", "شولتس", "نتنياهو", "اردوغان"]),
      en: unknown(["Biden", "Macron", "Scholz", "Merkel", "Johnson"]),
    },
  };
}

/** The realistic mix, generated round by round (see the module comment). */
export class Mix {
  private readonly random: () => number;
  private readonly screens: Screens;
  private readonly readers: Reader[] = [];
  private readonly order: number[];
  private readonly names: ReturnType<typeof typedNames>;
  private readonly sectionIds: string[];
  private readonly speakerIds: string[];
  private readonly personIds: string[];
  private nextUpdateId: number;
  private nextRound = 0;
  /** How many updates of each label were generated. */
  readonly labels = new Map<string, number>();

  constructor(readonly options: MixOptions) {
    this.random = prng(options.seed);
    const story = benchStory();
    this.screens = new Screens(story);
    this.names = typedNames(story);
    this.sectionIds = story.data.sections.map((s) => s.id);
    this.speakerIds = story.speakers.map((p) => p.id);
    this.personIds = story.data.people.map((p) => p.id);
    this.nextUpdateId = options.firstUpdateId;
    for (let i = 0; i < options.readers; i++) {
      const r = this.random();
      const code = r < 0.6 ? "ar" : r < 0.95 ? "en" : r < 0.98 ? "de" : undefined;
      const id = options.firstUserId + i;
      const user: User = { id, is_bot: false, first_name: `Reader${i}` };
      if (code !== undefined) user.language_code = code;
      const reader: Reader = {
        user,
        lang: langFromTelegram(code, "ar"),
        plan: [],
        history: [],
        shownKey: "m",
        shownId: 1,
        nextMessageId: 2,
        queries: 0,
      };
      const isNew = this.random() < (options.newReaders ?? 1 / 3);
      if (!isNew) reader.history = this.earlierVisit(reader);
      reader.plan = this.journey(reader, isNew);
      this.readers.push(reader);
    }
    this.order = this.readers.map((_, i) => i);
    for (let i = this.order.length - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1));
      const a = this.order[i] ?? 0;
      this.order[i] = this.order[j] ?? 0;
      this.order[j] = a;
    }
  }

  /** Number of updates in the rounds (not counting the earlier visits). */
  get size(): number {
    return this.options.readers * this.options.steps;
  }

  /** Number of updates in the earlier visits. */
  get historySize(): number {
    return this.readers.reduce((sum, reader) => sum + reader.history.length, 0);
  }

  /**
   * The returning readers' earlier visits, round by round, to be handled (untimed) before `round()`: after
   * them the store holds these readers' sessions, as it would for readers who came back.
   */
  history(): MixItem[][] {
    const rounds: MixItem[][] = [];
    for (;;) {
      const items: MixItem[] = [];
      for (const index of this.order) {
        const reader = this.readers[index];
        const step = reader?.history.shift();
        if (reader && step) items.push(this.toItem(reader, step));
      }
      if (items.length === 0) return rounds;
      rounds.push(items);
    }
  }

  /** The next round: one update per reader; empty once every journey is over. */
  round(): MixItem[] {
    if (this.nextRound >= this.options.steps) return [];
    this.nextRound++;
    const items: MixItem[] = [];
    for (const index of this.order) {
      const reader = this.readers[index];
      if (!reader) continue;
      const step = reader.plan.shift();
      if (!step) continue;
      items.push(this.toItem(reader, step));
    }
    return items;
  }

  /** Every update: the earlier visits first, then round after round. */
  *[Symbol.iterator](): Generator<MixItem> {
    for (const items of this.history()) yield* items;
    for (let items = this.round(); items.length > 0; items = this.round()) yield* items;
  }

  private pick<T>(list: readonly T[]): T {
    const item = list[Math.floor(this.random() * list.length)];
    if (item === undefined) throw new Error("pick from an empty list");
    return item;
  }

  private weighted<T>(entries: ReadonlyArray<readonly [number, T]>): T {
    const total = entries.reduce((sum, [w]) => sum + w, 0);
    let r = this.random() * total;
    for (const [w, value] of entries) {
      r -= w;
      if (r < 0) return value;
    }
    const last = entries.at(-1);
    if (!last) throw new Error("empty weights");
    return last[1];
  }

  /** A reader's whole journey: /start for a new reader, then episodes until `steps` updates. */
  private journey(reader: Reader, isNew: boolean): Step[] {
    const plan: Step[] = isNew ? [{ type: "command", text: "/start", label: "cmd /start", shows: "m" }] : [];
    // The language the reader has when the journey starts (a returning reader may have changed it).
    let lang = reader.lang;
    for (const step of reader.history) if (step.type === "button" && step.setsLang) lang = step.setsLang;
    while (plan.length < this.options.steps) {
      let episode = this.episode(lang);
      // Redraw an episode that would be cut short, except for one in ten (a conversation left open).
      for (let tries = 0; plan.length + episode.length > this.options.steps && tries < 20; tries++) {
        if (this.random() < ABANDONED) break;
        episode = this.episode(lang);
      }
      for (const step of episode) if (step.type === "button" && step.setsLang) lang = step.setsLang;
      plan.push(...episode);
    }
    return plan.slice(0, this.options.steps);
  }

  /** A returning reader's earlier visit: /start, and for one in five a change of language. */
  private earlierVisit(reader: Reader): Step[] {
    const steps: Step[] = [{ type: "command", text: "/start", label: "history /start", shows: "m" }];
    if (this.random() < 0.2) {
      const other: Lang = reader.lang === "ar" ? "en" : "ar";
      steps.push({
        type: "button",
        data: `l:${other}`,
        label: "history language",
        shows: "m",
        setsLang: other,
      });
    }
    return steps;
  }

  private episode(lang: Lang): Step[] {
    const section = this.pick(this.sectionIds);
    const speaker = this.pick(this.speakerIds);
    // Readers mostly ask for the people who are quoted; some ask for the others.
    const nameLang = this.names.known[lang];
    const kind = this.weighted([
      [5, "summary"],
      [2, "full"],
      [3, "sections-cmd"],
      [3, "exchange"],
      [3, "people-cmd"],
      [2, "help"],
      [2, "start"],
      [8, "summary-btn"],
      [8, "browse"],
      [6, "speaker-btn"],
      [5, "people-btn"],
      [3, "language"],
      [6, "typed"],
      [6, "conversation"],
      [3, "conversation-tap"],
      [1, "chatter"],
    ] as const);
    switch (kind) {
      case "summary":
        return [{ type: "command", text: "/summary", label: "cmd /summary", shows: "sm" }];
      case "full":
        return [{ type: "command", text: "/full", label: "cmd /full", shows: "f:ar" }];
      case "sections-cmd":
        return [{ type: "command", text: "/sections", label: "cmd /sections", shows: "t" }];
      case "exchange":
        return [{ type: "command", text: "/exchange", label: "cmd /exchange", shows: "x" }];
      case "people-cmd":
        return [{ type: "command", text: "/people", label: "cmd /people", shows: "p" }];
      case "help":
        return [{ type: "command", text: "/help", label: "cmd /help", shows: "h" }];
      case "start":
        return [{ type: "command", text: "/start", label: "cmd /start", shows: "m" }];
      case "summary-btn":
        return [{ type: "button", data: "sm", label: "btn summary", shows: "sm" }];
      case "browse": {
        // Contents, a section, then next / previous in place.
        const steps: Step[] = [
          { type: "button", data: "t", label: "btn contents", shows: "t" },
          { type: "button", data: `s:${section}`, label: "btn section", shows: `s:${section}` },
        ];
        let at = this.sectionIds.indexOf(section);
        for (let i = 0; i < 2; i++) {
          const forward = at === 0 || (at < this.sectionIds.length - 1 && this.random() < 0.7);
          at += forward ? 1 : -1;
          const id = this.sectionIds[at] ?? section;
          steps.push({
            type: "button",
            data: `s:${id}`,
            label: forward ? "btn next" : "btn previous",
            shows: `s:${id}`,
          });
        }
        return steps;
      }
      case "speaker-btn":
        return [{ type: "button", data: `q:${speaker}`, label: "btn speaker quotes", shows: `q:${speaker}` }];
      case "people-btn": {
        const person = this.pick(this.personIds);
        return [
          { type: "button", data: "p", label: "btn people", shows: "p" },
          { type: "button", data: `p:${person}`, label: "btn person", shows: `p:${person}` },
        ];
      }
      case "language": {
        const other: Lang = lang === "ar" ? "en" : "ar";
        return [
          { type: "button", data: "l", label: "btn language", shows: "l" },
          { type: "button", data: `l:${other}`, label: "btn set language", shows: "m", setsLang: other },
        ];
      }
      case "typed": {
        const name = this.pick(nameLang);
        return [{ type: "command", text: `/quotes ${name}`, label: "cmd /quotes <name>", shows: "quotes" }];
      }
      case "conversation": {
        const steps: Step[] = [{ type: "command", text: "/quotes", label: "conv enter", shows: "ask" }];
        if (this.random() < 0.35) {
          const unknown = this.pick(this.names.unknown[lang]);
          steps.push({ type: "text", text: unknown, label: "conv unknown name", shows: "unknown:2" });
        }
        steps.push({ type: "text", text: this.pick(nameLang), label: "conv name (finish)", shows: "quotes" });
        return steps;
      }
      case "conversation-tap":
        return [
          { type: "button", data: "q", label: "conv enter (button)", shows: "ask" },
          { type: "button", data: `q:${speaker}`, label: "conv speaker (finish)", shows: `q:${speaker}` },
        ];
      case "chatter":
        return [
          { type: "text", text: lang === "ar" ? "مرحبا" : "hello", label: "text chatter", shows: "hint" },
        ];
    }
  }

  private toItem(reader: Reader, step: Step): MixItem {
    const updateId = this.nextUpdateId++;
    this.labels.set(step.label, (this.labels.get(step.label) ?? 0) + 1);
    const date = Math.floor(Date.now() / 1000);
    const chat = { id: reader.user.id, type: "private" as const, first_name: reader.user.first_name };
    let update: Update;
    if (step.type === "button") {
      const shown = this.screens.get(reader.lang, reader.shownKey);
      const message: Message.TextMessage = {
        message_id: reader.shownId,
        from: {
          id: BENCH_BOT_INFO.id,
          is_bot: true,
          first_name: BENCH_BOT_INFO.first_name,
          username: BENCH_BOT_INFO.username,
        },
        chat,
        date: date - 5,
        text: shown.text,
      };
      if (shown.entities.length > 0) message.entities = shown.entities;
      if (shown.keyboard) message.reply_markup = shown.keyboard;
      update = {
        update_id: updateId,
        callback_query: {
          id: `${reader.user.id}-${reader.queries++}`,
          from: reader.user,
          message,
          chat_instance: `ci${reader.user.id}`,
          data: step.data,
        },
      };
      if (step.setsLang) reader.lang = step.setsLang;
      if (step.shows) {
        const next = this.screens.get(reader.lang, step.shows);
        // The first message is edited in place; a longer screen sends the rest after it.
        reader.nextMessageId += next.messages - 1;
        if (next.messages > 1) reader.shownId = reader.nextMessageId - 1;
        reader.shownKey = step.shows;
      }
    } else {
      const messageId = reader.nextMessageId++;
      const message: Message.TextMessage = {
        message_id: messageId,
        from: reader.user,
        chat,
        date,
        text: step.text,
      };
      if (step.type === "command") {
        const end = step.text.indexOf(" ");
        message.entities = [{ type: "bot_command", offset: 0, length: end === -1 ? step.text.length : end }];
      }
      update = { update_id: updateId, message: message as Update["message"] };
      if (step.shows) {
        const key = step.shows === "quotes" ? this.quotesKey(step.text) : step.shows;
        const next = this.screens.get(reader.lang, key);
        reader.nextMessageId += next.messages;
        reader.shownId = reader.nextMessageId - 1;
        reader.shownKey = key;
      }
    }
    return { update, label: step.label, userId: reader.user.id };
  }

  /** The screen a typed name leads to: the person's quotes (or their page when never quoted). */
  private quotesKey(text: string): string {
    const name = text.startsWith("/quotes ") ? text.slice(8) : text;
    const outcome = resolveName(this.screens.story, name);
    return outcome.kind === "one" ? `p:${outcome.person.id}` : "ask";
  }
}
