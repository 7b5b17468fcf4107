/**
 * The updates the simulated reader sends, shaped as Telegram shapes them: a text message with the
 * entities Telegram's servers detect (commands, mentions, hashtags, URLs), a button press on a bot message,
 * an inline query.
 */
import type { CallbackQuery, Chat, InlineQuery, Message, MessageEntity, Update, User } from "grammy/types";

/** The reader as the page describes them. */
export interface ReaderInput {
  id: number;
  first_name: string;
  language_code?: string | undefined;
}

/** The chat as the page describes it. */
export interface ChatInput {
  id: number;
  type: "private" | "group" | "supergroup";
  title?: string | undefined;
}

// What Telegram's servers turn into entities in a user's text. `\B/` keeps "and/or" from becoming a command.
const DETECTED: { type: MessageEntity["type"]; pattern: RegExp }[] = [
  { type: "bot_command", pattern: /(?<![\p{L}\p{N}_/])\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?/gu },
  { type: "url", pattern: /\bhttps?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]]/gu },
  { type: "mention", pattern: /(?<![\p{L}\p{N}_])@[A-Za-z0-9_]{4,32}\b/gu },
  { type: "hashtag", pattern: /(?<![\p{L}\p{N}_])#[\p{L}\p{N}_]+/gu },
];

/** The entities Telegram would detect in a typed text, in order, without overlaps (first match wins). */
export function detectEntities(text: string): MessageEntity[] {
  const found: MessageEntity[] = [];
  for (const { type, pattern } of DETECTED) {
    for (const match of text.matchAll(pattern)) {
      const offset = match.index;
      const length = match[0].length;
      if (found.some((e) => offset < e.offset + e.length && e.offset < offset + length)) continue;
      found.push({ type, offset, length } as MessageEntity);
    }
  }
  return found.sort((a, b) => a.offset - b.offset);
}

/** The reader as a Telegram User. */
export function readerUser(from: ReaderInput): User {
  const user: User = { id: from.id, is_bot: false, first_name: from.first_name };
  if (from.language_code !== undefined && from.language_code !== "") user.language_code = from.language_code;
  return user;
}

/** The chat as a Telegram Chat. */
export function readerChat(chat: ChatInput, from: ReaderInput): Chat {
  if (chat.type === "private") return { id: chat.id, type: "private", first_name: from.first_name };
  return { id: chat.id, type: chat.type, title: chat.title ?? "Preview group" };
}

/** A text message the reader typed, numbered `messageId` in its chat. */
export function textMessageUpdate(
  chat: ChatInput,
  from: ReaderInput,
  text: string,
  messageId: number,
): Update & { message: Message.TextMessage } {
  const message: Message.TextMessage = {
    message_id: messageId,
    from: readerUser(from),
    chat: readerChat(chat, from),
    date: Math.floor(Date.now() / 1000),
    text,
  };
  const entities = detectEntities(text);
  if (entities.length > 0) message.entities = entities;
  return { update_id: 0, message: message as Message.TextMessage & Update.NonChannel };
}

/** A press on a callback button of `message` (the bot's message, as it is now). */
export function callbackUpdate(
  from: ReaderInput,
  message: Message,
  data: string,
  queryId: string,
): Update & { callback_query: CallbackQuery } {
  const query: CallbackQuery = {
    id: queryId,
    from: readerUser(from),
    chat_instance: `preview-${message.chat.id}`,
    message: message as CallbackQuery["message"] & Message,
    data,
  };
  return { update_id: 0, callback_query: query };
}

/** An inline query typed after `@<bot>`. */
export function inlineQueryUpdate(
  from: ReaderInput,
  query: string,
  offset: string,
  queryId: string,
): Update & { inline_query: InlineQuery } {
  return {
    update_id: 0,
    inline_query: { id: queryId, from: readerUser(from), query, offset, chat_type: "sender" },
  };
}
