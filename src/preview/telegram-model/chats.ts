/**
 * What the model knows about chats: their type, the messages in them (as they are after edits) and which
 * ids were deleted, learnt from the updates users send and the messages the bot sends.
 */
import type { Chat, InlineKeyboardMarkup, Message, MessageEntity, Update } from "grammy/types";
import { badRequest } from "./errors.js";
import { toChatId } from "./values.js";

/** One chat as the model holds it. */
export interface ChatState {
  chat: Chat;
  /** The highest message_id used in this chat, so the bot's messages continue the chat's numbering. */
  lastMessageId: number;
  /** Messages by id, in the order they appeared. */
  messages: Map<number, Message>;
  deleted: Set<number>;
}

/** A message sent in inline mode, known only by its inline_message_id. */
export interface InlineMessageState {
  text?: string;
  entities?: MessageEntity[];
  reply_markup?: InlineKeyboardMarkup;
}

/** A stand-in chat of a type, for chats the model has only seen an id of. */
export function synthesizeChat(id: number, type: Chat["type"]): Chat {
  switch (type) {
    case "private":
      return { id, type, first_name: "Reader" };
    case "group":
      return { id, type, title: "Test group" };
    case "supergroup":
      return { id, type, title: "Test supergroup" };
    case "channel":
      return { id, type, title: "Test channel" };
  }
}

/** The chats and inline messages of one modelled bot. */
export class ChatStore {
  private readonly chats = new Map<number, ChatState>();
  private readonly inline = new Map<string, InlineMessageState>();

  /** Unbounded without `limits`; otherwise at most `chats` chats of `messagesPerChat` messages each. */
  constructor(private readonly limits?: { chats: number; messagesPerChat: number }) {}

  /** The state of a chat, created on first sight (positive ids are private chats, negative supergroups). */
  state(chatId: number): ChatState {
    let state = this.chats.get(chatId);
    if (!state) {
      state = {
        chat: synthesizeChat(chatId, chatId > 0 ? "private" : "supergroup"),
        lastMessageId: 0,
        messages: new Map(),
        deleted: new Set(),
      };
      this.chats.set(chatId, state);
      if (this.limits !== undefined && this.chats.size > this.limits.chats) {
        const oldest = this.chats.keys().next().value;
        if (oldest !== undefined) this.chats.delete(oldest);
      }
    }
    return state;
  }

  /** Forgets a chat's oldest messages (and deleted ids) past the limit. */
  private trim(state: ChatState): void {
    const keep = this.limits?.messagesPerChat;
    if (keep === undefined) return;
    for (const id of state.messages.keys()) {
      if (state.messages.size <= keep) break;
      state.messages.delete(id);
    }
    for (const id of state.deleted) {
      if (state.deleted.size <= keep) break;
      state.deleted.delete(id);
    }
  }

  /** The chat a payload's chat_id names, or Telegram's "chat not found". */
  require(p: Record<string, unknown>): ChatState {
    const chatId = toChatId(p.chat_id);
    if (chatId === undefined || chatId === 0) throw badRequest("chat not found");
    return this.state(chatId);
  }

  /** An inline message's state, created on first edit. */
  inlineMessage(id: string): InlineMessageState {
    let state = this.inline.get(id);
    if (!state) {
      state = {};
      this.inline.set(id, state);
    }
    return state;
  }

  /** A message as it is now (after edits), or undefined if unknown or deleted. */
  message(chatId: number, messageId: number): Message | undefined {
    const message = this.chats.get(chatId)?.messages.get(messageId);
    return message ? structuredClone(message) : undefined;
  }

  /** Every message of a chat still there, oldest first, as it is now. */
  history(chatId: number): Message[] {
    const state = this.chats.get(chatId);
    if (!state) return [];
    return [...state.messages.values()]
      .sort((a, b) => a.message_id - b.message_id)
      .map((m) => structuredClone(m));
  }

  /** Puts a message into its chat as it is now (a new one, or a new state of a known one). */
  put(message: Message): void {
    const state = this.state(message.chat.id);
    state.lastMessageId = Math.max(state.lastMessageId, message.message_id);
    state.deleted.delete(message.message_id);
    state.messages.set(message.message_id, structuredClone(message));
    this.trim(state);
  }

  /** Forgets every chat and inline message. */
  clear(): void {
    this.chats.clear();
    this.inline.clear();
  }

  /**
   * Learns from an update what Telegram would already know: chat types, message ids in use, and the bot
   * message a callback button sits on (so the bot can edit it).
   */
  observe(update: Update): void {
    const messages = [
      update.message,
      update.edited_message,
      update.channel_post,
      update.edited_channel_post,
      update.callback_query?.message,
    ];
    for (const message of messages) {
      if (!message) continue;
      const state = this.state(message.chat.id);
      state.chat = { ...message.chat };
      if (message.date === 0) continue; // an inaccessible message: nothing to remember
      state.lastMessageId = Math.max(state.lastMessageId, message.message_id);
      if (!state.messages.has(message.message_id) && !state.deleted.has(message.message_id)) {
        state.messages.set(message.message_id, structuredClone(message as Message));
        this.trim(state);
      }
    }
    const member = update.my_chat_member ?? update.chat_member;
    if (member) this.state(member.chat.id).chat = { ...member.chat };
  }
}
