import type { MiddlewareFn, StorageAdapter } from "grammy";
import type { BotContext } from "../context.js";
import type { ReaderViews } from "../reader-views.js";
import {
  answerAtOnce,
  answerKind,
  QUOTES_CONVERSATION,
  QUOTES_CONVERSATION_VERSION,
  type QuotesArgs,
  questionOf,
} from "./quotes.js";

/** The quotes question asked in a chat and not yet answered: the conversation's arguments, and when. */
export interface StoredQuestion {
  /** The conversation's version when asked: a question of another version is dropped, as the plugin drops conversations. */
  version: number;
  args: QuotesArgs;
  /** Epoch milliseconds when it was asked; the wait limit counts from here, as the plugin's wait does. */
  at: number;
}

/**
 * The quotes question between asking and answering, kept in a record of its own (one per private chat,
 * beside the conversations plugin's record, never inside it). Entering the conversation at the question
 * costs the plugin's replay engine, a rebuilt context and Api, timers and promises for an update that only
 * waits; so only the question is recorded, and the conversation is entered with the reader's answer. An
 * update that would have left or passed by the waiting conversation leaves or passes by the record in the
 * same way. Questions are asked in private chats only, so nothing is read for groups.
 */
export class QuotesQuestions {
  /** The question read for an update (from its chat's record), until answered, cancelled or left. */
  private readonly asked = new WeakMap<BotContext, StoredQuestion>();

  constructor(
    private readonly adapter: StorageAdapter<StoredQuestion>,
    private readonly waitMs: number,
  ) {}

  /** Reads the chat's waiting question, if any, for the middleware after it (install before `/cancel`). */
  load(): MiddlewareFn<BotContext> {
    return async (ctx, next) => {
      if (ctx.chat?.type === "private") {
        const record = await this.adapter.read(String(ctx.chat.id));
        if (record?.version === QUOTES_CONVERSATION_VERSION) this.asked.set(ctx, record);
      }
      return next();
    };
  }

  /** Records that the question was asked in this chat (it has been sent); the reader's answer enters. */
  async ask(ctx: BotContext, args: QuotesArgs): Promise<void> {
    const record: StoredQuestion = { version: QUOTES_CONVERSATION_VERSION, args, at: Date.now() };
    this.asked.set(ctx, record);
    await this.adapter.write(String(ctx.chatId), record);
  }

  /** Whether a question waits in this chat (timed out or not: until an update ends it, it is in progress). */
  waiting(ctx: BotContext): boolean {
    return this.asked.has(ctx);
  }

  /** Forgets the chat's question (cancelled, left, timed out or answered). */
  async forget(ctx: BotContext): Promise<void> {
    if (!this.asked.delete(ctx)) return;
    await this.adapter.delete(String(ctx.chatId));
  }

  /**
   * Where the conversation is installed, right after it: an update to a waiting question does what the
   * conversation's first wait did with it. Past the wait limit the question ends and the update goes on;
   * an answer enters the conversation with it; one that leaves ends the question and goes on; one that
   * passes by (an edit, a reaction) goes on and the question keeps waiting.
   */
  answers(views: ReaderViews): MiddlewareFn<BotContext> {
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
