import {
  type ConversationContextStorage,
  type ConversationData,
  pinVersion,
  type VersionedState,
} from "@grammyjs/conversations";
import type { MiddlewareFn, StorageAdapter } from "grammy";
import type { BotContext } from "../context.js";
import type { Views } from "../helpers/views.js";
import {
  answerAtOnce,
  answerKind,
  QUOTES_CONVERSATION,
  QUOTES_CONVERSATION_VERSION,
  type QuotesArgs,
  questionOf,
} from "./quotes.js";

/** The quotes question asked in a chat and not yet answered: the conversation's arguments, and when. */
interface Asked {
  args: QuotesArgs;
  /** Epoch milliseconds when it was asked; the wait limit counts from here, as the plugin's wait does. */
  at: number;
}

/** What the conversations plugin stores per chat, or, while the question waits, the question instead. */
export type StoredQuotes = VersionedState<ConversationData> & { asked?: Asked };

const pinned = pinVersion(QUOTES_CONVERSATION_VERSION);

/**
 * The quotes question between asking and answering. Entering the conversation at the question cost five
 * commands' CPU (the plugin's replay engine, a rebuilt context and Api, timers, promises) for an update
 * that only waits; so the question is a small record in the conversation's own storage record (same key,
 * same TTL, same durability), and the conversation is entered with the reader's answer. An update that
 * would have left or passed by the waiting conversation leaves or passes by the record in the same way.
 */
export class QuotesQuestions {
  /** The question read for an update (from its chat's record), until answered, cancelled or left. */
  private readonly asked = new WeakMap<BotContext, Asked>();
  /** Updates that asked anew: the plugin's clean-up of the state it read must not delete the question. */
  private readonly fresh = new WeakSet<BotContext>();

  constructor(
    private readonly adapter: StorageAdapter<StoredQuotes>,
    private readonly waitMs: number,
  ) {}

  /** The conversations plugin's storage: the chat's record as before, the question noted on the way. */
  storage(): ConversationContextStorage<BotContext, ConversationData> {
    const key = (ctx: BotContext) => String(ctx.chatId);
    return {
      type: "context",
      version: QUOTES_CONVERSATION_VERSION,
      adapter: {
        read: async (ctx) => {
          const record = await this.adapter.read(key(ctx));
          // A question of an older version is dropped, as the plugin drops older conversations.
          if (record?.asked !== undefined && record.version[1] === QUOTES_CONVERSATION_VERSION) {
            this.asked.set(ctx, record.asked);
          }
          return record;
        },
        write: (ctx, state) => this.adapter.write(key(ctx), state),
        delete: async (ctx) => {
          if (!this.fresh.has(ctx)) await this.adapter.delete(key(ctx));
        },
      },
    };
  }

  /** Records that the question was asked in this chat (it has been sent); the reader's answer enters. */
  async ask(ctx: BotContext, args: QuotesArgs): Promise<void> {
    const record: StoredQuotes = { ...pinned.versionify({}), asked: { args, at: Date.now() } };
    this.fresh.add(ctx);
    this.asked.set(ctx, record.asked as Asked);
    await this.adapter.write(String(ctx.chatId), record);
  }

  /** Whether a question waits in this chat (timed out or not: until an update ends it, it is in progress). */
  waiting(ctx: BotContext): boolean {
    return this.asked.has(ctx);
  }

  /** Forgets the chat's question (cancelled, left, timed out or answered). */
  async forget(ctx: BotContext): Promise<void> {
    if (!this.asked.delete(ctx)) return;
    this.fresh.delete(ctx);
    await this.adapter.delete(String(ctx.chatId));
  }

  /**
   * Where the conversation is installed, right after it: an update to a waiting question does what the
   * conversation's first wait did with it. Past the wait limit the question ends and the update goes on;
   * an answer enters the conversation with it; one that leaves ends the question and goes on; one that
   * passes by (an edit, a reaction) goes on and the question keeps waiting.
   */
  answers(views: Views): MiddlewareFn<BotContext> {
    return async (ctx, next) => {
      const asked = this.asked.get(ctx);
      if (asked === undefined) return next();
      if (Date.now() - asked.at >= this.waitMs) {
        await this.forget(ctx);
        return next();
      }
      const question = questionOf(views, asked.args);
      // A story taken down meanwhile is the conversation's to tell (whatever the update is).
      const served = question.served();
      if (served) {
        const kind = answerKind(ctx, question);
        if (kind === "pass") return next();
        if (kind === "leave") {
          await this.forget(ctx);
          return next();
        }
      }
      await this.forget(ctx);
      // Most answers settle it at once (a speaker's button, a name that is one person's): the conversation
      // would only show that screen and end, so it is entered only for what needs its tries.
      if (served && (await answerAtOnce(ctx, question))) return;
      await ctx.conversation.enter(QUOTES_CONVERSATION, asked.args);
    };
  }
}
