import type { Update } from "grammy/types";
import pino from "pino";
import { createBot } from "../../src/bot/create-bot.js";
import { fixedCatalog, type StorySource } from "../../src/content/library.js";
import type { Lang } from "../../src/content/schema.js";
import type { FollowStore } from "../../src/push/follow-store.js";
import { createMemoryFollowStore } from "../../src/push/memory-follow-store.js";
import { createMemoryStore } from "../../src/storage/index.js";
import type { Store } from "../../src/storage/types.js";
import { createTestBotOptions } from "../helpers/fake-fetch.js";
import { type ApiCall, FAKE_BOT_TOKEN, FakeTelegram } from "../helpers/fake-telegram.js";
import * as updates from "../helpers/updates.js";
import { exchangeCard, realStory } from "./story-fixture.js";

const story = realStory();
/** The story's prisoner-exchange card. */
const exchange = exchangeCard(story);

/** A message the bot sent, as a reader's client holds it: what a button press refers back to. */
export interface Shown {
  chatId: number;
  messageId: number;
  text: string;
  buttons: Array<{ text: string; data: string }>;
}

/** The real bot wired to a fake Telegram, with helpers that return the API calls each update caused. */
export function createHarness(
  options: {
    store?: Store;
    defaultLang?: Lang;
    logger?: pino.Logger;
    /** The stories served (default: the real story alone). */
    stories?: StorySource;
    /** What chats follow (default: a fresh memory store). */
    follows?: FollowStore;
    /** The editors' chat readers' reports go to (default: none, so reports are not offered). */
    editorsChatId?: number;
  } = {},
) {
  const tg = new FakeTelegram();
  const store = options.store ?? createMemoryStore();
  const follows = options.follows ?? createMemoryFollowStore();
  const built = createBot({
    token: FAKE_BOT_TOKEN,
    stories: options.stories ?? fixedCatalog([story]),
    store,
    logger: options.logger ?? pino({ level: "silent" }),
    defaultLang: options.defaultLang ?? "ar",
    ...(options.editorsChatId === undefined ? {} : { editorsChatId: options.editorsChatId }),
    botConfig: createTestBotOptions(tg),
    follows,
  });

  /** Delivers an update and returns the calls it caused (in order). */
  async function send(update: Update): Promise<ApiCall[]> {
    const before = tg.calls.length;
    await tg.deliver(built.bot, update);
    return tg.calls.slice(before);
  }

  /** The message as the reader now sees it (after edits). */
  function shown(chatId: number, messageId: number): Shown {
    const message = tg.getMessage(chatId, messageId);
    if (!message || !("text" in message) || message.text === undefined)
      throw new Error(`no message ${messageId}`);
    const buttons =
      message.reply_markup?.inline_keyboard
        .flat()
        .map((b) => ({ text: b.text, data: "callback_data" in b ? b.callback_data : "" })) ?? [];
    return { chatId, messageId, text: message.text, buttons };
  }

  /** The last message the bot sent to a chat. */
  function last(chatId = updates.DEFAULT_USER_ID): Shown {
    const message = tg.sentTo(chatId).at(-1);
    if (!message) throw new Error(`nothing sent to ${chatId}`);
    return shown(chatId, message.message_id);
  }

  /** Presses a button on a shown message (by its data), as the reader would. */
  function press(on: Shown, data: string, opts: updates.CallbackOptions = {}): Promise<ApiCall[]> {
    return send(
      updates.callback(data, { chatId: on.chatId, messageId: on.messageId, messageText: on.text, ...opts }),
    );
  }

  return { ...built, tg, store, follows, send, shown, last, press };
}

export type Harness = ReturnType<typeof createHarness>;

/** The methods of a list of calls, for compact assertions on round trips. */
export const methods = (calls: readonly ApiCall[]) => calls.map((c) => c.method);

/** The text a call sent or edited in. */
export const textOf = (call: ApiCall | undefined): string => String(call?.payload.text ?? "");

export { exchange, story, updates };
