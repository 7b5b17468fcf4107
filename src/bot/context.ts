import type { ConversationFlavor } from "@grammyjs/conversations";
import type { Context, SessionFlavor } from "grammy";
import type { Logger } from "pino";
import type { Lang } from "../content/schema.js";

/** What the bot remembers per reader (keyed by user, so a choice holds in every chat). */
export interface SessionData {
  /** The interface language the reader chose; until they choose, Telegram's `language_code` decides. */
  lang?: Lang;
  /** The story the reader is in (by id), when it is not simply the newest. */
  story?: string;
  /** The section the reader last opened: their place in `story` (in data from before stories, in the legacy story). */
  section?: string;
  /**
   * The reader's last search as sessions written before `searches` hold it, so its page buttons (which can carry only a token, see `queryToken`) can show
   * further pages: the story (by id) and the query as typed, at most `MAX_QUERY_LENGTH` characters.
   */
  search?: { story: string; query: string };
  /**
   * A report the reader is writing ("Report an error"): the story (id), the screen it was asked from (its
   * callback data), the passage when there is one, whether the editors may answer, when it was asked and
   * the prompt's message (to edit its switch). Only ids and the reader's own choice: their words go
   * straight to the editors' chat and are never stored.
   */
  report?: {
    story: string;
    screen: string;
    passage?: string;
    answerable: boolean;
    at: number;
    prompt?: number;
  };
  /** Reports sent on one day (UTC), for the daily limit. */
  reported?: { day: string; count: number };
  /**
   * The reader's last few searches, newest first (at most `SEARCHES_KEPT`), so the page buttons of an older
   * results message still on screen keep working: each a story (by id) and the query as typed.
   */
  searches?: Array<{ story: string; query: string }>;
}

/** Per-update extras every handler can rely on. */
export interface Extras {
  /** A child logger carrying this update's id. */
  logger: Logger;
  /** In a group: the chat's language, which every message there keeps (see `chatLanguage`). */
  chatLang?: Lang;
}

/** The context outside conversations. A reader who never chose anything has no session (`undefined`). */
export type BotContext = ConversationFlavor<Context & SessionFlavor<SessionData | undefined> & Extras>;

/** The context inside conversations: rebuilt from stored updates, so it has none of the outside plugins. */
export type ConversationContext = Context;
