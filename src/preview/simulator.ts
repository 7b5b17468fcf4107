/**
 * The reader's side of the preview: turns what the page does into updates for the bot (through the
 * model's update queue, so the bot receives them by long polling exactly as from Telegram), and turns the
 * bot's calls into events for the page.
 */
import type { BotCommand, InlineQueryResult, Message, Update } from "grammy/types";
import { eventsFromCall, type PreviewEvent, type PushProgress } from "./events.js";
import {
  type ChatInput,
  callbackUpdate,
  inlineQueryUpdate,
  type ReaderInput,
  readerChat,
  readerUser,
  textMessageUpdate,
} from "./reader-updates.js";
import type { CatalogInfo, ProblemInfo, StoryInfo } from "./stories.js";
import { formattedText } from "./telegram-model/entities.js";
import { inlineOnly, validateReplyMarkup } from "./telegram-model/markup.js";
import type { ApiCall, BotApiModel } from "./telegram-model/model.js";
import { isRecord } from "./telegram-model/values.js";

/** How many inline answers are kept for the reader to pick a result from (older queries are stale). */
const KEPT_INLINE_ANSWERS = 50;

/** How many pressed-button, inline-query and via-bot ids are remembered (older ones are long answered). */
const KEPT_IDS = 1000;

/** Sets `key` in `map`, forgetting the oldest entries past `keep`. */
function remember<K, V>(map: Map<K, V>, key: K, value: V, keep = KEPT_IDS): void {
  map.set(key, value);
  for (const old of map.keys()) {
    if (map.size <= keep) break;
    map.delete(old);
  }
}
/**
 * The chat a Guest Mode mention comes from in the preview: a group the bot is not a member of, where the
 * reader mentions it and it answers that one message (Bot API 10.0).
 */
export const GUEST_CHAT: ChatInput = { id: -1009990000001, type: "supergroup", title: "Another chat" };

/** A message the reader sent "via @bot" by picking an inline result. */
interface InlineSent {
  chatId: number;
  messageId: number;
}

/** A failed reader action, with the HTTP status the route answers with. */
export class ReaderActionError extends Error {
  constructor(
    readonly status: 400 | 404 | 409 | 415,
    message: string,
  ) {
    super(message);
    this.name = "ReaderActionError";
  }
}

/** The bot's profile as the page shows it. */
export interface BotInfoView {
  bot: { id: number; username: string; first_name: string };
  description: Record<string, string>;
  shortDescription: Record<string, string>;
  commands: Record<string, BotCommand[]>;
  stories: StoryInfo[];
  problems: ProblemInfo[];
  /** The pushes under way, for the page's progress line. */
  pushes: PushProgress[];
  /** The chat Guest Mode mentions come from (see `GUEST_CHAT`). */
  guestChatId: number;
}

/** The preview's reader simulator over one model. */
export class ReaderSimulator {
  /** The stories the bot serves, for /api/info (set by whoever loads them). */
  stories: StoryInfo[] = [];
  /** The story folders with problems, for the page's problem panel. */
  problems: ProblemInfo[] = [];
  /** The pushes under way (set by whoever runs the push engine). */
  pushes: PushProgress[] = [];
  private readonly listeners = new Set<(event: PreviewEvent) => void>();
  private readonly queryChats = new Map<string, number>();
  private readonly inlineAnswers = new Map<string, { query: string; results: InlineQueryResult[] }>();
  private readonly inlineQueries = new Map<string, string>();
  private readonly inlineSent = new Map<string, InlineSent>();
  /** The reader's guest mentions by guest_query_id, until the bot answers them. */
  private readonly guestCallers = new Map<string, Message>();
  private nextQuery = 1;
  private readonly unsubscribe: () => void;

  constructor(readonly model: BotApiModel) {
    this.unsubscribe = model.onCall((call) => {
      this.followInlineMode(call);
      for (const event of eventsFromCall(call, (id) => this.queryChats.get(id))) this.emit(event);
    });
  }

  /** Calls `listener` with every event from now on; returns the unsubscribe function. */
  subscribe(listener: (event: PreviewEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Takes the content as it is now, and tells the page it changed (the page then asks /api/info again). */
  setCatalog(info: CatalogInfo): void {
    this.stories = info.stories;
    this.problems = info.problems;
    this.emit({ type: "catalog" });
  }

  /** Takes the pushes under way; tells the page only when they changed (it is polled). */
  setPushes(pushes: PushProgress[]): void {
    if (JSON.stringify(pushes) === JSON.stringify(this.pushes)) return;
    this.pushes = pushes;
    this.emit({ type: "pushes", pushes });
  }

  /** Stops listening to the model. */
  close(): void {
    this.unsubscribe();
    this.listeners.clear();
  }

  /** The reader sends a text message. */
  sendText(chat: ChatInput, from: ReaderInput, text: string): Message {
    if (chat.type === "private" && chat.id !== from.id) {
      throw new ReaderActionError(400, "a private chat's id is the reader's id");
    }
    const update = textMessageUpdate(chat, from, text, this.model.nextMessageId(chat.id));
    this.model.pushUpdate(update);
    this.emit({ type: "user-message", chatId: chat.id, message: update.message });
    return update.message;
  }

  /** The reader presses a callback button under one of the bot's messages; returns the query id. */
  press(chat: ChatInput, from: ReaderInput, messageId: number, data: string): string {
    const message = this.model.getMessage(chat.id, messageId);
    if (!message) throw new ReaderActionError(404, `message ${messageId} is not in chat ${chat.id}`);
    const buttons = message.reply_markup?.inline_keyboard.flat() ?? [];
    if (!buttons.some((b) => "callback_data" in b && b.callback_data === data)) {
      throw new ReaderActionError(400, "no button with this callback data under that message");
    }
    const id = `preview-cbq-${this.nextQuery++}`;
    remember(this.queryChats, id, chat.id);
    const update = callbackUpdate(from, message, data, id);
    const inlineId = this.inlineIdOf(chat.id, messageId);
    if (inlineId !== undefined) {
      // A button under a message sent via the bot: Telegram names it by inline_message_id, without the message.
      delete update.callback_query.message;
      update.callback_query.inline_message_id = inlineId;
    }
    this.model.pushUpdate(update);
    return id;
  }

  /**
   * The reader picks a result the bot answered an inline query with: the message goes into the chat from
   * the reader "via @bot", as Telegram posts it, and the bot gets a chosen_inline_result if it asked.
   */
  chooseInlineResult(chat: ChatInput, from: ReaderInput, queryId: string, resultId: string): Message {
    const answer = this.inlineAnswers.get(queryId);
    if (!answer) throw new ReaderActionError(404, "no answer to that inline query (yet, or any more)");
    const result = answer.results.find((r) => r.id === resultId);
    if (!result) throw new ReaderActionError(404, "no result with that id in the answer");
    const content: unknown = "input_message_content" in result ? result.input_message_content : undefined;
    if (!isRecord(content) || typeof content.message_text !== "string") {
      throw new ReaderActionError(400, "the preview can only send text results");
    }
    const { text, entities } = formattedText(content, "message_text", "entities", "parse_mode");
    const { id, is_bot, first_name, username } = this.model.botInfo;
    const message: Message.TextMessage = {
      message_id: this.model.nextMessageId(chat.id),
      from: readerUser(from),
      chat: readerChat(chat, from),
      date: Math.floor(Date.now() / 1000),
      text,
      via_bot: { id, is_bot, first_name, username },
    };
    if (entities.length > 0) message.entities = entities;
    const markup = inlineOnly(
      validateReplyMarkup("reply_markup" in result ? result.reply_markup : undefined),
    );
    if (markup) message.reply_markup = markup;
    this.model.rememberMessage(message);
    const inlineMessageId = `preview-im-${this.nextQuery++}`;
    if (markup)
      remember(this.inlineSent, inlineMessageId, { chatId: chat.id, messageId: message.message_id });
    this.model.pushUpdate({
      chosen_inline_result: {
        result_id: resultId,
        from: readerUser(from),
        query: answer.query,
        ...(markup ? { inline_message_id: inlineMessageId } : {}),
      },
    });
    this.emit({ type: "user-message", chatId: chat.id, message });
    return message;
  }

  /** The reader types an inline query; results arrive as an `inline-results` event. */
  inlineQuery(from: ReaderInput, query: string, offset: string): string {
    const id = `preview-iq-${this.nextQuery++}`;
    remember(this.inlineQueries, id, query);
    const before = this.model.pendingUpdates.length;
    this.model.pushUpdate(inlineQueryUpdate(from, query, offset, id));
    if (this.model.pendingUpdates.length === before) {
      // Not queued: the bot does not ask for inline_query updates, so Telegram would never send one.
      throw new ReaderActionError(409, "inline mode is off: the bot does not ask for inline_query updates");
    }
    return id;
  }

  /**
   * The reader mentions the bot in another chat it is not in (Guest Mode): the message goes into that chat
   * and the bot gets a guest_message; its answerGuestQuery result appears there as the bot's reply.
   */
  guestMention(from: ReaderInput, text: string): Message {
    const chat = GUEST_CHAT;
    const update = textMessageUpdate(chat, from, text, this.model.nextMessageId(chat.id));
    const message = { ...update.message, guest_query_id: `preview-gq-${this.nextQuery++}` };
    const before = this.model.pendingUpdates.length;
    this.model.pushUpdate({ guest_message: message as Message.TextMessage & Update.NonChannel });
    if (this.model.pendingUpdates.length === before) {
      throw new ReaderActionError(409, "guest mode is off: the bot does not ask for guest_message updates");
    }
    this.model.rememberMessage(message);
    this.guestCallers.set(message.guest_query_id, message);
    this.emit({ type: "user-message", chatId: chat.id, message });
    return message;
  }

  /** Everything cleared: chats, messages, pending updates. */
  reset(): void {
    this.model.forgetChats();
    this.queryChats.clear();
    this.inlineAnswers.clear();
    this.inlineQueries.clear();
    this.inlineSent.clear();
    this.guestCallers.clear();
    this.emit({ type: "reset" });
  }

  /** A chat's messages, oldest first, as they are after edits. */
  history(chatId: number): Message[] {
    return this.model.history(chatId);
  }

  /** The bot's profile, command menus (per language, "" = default) and stories. */
  info(languages: readonly string[]): BotInfoView {
    const { id, username, first_name } = this.model.botInfo;
    const description: Record<string, string> = {};
    const shortDescription: Record<string, string> = {};
    const commands: Record<string, BotCommand[]> = {};
    for (const lang of ["", ...languages]) {
      description[lang] = this.model.profile.description.get(lang) ?? "";
      shortDescription[lang] = this.model.profile.shortDescription.get(lang) ?? "";
      commands[lang] = this.model.getCommands({ type: "default" }, lang);
    }
    return {
      bot: { id, username, first_name },
      description,
      shortDescription,
      commands,
      stories: this.stories,
      problems: this.problems,
      pushes: this.pushes,
      guestChatId: GUEST_CHAT.id,
    };
  }

  private inlineIdOf(chatId: number, messageId: number): string | undefined {
    for (const [id, sent] of this.inlineSent) {
      if (sent.chatId === chatId && sent.messageId === messageId) return id;
    }
    return undefined;
  }

  /** Keeps inline answers to pick from, and shows edits of messages sent via the bot in their chat. */
  private followInlineMode(call: ApiCall): void {
    if (call.error || call.result === undefined) return;
    const p = call.payload;
    if (call.method === "answerInlineQuery" && typeof p.inline_query_id === "string") {
      const results = (Array.isArray(p.results) ? p.results : []) as InlineQueryResult[];
      this.inlineAnswers.set(p.inline_query_id, {
        query: this.inlineQueries.get(p.inline_query_id) ?? "",
        results,
      });
      for (const old of this.inlineAnswers.keys()) {
        if (this.inlineAnswers.size <= KEPT_INLINE_ANSWERS) break;
        this.inlineAnswers.delete(old);
      }
      return;
    }
    if (call.method === "answerGuestQuery" && typeof p.guest_query_id === "string") {
      this.showGuestAnswer(p.guest_query_id, p.result);
      return;
    }
    const edit = call.method === "editMessageText" || call.method === "editMessageReplyMarkup";
    const sent =
      typeof p.inline_message_id === "string" ? this.inlineSent.get(p.inline_message_id) : undefined;
    if (!edit || !sent) return;
    const current = this.model.getMessage(sent.chatId, sent.messageId);
    if (!current) return;
    const updated = { ...current, edit_date: Math.floor(Date.now() / 1000) } as Message.TextMessage;
    if (call.method === "editMessageText") {
      // Already accepted by the model, so it parses.
      const { text, entities } = formattedText(p, "text", "entities", "parse_mode");
      updated.text = text;
      if (entities.length > 0) updated.entities = entities;
      else delete updated.entities;
    }
    const markup = inlineOnly(validateReplyMarkup(p.reply_markup));
    if (markup) updated.reply_markup = markup;
    else delete updated.reply_markup;
    this.model.rememberMessage(updated);
    this.emit({ type: "edit", chatId: sent.chatId, message: updated });
  }

  /** A guest answer (already accepted by the model) as the bot's message in the chat it was mentioned in. */
  private showGuestAnswer(guestQueryId: string, result: unknown): void {
    const caller = this.guestCallers.get(guestQueryId);
    this.guestCallers.delete(guestQueryId);
    const content = isRecord(result) ? result.input_message_content : undefined;
    if (!caller || !isRecord(result) || !isRecord(content) || typeof content.message_text !== "string")
      return;
    const { text, entities } = formattedText(content, "message_text", "entities", "parse_mode");
    const { id, is_bot, first_name, username } = this.model.botInfo;
    const message: Message.TextMessage = {
      message_id: this.model.nextMessageId(caller.chat.id),
      from: { id, is_bot, first_name, username },
      chat: caller.chat,
      date: Math.floor(Date.now() / 1000),
      text,
      reply_to_message: caller as Message.TextMessage & { reply_to_message: undefined },
    };
    if (caller.from) message.guest_bot_caller_user = caller.from;
    if (entities.length > 0) message.entities = entities;
    const markup = inlineOnly(validateReplyMarkup(result.reply_markup));
    if (markup) message.reply_markup = markup;
    this.model.rememberMessage(message);
    this.emit({ type: "message", chatId: caller.chat.id, message });
  }

  private emit(event: PreviewEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }
}
