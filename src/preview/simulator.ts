/**
 * The reader's side of the preview: turns what the page does into updates for the bot (through the
 * model's update queue, so the bot receives them by long polling exactly as from Telegram), and turns the
 * bot's calls into events for the page.
 */
import type { BotCommand, Message } from "grammy/types";
import type { BotApiModel } from "../bot-api/model.js";
import { eventsFromCall, type PreviewEvent } from "./events.js";
import {
  type ChatInput,
  callbackUpdate,
  inlineQueryUpdate,
  type ReaderInput,
  textMessageUpdate,
} from "./reader-updates.js";

/** A failed reader action, with the HTTP status the route answers with. */
export class ReaderActionError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
  ) {
    super(message);
    this.name = "ReaderActionError";
  }
}

/** What /api/info tells the page about a story. */
export interface StoryInfo {
  id: string;
  title: string;
  draft: boolean;
}

/** The bot's profile as the page shows it. */
export interface BotInfoView {
  bot: { id: number; username: string; first_name: string };
  description: Record<string, string>;
  shortDescription: Record<string, string>;
  commands: Record<string, BotCommand[]>;
  stories: StoryInfo[];
}

/** The preview's reader simulator over one model. */
export class ReaderSimulator {
  /** The stories the bot serves, for /api/info (set by whoever loads them). */
  stories: StoryInfo[] = [];
  private readonly listeners = new Set<(event: PreviewEvent) => void>();
  private readonly queryChats = new Map<string, number>();
  private nextQuery = 1;
  private readonly unsubscribe: () => void;

  constructor(readonly model: BotApiModel) {
    this.unsubscribe = model.onCall((call) => {
      for (const event of eventsFromCall(call, (id) => this.queryChats.get(id))) this.emit(event);
    });
  }

  /** Calls `listener` with every event from now on; returns the unsubscribe function. */
  subscribe(listener: (event: PreviewEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
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
    this.queryChats.set(id, chat.id);
    this.model.pushUpdate(callbackUpdate(from, message, data, id));
    return id;
  }

  /** The reader types an inline query; results arrive as an `inline-results` event. */
  inlineQuery(from: ReaderInput, query: string, offset: string): string {
    const id = `preview-iq-${this.nextQuery++}`;
    const before = this.model.pendingUpdates.length;
    this.model.pushUpdate(inlineQueryUpdate(from, query, offset, id));
    if (this.model.pendingUpdates.length === before) {
      // Not queued: the bot does not ask for inline_query updates, so Telegram would never send one.
      throw new ReaderActionError(409, "inline mode is off: the bot does not ask for inline_query updates");
    }
    return id;
  }

  /** Everything cleared: chats, messages, pending updates. */
  reset(): void {
    this.model.forgetChats();
    this.queryChats.clear();
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
    };
  }

  private emit(event: PreviewEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }
}
