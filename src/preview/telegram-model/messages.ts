/**
 * The message methods: sendMessage, the two edits, deletes and chat actions, with Telegram's checks —
 * text limits and formatting, markup, "message is not modified", edits only of the bot's own messages.
 */
import type { InlineKeyboardMarkup, Message, User } from "grammy/types";
import type { ChatStore, InlineMessageState } from "./chats.js";
import { formattedText } from "./entities.js";
import { badRequest, ERRORS, TelegramApiError } from "./errors.js";
import { inlineOnly, sameMarkup, setMarkup, validateReplyMarkup } from "./markup.js";
import { isRecord, sameJson, toInt } from "./values.js";

/** What the message methods work on. */
export interface MessageContext {
  chats: ChatStore;
  /** The bot, as the `from` of its messages. */
  bot: User;
}

const CHAT_ACTIONS = new Set([
  "typing",
  "upload_photo",
  "record_video",
  "upload_video",
  "record_voice",
  "upload_voice",
  "upload_document",
  "choose_sticker",
  "find_location",
  "record_video_note",
  "upload_video_note",
]);

const now = (): number => Math.floor(Date.now() / 1000);

/** sendMessage: a text message from the bot, numbered after the chat's last message. */
export function sendMessage(ctx: MessageContext, p: Record<string, unknown>): Message.TextMessage {
  const state = ctx.chats.require(p);
  const { text, entities } = formattedText(p, "text", "entities", "parse_mode");
  const markup = validateReplyMarkup(p.reply_markup);
  state.lastMessageId++;
  const message: Message.TextMessage = {
    message_id: state.lastMessageId,
    from: { ...ctx.bot },
    chat: { ...state.chat },
    date: now(),
    text,
  };
  if (entities.length > 0) message.entities = entities;
  if (markup && markup.inline_keyboard.length > 0) message.reply_markup = markup;
  if (isRecord(p.link_preview_options))
    message.link_preview_options = structuredClone(p.link_preview_options);
  const replyTo = isRecord(p.reply_parameters)
    ? toInt(p.reply_parameters.message_id)
    : toInt(p.reply_to_message_id);
  const original = replyTo === undefined ? undefined : state.messages.get(replyTo);
  if (original) {
    // Telegram nests the replied-to message one level deep only.
    const reply = structuredClone(original);
    delete reply.reply_to_message;
    message.reply_to_message = { ...reply, reply_to_message: undefined };
  }
  state.messages.set(message.message_id, message);
  return structuredClone(message);
}

type EditTarget =
  | { kind: "chat"; message: Message }
  | { kind: "inline"; id: string; state: InlineMessageState };

/** Finds the message an edit targets: a chat message, or an inline message by id. */
function editTarget(ctx: MessageContext, p: Record<string, unknown>): EditTarget {
  if (typeof p.inline_message_id === "string" && p.inline_message_id !== "") {
    const id = p.inline_message_id;
    return { kind: "inline", id, state: ctx.chats.inlineMessage(id) };
  }
  const chatState = ctx.chats.require(p);
  const messageId = toInt(p.message_id);
  if (messageId === undefined) throw badRequest("message identifier is not specified");
  const message = chatState.messages.get(messageId);
  if (!message) throw badRequest("message to edit not found");
  if (message.from?.id !== ctx.bot.id) throw badRequest("message can't be edited");
  return { kind: "chat", message };
}

/** editMessageText: new text (and keyboard) for a message, refused when nothing would change. */
export function editMessageText(ctx: MessageContext, p: Record<string, unknown>): Message | true {
  const target = editTarget(ctx, p);
  const { text, entities } = formattedText(p, "text", "entities", "parse_mode");
  const markup = inlineOnly(validateReplyMarkup(p.reply_markup));
  const current = target.kind === "chat" ? target.message : target.state;
  if (
    current.text !== undefined &&
    current.text.trim() === text.trim() &&
    sameJson(current.entities ?? [], entities) &&
    sameMarkup(current.reply_markup, markup)
  ) {
    throw new TelegramApiError(400, ERRORS.notModified);
  }
  if (target.kind === "inline") {
    target.state.text = text;
    target.state.entities = entities;
    target.state.reply_markup = markup;
    return true;
  }
  const message = target.message as Message.TextMessage;
  if (typeof message.text !== "string") throw badRequest("there is no text in the message to edit");
  message.text = text;
  if (entities.length > 0) message.entities = entities;
  else delete message.entities;
  setMarkup(message, markup);
  message.edit_date = now();
  return structuredClone(message);
}

/** editMessageReplyMarkup: a new keyboard (or none), refused when it is the same. */
export function editMessageReplyMarkup(ctx: MessageContext, p: Record<string, unknown>): Message | true {
  const target = editTarget(ctx, p);
  const markup: InlineKeyboardMarkup | undefined = inlineOnly(validateReplyMarkup(p.reply_markup));
  const current = target.kind === "chat" ? target.message : target.state;
  if (sameMarkup(current.reply_markup, markup)) {
    throw new TelegramApiError(400, ERRORS.notModified);
  }
  if (target.kind === "inline") {
    target.state.reply_markup = markup;
    return true;
  }
  setMarkup(target.message, markup);
  target.message.edit_date = now();
  return structuredClone(target.message);
}

/** deleteMessage: a message id can be deleted once. */
export function deleteMessage(ctx: MessageContext, p: Record<string, unknown>): true {
  const state = ctx.chats.require(p);
  const messageId = toInt(p.message_id);
  if (messageId === undefined) throw badRequest("message identifier is not specified");
  if (state.deleted.has(messageId)) throw badRequest("message to delete not found");
  state.messages.delete(messageId);
  state.deleted.add(messageId);
  return true;
}

/** deleteMessages: 1–100 ids at once; unknown ones are skipped, as Telegram does. */
export function deleteMessages(ctx: MessageContext, p: Record<string, unknown>): true {
  const state = ctx.chats.require(p);
  const ids = Array.isArray(p.message_ids) ? p.message_ids : [];
  if (ids.length < 1 || ids.length > 100) throw badRequest("message identifiers are not specified");
  for (const id of ids) {
    const n = toInt(id);
    if (n === undefined) continue;
    state.messages.delete(n);
    state.deleted.add(n);
  }
  return true;
}

/** sendChatAction: only Telegram's action names. */
export function sendChatAction(ctx: MessageContext, p: Record<string, unknown>): true {
  ctx.chats.require(p);
  if (typeof p.action !== "string" || !CHAT_ACTIONS.has(p.action)) {
    throw badRequest("wrong parameter action in request");
  }
  return true;
}
