/**
 * What readers follow and how they want pushes delivered: the one interface the follow screens (bot side)
 * and the push engine (delivery side) share. Each storage backend (memory, SQLite, Redis) implements it.
 *
 * A "chat" is where pushes go: a reader's private chat (its id is the reader's id) or a group.
 */

/** Something a chat can follow. */
export type Topic =
  /** Every new story. */
  | { kind: "new" }
  /** One story's corrections and withdrawal. */
  | { kind: "story"; storyId: string }
  /** New stories that quote or name one person (a person id of the name index). */
  | { kind: "person"; personId: string };

/** How and when a chat wants its pushes. */
export interface PushPrefs {
  /** The language pushes are written in (a group: the chat's language). */
  lang: "ar" | "en";
  /** `instant` (default): each push as it happens; `digest`: one message a day at `digestHour`. */
  mode: "instant" | "digest";
  /** 0–23, in `timeZone`; set with `mode: "digest"`. */
  digestHour?: number;
  /** Pushes in this window (hours 0–23 in `timeZone`, `from` inclusive, `to` exclusive) are sent silently. */
  quiet?: { from: number; to: number };
  /** An IANA zone ("Asia/Riyadh") or a fixed offset ("UTC+03:00"); asked only when the reader sets an hour. */
  timeZone?: string;
}

/** A chat with what it follows, as the engine reads it in windows. */
export interface Follower {
  chatId: number;
  prefs: PushPrefs;
}

/** One page of a scan, and where the next one starts (`undefined`: no more). */
export interface FollowerPage {
  followers: Follower[];
  next: number | undefined;
}

/** Stable string form of a topic ("new", "story:<id>", "person:<id>"), for keys and logs. */
export function topicKey(topic: Topic): string {
  switch (topic.kind) {
    case "new":
      return "new";
    case "story":
      return `story:${topic.storyId}`;
    case "person":
      return `person:${topic.personId}`;
  }
}

/** Where follows and push preferences are kept. Every method is atomic on its own. */
export interface FollowStore {
  /** Follows `topic` (idempotent); creates the chat's prefs with `defaults` if it has none. */
  follow(chatId: number, topic: Topic, defaults: PushPrefs): Promise<void>;
  /** Stops following `topic` (idempotent). */
  unfollow(chatId: number, topic: Topic): Promise<void>;
  /** Stops everything the chat follows and forgets its prefs (a reader's `/unfollow`, a blocked bot). */
  forget(chatId: number): Promise<void>;
  /** What the chat follows, in the order it followed them. */
  topicsOf(chatId: number): Promise<Topic[]>;
  /** The chat's prefs, or `undefined` if it never followed anything. */
  prefsOf(chatId: number): Promise<PushPrefs | undefined>;
  /**
   * The prefs of several chats in one read (the sender's next deliveries: one statement or one round trip
   * instead of one per push); a chat without prefs (it follows nothing) is absent from the map.
   */
  prefsOfMany(chatIds: readonly number[]): Promise<Map<number, PushPrefs>>;
  /** Replaces the chat's prefs (the chat must already have some; otherwise nothing happens). */
  setPrefs(chatId: number, prefs: PushPrefs): Promise<void>;
  /** Moves everything of `from` to `to` (a group upgraded to a supergroup: `migrate_to_chat_id`). */
  moveChat(from: number, to: number): Promise<void>;
  /**
   * The followers of `topic` with a chat id greater than `after` (ascending, at most `limit`): the engine
   * plans deliveries window by window from a saved cursor, never holding every follower at once.
   */
  followers(topic: Topic, after: number | undefined, limit: number): Promise<FollowerPage>;
  /** How many chats follow `topic` (for the operator's log line). */
  count(topic: Topic): Promise<number>;
}
