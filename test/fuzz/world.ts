/**
 * Turns the abstract steps of `arbitraries.ts` into real Telegram updates while a scenario runs, and says
 * what each update must lead to. The world knows what Telegram would know: the chats, the message ids in
 * use in each of them, and the messages the bot sent (with their buttons as they are now, after edits).
 */
import type { Chat, InlineKeyboardMarkup, Message, MessageEntity, Update, User } from "grammy/types";
import { encodeRoute, encodeTarget } from "../../src/bot/routes.js";
import type { Story } from "../../src/content/story.js";
import { COMMANDS } from "../bot/story-fixture.js";
import type { ApiCall, FakeTelegram } from "../helpers/fake-telegram.js";
import { DEFAULT_BOT_INFO } from "../helpers/fake-telegram.js";
import * as updates from "../helpers/updates.js";
import {
  type Actor,
  BOT_USERNAME,
  type Place,
  type Scenario,
  type Step,
  storyRoutes,
} from "./arbitraries.js";

/** The groups every scenario shares, and a channel the bot was added to. */
export const GROUP_ID = -123456789;
export const SUPERGROUP_ID = -1001234567890;
/** A forum supergroup; its steps happen in one topic (threads are the id of the topic's first message). */
export const FORUM_ID = -1001111111111;
export const FORUM_TOPIC_ID = 3;
export const CHANNEL_ID = -1009876543210;

/** What an update must lead to (property 5, besides the per-call properties that hold for all). */
export type Expectation =
  /** At least one message sent to the update's chat. */
  | "reply"
  /** No API call at all. */
  | "silent"
  /** A button press: exactly one answerCallbackQuery (property 2); nothing more required. */
  | "answer"
  /** An inline query: exactly one answerInlineQuery and no other call (property 2). */
  | "inline";

/** A step made real: the update, its chat and what it must lead to. */
export interface Delivery {
  index: number;
  step: Step;
  update: Update;
  /** The chat the update happens in; every call must be addressed there, or carry no chat at all. */
  chatId: number | undefined;
  /** The forum topic the update happens in; every message sent must go to it (and none elsewhere). */
  threadId: number | undefined;
  callbackQueryId: string | undefined;
  /** The inline query's id, for inline queries: it must be answered exactly once. */
  inlineQueryId?: string;
  expect: Expectation;
  /** Why this expectation, for failure messages. */
  because: string;
  /**
   * The one Bot API error this update may cause, as the start of its description: editing a message
   * Telegram called inaccessible fails, and the bot is designed to send the screen as a new message then.
   */
  tolerated?: string;
}

const BOT_USER: User = {
  id: DEFAULT_BOT_INFO.id,
  is_bot: true,
  first_name: DEFAULT_BOT_INFO.first_name,
  username: DEFAULT_BOT_INFO.username,
};

const KNOWN_COMMANDS: ReadonlySet<string> = new Set(COMMANDS);

/** Makes one scenario's steps real, one update at a time, against what a fake Telegram holds. */
export class World {
  private nextUpdateId = 1;
  private nextQueryId = 1;
  /** The highest message id in use per chat, so new messages continue each chat's numbering. */
  private readonly lastMessageId = new Map<number, number>();
  /** Ids of the messages the bot sent, per chat, in order. */
  private readonly botMessages = new Map<number, number[]>();
  /** The latest message each chat's readers sent: what an edit refers to. */
  private readonly lastReaderMessage = new Map<number, number>();
  private readonly allData: string[];

  constructor(
    private readonly scenario: Scenario,
    private readonly tg: FakeTelegram,
    story: Story,
    /** Makes callback query ids unique across runs (the bot keeps a process-wide set of answered ids). */
    private readonly runTag: string,
  ) {
    this.allData = storyRoutes(story).flatMap((r) => [encodeTarget(story.key, r), encodeRoute(r)]);
  }

  /** Learns the messages the bot sent from the calls an update caused. */
  learn(calls: readonly ApiCall[]): void {
    for (const call of calls) {
      if (call.method !== "sendMessage" || call.error !== undefined) continue;
      const sent = call.result as Message | undefined;
      if (!sent) continue;
      const chatId = sent.chat.id;
      const list = this.botMessages.get(chatId) ?? [];
      list.push(sent.message_id);
      this.botMessages.set(chatId, list);
      this.lastMessageId.set(chatId, Math.max(this.lastMessageId.get(chatId) ?? 0, sent.message_id));
    }
  }

  /** Makes step `index` real: an update with fresh ids, pointing at messages that exist now. */
  materialize(step: Step, index: number): Delivery {
    const updateId = this.nextUpdateId++;
    const base = { index, step, callbackQueryId: undefined, threadId: undefined };
    switch (step.type) {
      case "command":
      case "text": {
        const actor = this.actor(step.actor);
        const chat = this.chat(step.place, actor);
        const text = step.type === "command" ? `/${step.command}${step.mention}${step.rest}` : step.text;
        const entities: MessageEntity[] =
          step.type === "command"
            ? [{ type: "bot_command", offset: 0, length: 1 + step.command.length + step.mention.length }]
            : [];
        const message = this.message(chat, step.from ? actor : undefined, step.edited);
        Object.assign(message, { text }, entities.length > 0 ? { entities } : {});
        const update: Update = step.edited
          ? { update_id: updateId, edited_message: { ...message, edit_date: message.date + 1 } as never }
          : { update_id: updateId, message: message as never };
        const [expect, because] = this.expectForMessage(step, chat);
        return { ...base, update, chatId: chat.id, threadId: threadOf(step.place), expect, because };
      }
      case "media": {
        const actor = this.actor(step.actor);
        const chat = this.chat(step.place, actor);
        const message = this.message(chat, actor, false);
        Object.assign(message, mediaFields(step.media));
        if (step.caption !== undefined) {
          Object.assign(message, { caption: step.caption });
          const command = /^\/\S+/.exec(step.caption)?.[0];
          if (command !== undefined)
            Object.assign(message, {
              caption_entities: [{ type: "bot_command", offset: 0, length: command.length }],
            });
        }
        const update: Update = { update_id: updateId, message: message as never };
        const [expect, because] =
          chat.type === "private"
            ? (["reply", "a private message from a reader"] as const)
            : (["silent", "a group message without an addressed command (privacy mode)"] as const);
        return { ...base, update, chatId: chat.id, threadId: threadOf(step.place), expect, because };
      }
      case "press":
        return this.press(step, updateId, index);
      case "channel_post": {
        const chat: Chat.ChannelChat = { id: CHANNEL_ID, type: "channel", title: "Test channel" };
        const post = { ...this.message(chat, undefined, step.edited), sender_chat: chat, text: step.text };
        if (step.command && step.text.startsWith("/")) {
          const length = /^\/\S*/.exec(step.text)?.[0].length ?? 1;
          Object.assign(post, { entities: [{ type: "bot_command", offset: 0, length }] });
        }
        const update: Update = step.edited
          ? { update_id: updateId, edited_channel_post: { ...post, edit_date: post.date + 1 } as never }
          : { update_id: updateId, channel_post: post as never };
        return {
          ...base,
          update,
          chatId: CHANNEL_ID,
          expect: "silent",
          because: "channel posts are not read",
        };
      }
      case "inline_query": {
        const actor = this.actor(step.actor);
        const id = `iq-${this.runTag}-${this.nextQueryId++}`;
        const update: Update = {
          update_id: updateId,
          inline_query: {
            id,
            from: userOf(actor),
            query: step.query,
            offset: step.offset,
            chat_type: "sender",
          },
        };
        return {
          ...base,
          update,
          chatId: undefined,
          inlineQueryId: id,
          expect: "inline",
          because: "every inline query is answered exactly once",
        };
      }
      case "unhandled":
        return this.unhandled(step, updateId, index);
      case "wait":
        throw new Error("a wait step is not an update: the runner handles it");
    }
  }

  private press(step: Extract<Step, { type: "press" }>, updateId: number, index: number): Delivery {
    const presser = this.actor(step.actor);
    const queryId = `cbq-${this.runTag}-${this.nextQueryId++}`;
    const because = "a button press is answered exactly once";
    const payload = (message: Message | undefined): { data: string } | { game_short_name: string } => {
      if (step.data.kind === "game") return { game_short_name: "quiz" };
      if (step.data.kind === "data") return { data: step.data.data };
      return {
        data: message
          ? this.buttonData(message, step.data.pick)
          : (this.pick(this.allData, step.data.pick) ?? "m"),
      };
    };
    if (step.target.kind === "inline") {
      const update: Update = {
        update_id: updateId,
        callback_query: {
          id: queryId,
          from: userOf(presser),
          chat_instance: `ci-inline-${step.target.id}`,
          inline_message_id: step.target.id,
          ...payload(undefined),
        },
      };
      return {
        index,
        step,
        update,
        chatId: undefined,
        threadId: undefined,
        callbackQueryId: queryId,
        expect: "answer",
        because,
      };
    }
    // In a private chat only its owner can press; in groups anyone.
    const chat = this.chat(step.place, presser);
    const sent = this.botMessages.get(chat.id) ?? [];
    let message: Message | undefined;
    if (step.target.kind === "sent" && sent.length > 0) {
      const messageId = this.pick(sent, step.target.pick);
      message = messageId === undefined ? undefined : this.tg.getMessage(chat.id, messageId);
    }
    if (step.target.kind === "inaccessible") {
      const gone = { chat, message_id: this.newMessageId(chat.id), date: 0 as const };
      const update: Update = {
        update_id: updateId,
        callback_query: {
          id: queryId,
          from: userOf(presser),
          chat_instance: `ci-${chat.id}`,
          message: gone,
          ...payload(undefined),
        },
      };
      return {
        index,
        step,
        update,
        chatId: chat.id,
        threadId: undefined,
        callbackQueryId: queryId,
        expect: "answer",
        because,
        tolerated: "Bad Request: message to edit not found",
      };
    }
    if (!message) {
      // A bot message from before this run (e.g. before a restart): Telegram sends it whole.
      message = {
        message_id: this.newMessageId(chat.id),
        date: now() - 3600,
        chat,
        from: BOT_USER,
        text: "…",
        reply_markup: { inline_keyboard: [[{ text: "…", callback_data: "m" }]] },
      } as Message;
    }
    // The fake does not keep topics; Telegram's message would say which one it is in.
    const threadId = threadOf(step.place);
    if (threadId !== undefined) message = { ...message, message_thread_id: threadId, is_topic_message: true };
    const update: Update = {
      update_id: updateId,
      callback_query: {
        id: queryId,
        from: userOf(presser),
        chat_instance: `ci-${chat.id}`,
        message: message as never,
        ...payload(message),
      },
    };
    return {
      index,
      step,
      update,
      chatId: chat.id,
      threadId,
      callbackQueryId: queryId,
      expect: "answer",
      because,
    };
  }

  private unhandled(step: Extract<Step, { type: "unhandled" }>, updateId: number, index: number): Delivery {
    const actor = this.actor(step.actor);
    const chat = this.chat(step.place, actor);
    const base = { index, step, callbackQueryId: undefined, threadId: undefined, expect: "silent" as const };
    const because = `the bot has no feature for ${step.kind}`;
    switch (step.kind) {
      case "poll":
        return {
          ...base,
          because,
          chatId: undefined,
          update: {
            update_id: updateId,
            poll: {
              id: `poll-${updateId}`,
              question: "؟",
              options: [
                { text: "نعم", voter_count: 1 },
                { text: "no", voter_count: 0 },
              ],
              total_voter_count: 1,
              is_closed: false,
              is_anonymous: true,
              type: "regular",
              allows_multiple_answers: false,
            } as never,
          },
        };
      case "poll_answer":
        return {
          ...base,
          because,
          chatId: undefined,
          update: {
            update_id: updateId,
            poll_answer: {
              poll_id: `poll-${updateId}`,
              user: userOf(actor),
              option_ids: [0],
              option_persistent_ids: ["0"],
            },
          },
        };
      case "message_reaction":
        return {
          ...base,
          because,
          chatId: chat.id,
          update: {
            update_id: updateId,
            message_reaction: {
              chat,
              message_id: Math.max(1, this.lastMessageId.get(chat.id) ?? 1),
              user: userOf(actor),
              date: now(),
              old_reaction: [],
              new_reaction: [{ type: "emoji", emoji: "👍" }],
            },
          },
        };
      case "chat_join_request": {
        const target: Chat =
          chat.type === "private" ? { id: SUPERGROUP_ID, type: "supergroup", title: "g" } : chat;
        return {
          ...base,
          because,
          chatId: target.id,
          update: {
            update_id: updateId,
            chat_join_request: {
              chat: target as never,
              from: userOf(actor),
              user_chat_id: actor.id,
              date: now(),
            },
          },
        };
      }
      case "my_chat_member": {
        const status = chat.type === "private" ? "kicked" : "member";
        const update = updates.myChatMember(status, {
          updateId,
          chatId: chat.id,
          chatType: chat.type,
          userId: actor.id,
          firstName: actor.firstName,
          lang: actor.languageCode ?? null,
        });
        return { ...base, because, chatId: chat.id, update };
      }
    }
  }

  /** Expectation for a text or command message (property 5). */
  private expectForMessage(
    step: Extract<Step, { type: "command" | "text" }>,
    chat: Chat,
  ): [Expectation, string] {
    if (step.edited) return ["silent", "edits are not read"];
    if (!step.from) return ["silent", "a message without a sender reaches no feature"];
    if (chat.type === "private") return ["reply", "a private message from a reader"];
    if (step.type === "text") return ["silent", "group plain text (privacy mode)"];
    const addressed = step.mention === "" || step.mention.slice(1).toLowerCase() === BOT_USERNAME;
    if (!addressed) return ["silent", "a group command for another bot"];
    if (!KNOWN_COMMANDS.has(step.command)) return ["silent", "an unknown command in a group"];
    return ["reply", "a known command addressed to the bot in a group"];
  }

  /** The data of the n-th button the message shows now (modulo their number); "m" when it shows none. */
  private buttonData(message: Message, pick: number): string {
    const markup: InlineKeyboardMarkup | undefined = message.reply_markup;
    const data = (markup?.inline_keyboard ?? [])
      .flat()
      .map((b) => ("callback_data" in b ? b.callback_data : undefined))
      .filter((d) => d !== undefined);
    return this.pick(data, pick) ?? this.pick(this.allData, pick) ?? "m";
  }

  private pick<T>(list: readonly T[], n: number): T | undefined {
    return list.length === 0 ? undefined : list[n % list.length];
  }

  private actor(index: number): Actor {
    const actors = this.scenario.actors;
    const actor = actors[index % actors.length];
    if (!actor) throw new Error("a scenario needs at least one actor");
    return actor;
  }

  private chat(place: Place, actor: Actor): Chat.PrivateChat | Chat.GroupChat | Chat.SupergroupChat {
    if (place === "topic") return { id: FORUM_ID, type: "supergroup", title: "Forum", is_forum: true };
    switch (place) {
      case "private": {
        const chat: Chat.PrivateChat = { id: actor.id, type: "private", first_name: actor.firstName };
        if (actor.username !== undefined) chat.username = actor.username;
        return chat;
      }
      case "group":
        return { id: GROUP_ID, type: "group", title: "مجموعة Test" };
      case "supergroup":
        return { id: SUPERGROUP_ID, type: "supergroup", title: "Test supergroup" };
    }
  }

  private newMessageId(chatId: number): number {
    const id = (this.lastMessageId.get(chatId) ?? 0) + 1;
    this.lastMessageId.set(chatId, id);
    return id;
  }

  /** A message shell in a chat; an edit refers to the chat's latest reader message, a new one takes a fresh id. */
  private message(
    chat: Chat,
    sender: Actor | undefined,
    edited: boolean,
  ): Record<string, unknown> & {
    message_id: number;
    date: number;
  } {
    const last = this.lastReaderMessage.get(chat.id);
    const messageId = edited && last !== undefined ? last : this.newMessageId(chat.id);
    this.lastReaderMessage.set(chat.id, messageId);
    const message: Record<string, unknown> & { message_id: number; date: number } = {
      message_id: messageId,
      date: now(),
      chat,
    };
    if (sender) message.from = userOf(sender);
    else if (chat.type !== "private") message.sender_chat = chat; // an anonymous group admin
    if (chat.id === FORUM_ID)
      Object.assign(message, { message_thread_id: FORUM_TOPIC_ID, is_topic_message: true });
    return message;
  }
}

function threadOf(place: Place): number | undefined {
  return place === "topic" ? FORUM_TOPIC_ID : undefined;
}

function now(): number {
  return Math.floor(Date.now() / 1000);
}

function userOf(actor: Actor): User {
  const user: User = { id: actor.id, is_bot: false, first_name: actor.firstName };
  if (actor.languageCode !== undefined) user.language_code = actor.languageCode;
  if (actor.username !== undefined) user.username = actor.username;
  return user;
}

/** The fields of a non-text message, shaped as Telegram sends them. */
function mediaFields(kind: Extract<Step, { type: "media" }>["media"]): Record<string, unknown> {
  const file = { file_id: `file-${kind}`, file_unique_id: `u-${kind}` };
  switch (kind) {
    case "sticker":
      return {
        sticker: {
          ...file,
          type: "regular",
          width: 512,
          height: 512,
          is_animated: false,
          is_video: false,
          emoji: "😀",
        },
      };
    case "photo":
      return { photo: [{ ...file, width: 90, height: 90 }] };
    case "voice":
      return { voice: { ...file, duration: 3 } };
    case "location":
      return { location: { latitude: 24.7136, longitude: 46.6753 } };
    case "contact":
      return { contact: { phone_number: "+10000000000", first_name: "Contact" } };
    case "dice":
      return { dice: { emoji: "🎲", value: 4 } };
  }
}
