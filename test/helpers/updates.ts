/**
 * Factories for the updates Telegram would send, with defaults that match a typical reader: a private
 * chat with user 42, "Reader", Arabic client language. Each returns a complete, valid Update, so tests
 * state only what matters to them.
 */
import type {
  CallbackQuery,
  Chat,
  ChatMember,
  InlineKeyboardMarkup,
  InlineQuery,
  Message,
  MessageEntity,
  Update,
  User,
} from "grammy/types";
import type { BotApiModel } from "../../src/preview/telegram-model/model.js";
import { DEFAULT_BOT_INFO } from "./fake-telegram.js";

/** The default reader. */
export const DEFAULT_USER_ID = 42;
/** The default supergroup: real supergroup ids look like -100…. */
export const DEFAULT_SUPERGROUP_ID = -1001234567890;
/** The default basic group: negative, without the -100 prefix. */
export const DEFAULT_GROUP_ID = -123456789;
/** The default channel (channels share the supergroup id format). */
export const DEFAULT_CHANNEL_ID = -1009876543210;

/** Knobs shared by every factory. */
export interface UpdateOptions {
  chatId?: number;
  userId?: number;
  /** The user's language_code; null leaves it out (clients may not send one). */
  lang?: string | null;
  firstName?: string;
  username?: string;
  chatType?: Chat["type"];
  messageId?: number;
  updateId?: number;
  /** Unix seconds (default: now). */
  date?: number;
  /** `false` leaves out `from`, as for anonymous senders. */
  from?: false;
  /** Teach this fake about the chat (type, message ids, the bot message under a callback button). */
  tg?: BotApiModel;
}

/** An update carrying a text message (plain or command), typed so tests can read `.message.text`. */
export type MessageUpdate = Update & { message: Message.TextMessage & Update.NonChannel };
/** An update carrying a callback query. */
export type CallbackUpdate = Update & { callback_query: CallbackQuery };
/** An update carrying an inline query. */
export type InlineQueryUpdate = Update & { inline_query: InlineQuery };

let nextUpdateId = 1;
let nextMessageId = 1;
let nextQueryId = 1;

/** Restarts the update, message and query counters, for tests that assert on exact ids. */
export function resetUpdateIds(): void {
  nextUpdateId = 1;
  nextMessageId = 1;
  nextQueryId = 1;
}

function updateId(opts: UpdateOptions): number {
  if (opts.updateId !== undefined) {
    nextUpdateId = Math.max(nextUpdateId, opts.updateId + 1);
    return opts.updateId;
  }
  return nextUpdateId++;
}

function messageId(opts: UpdateOptions): number {
  if (opts.messageId !== undefined) {
    nextMessageId = Math.max(nextMessageId, opts.messageId + 1);
    return opts.messageId;
  }
  return nextMessageId++;
}

function now(opts: UpdateOptions): number {
  return opts.date ?? Math.floor(Date.now() / 1000);
}

/** The reader as a Telegram User. */
export function user(opts: UpdateOptions = {}): User {
  const u: User = {
    id: opts.userId ?? DEFAULT_USER_ID,
    is_bot: false,
    first_name: opts.firstName ?? "Reader",
  };
  if (opts.username !== undefined) u.username = opts.username;
  const lang = opts.lang === undefined ? "ar" : opts.lang;
  if (lang !== null) u.language_code = lang;
  return u;
}

/** The chat an update happens in: private with the user unless a chat type or negative id says otherwise. */
export function chat(opts: UpdateOptions = {}): Chat {
  const type = opts.chatType ?? (opts.chatId !== undefined && opts.chatId < 0 ? "supergroup" : "private");
  switch (type) {
    case "private": {
      const c: Chat.PrivateChat = {
        id: opts.chatId ?? opts.userId ?? DEFAULT_USER_ID,
        type,
        first_name: opts.firstName ?? "Reader",
      };
      if (opts.username !== undefined) c.username = opts.username;
      return c;
    }
    case "group":
      return { id: opts.chatId ?? DEFAULT_GROUP_ID, type, title: "Test group" };
    case "supergroup":
      return { id: opts.chatId ?? DEFAULT_SUPERGROUP_ID, type, title: "Test supergroup" };
    case "channel":
      return { id: opts.chatId ?? DEFAULT_CHANNEL_ID, type, title: "Test channel" };
  }
}

function finish<T extends Update>(update: T, opts: UpdateOptions): T {
  opts.tg?.observe(update);
  return update;
}

function textMessage(text: string, opts: UpdateOptions, entities: MessageEntity[] = []): Message.TextMessage {
  const msg: Message.TextMessage = { message_id: messageId(opts), date: now(opts), chat: chat(opts), text };
  if (opts.from !== false) msg.from = user(opts);
  if (entities.length > 0) msg.entities = entities;
  return msg;
}

/** A plain text message from the reader. */
export function message(text: string, opts: UpdateOptions = {}): MessageUpdate {
  const msg = textMessage(text, opts) as Message.TextMessage & Update.NonChannel;
  return finish({ update_id: updateId(opts), message: msg }, opts);
}

/**
 * A command as a client sends it: `command("/quotes trump")` or `command("/start@khabar_test_bot")`, with
 * the bot_command entity covering the command and any @botname.
 */
export function command(text: string, opts: UpdateOptions = {}): MessageUpdate {
  const match = /^\/[A-Za-z0-9_]+(?:@[A-Za-z0-9_]+)?/.exec(text);
  if (!match) throw new Error(`command(): "${text}" does not start with a /command`);
  const entities: MessageEntity[] = [{ type: "bot_command", offset: 0, length: match[0].length }];
  const msg = textMessage(text, opts, entities) as Message.TextMessage & Update.NonChannel;
  return finish({ update_id: updateId(opts), message: msg }, opts);
}

/** A message in a group (supergroup by default; pass chatType "group" for a basic group). */
export function groupMessage(text: string, opts: UpdateOptions = {}): MessageUpdate {
  return message(text, { chatType: "supergroup", ...opts });
}

/** A command in a group, typically addressed as /cmd@botname. */
export function groupCommand(text: string, opts: UpdateOptions = {}): MessageUpdate {
  return command(text, { chatType: "supergroup", ...opts });
}

/** The reader edited an earlier message. */
export function editedMessage(text: string, opts: UpdateOptions = {}): Update {
  const msg = textMessage(text, opts) as Message.TextMessage & Update.NonChannel;
  const edited = { ...msg, edit_date: now(opts) + 1 };
  return finish({ update_id: updateId(opts), edited_message: edited }, opts);
}

/** A post in a channel the bot is in (no `from`: channel posts are signed by the chat). */
export function channelPost(text: string, opts: UpdateOptions = {}): Update {
  const channel = chat({ ...opts, chatType: "channel" }) as Chat.ChannelChat;
  const post = {
    message_id: messageId(opts),
    date: now(opts),
    chat: channel,
    sender_chat: channel,
    text,
  };
  return finish({ update_id: updateId(opts), channel_post: post }, opts);
}

/** Options for a callback query. */
export interface CallbackOptions extends UpdateOptions {
  /** The text of the bot message carrying the button (default "…"). */
  messageText?: string;
  /** The keyboard on that message (default: one button with this data). */
  replyMarkup?: InlineKeyboardMarkup;
  /** A button under an inline-mode message: the query carries this id and no message. */
  inlineMessageId?: string;
  /** Override the callback query id (default: unique per call). */
  queryId?: string;
}

/**
 * The reader pressed an inline button with `data`. The query sits on a bot message (message_id from
 * opts.messageId) unless `inlineMessageId` is given. Pass `tg` so the fake knows that message and the
 * bot can edit it.
 */
export function callback(data: string, opts: CallbackOptions = {}): CallbackUpdate {
  const from = user(opts);
  const query: CallbackQuery = {
    id: opts.queryId ?? `cbq-${nextQueryId++}`,
    from,
    chat_instance: `ci-${opts.chatId ?? from.id}`,
    data,
  };
  if (opts.inlineMessageId !== undefined) {
    query.inline_message_id = opts.inlineMessageId;
  } else {
    const botMessage: Message.TextMessage = {
      message_id: messageId(opts),
      date: now(opts) - 1,
      chat: chat(opts),
      from: botUser(opts.tg),
      text: opts.messageText ?? "…",
      reply_markup: opts.replyMarkup ?? { inline_keyboard: [[{ text: "…", callback_data: data }]] },
    };
    query.message = botMessage;
  }
  return finish({ update_id: updateId(opts), callback_query: query }, opts);
}

/** The reader typed `@khabar_test_bot query` in some chat (`queryChatType`: where, default "sender"). */
export function inlineQuery(
  query: string,
  opts: UpdateOptions & { offset?: string; queryId?: string; queryChatType?: InlineQuery["chat_type"] } = {},
): InlineQueryUpdate {
  const q: InlineQuery = {
    id: opts.queryId ?? `iq-${nextQueryId++}`,
    from: user(opts),
    query,
    offset: opts.offset ?? "",
    chat_type: opts.queryChatType ?? "sender",
  };
  return finish({ update_id: updateId(opts), inline_query: q }, opts);
}

/**
 * The bot's own membership changed in a chat: "kicked" in a private chat means the reader blocked the
 * bot, "member" means they unblocked it or added it to a group.
 */
export function myChatMember(
  status: "member" | "kicked" | "left" | "administrator",
  opts: UpdateOptions & { oldStatus?: "member" | "kicked" | "left" | "administrator" } = {},
): Update {
  const bot = botUser(opts.tg);
  const member = (s: string): ChatMember => {
    if (s === "administrator") {
      return {
        user: bot,
        status: "administrator",
        can_be_edited: false,
        is_anonymous: false,
        can_manage_chat: true,
        can_delete_messages: false,
        can_manage_video_chats: false,
        can_restrict_members: false,
        can_promote_members: false,
        can_change_info: false,
        can_invite_users: false,
        can_post_stories: false,
        can_edit_stories: false,
        can_delete_stories: false,
      } as ChatMember;
    }
    if (s === "kicked") return { user: bot, status: "kicked", until_date: 0 };
    return { user: bot, status: s } as ChatMember;
  };
  const oldStatus = opts.oldStatus ?? (status === "member" ? "left" : "member");
  return finish(
    {
      update_id: updateId(opts),
      my_chat_member: {
        chat: chat(opts),
        from: user(opts),
        date: now(opts),
        old_chat_member: member(oldStatus),
        new_chat_member: member(status),
      },
    },
    opts,
  );
}

function botUser(tg: BotApiModel | undefined): User {
  const info = tg?.botInfo ?? DEFAULT_BOT_INFO;
  return { id: info.id, is_bot: true, first_name: info.first_name, username: info.username };
}

/** An update carrying a guest message (Guest Mode). */
export type GuestMessageUpdate = Update & { guest_message: Message.TextMessage & Update.NonChannel };

/**
 * The reader mentioned the bot in a chat the bot is not a member of (Guest Mode, Bot API 10.0): `text` is the
 * whole message, e.g. "@khabar_test_bot ترامب", with a mention entity on the bot's username. The chat is a
 * group of strangers by default (`chatType`/`chatId` pick another, e.g. a private chat with a friend).
 */
export function guestMessage(
  text: string,
  opts: UpdateOptions & { guestQueryId?: string } = {},
): GuestMessageUpdate {
  const at = text.search(/@[A-Za-z0-9_]+bot\b/iu);
  const entities: MessageEntity[] =
    at === -1
      ? []
      : [
          {
            type: "mention",
            offset: at,
            length: (/^@[A-Za-z0-9_]+/u.exec(text.slice(at))?.[0] ?? "").length,
          },
        ];
  const msg = textMessage(
    text,
    { chatType: "supergroup", chatId: -1005550001, ...opts },
    entities,
  ) as Message.TextMessage & Update.NonChannel & { guest_query_id?: string };
  msg.guest_query_id = opts.guestQueryId ?? `gq-${nextQueryId++}`;
  return finish({ update_id: updateId(opts), guest_message: msg }, opts);
}
