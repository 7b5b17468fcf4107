import { sequentialize } from "@grammyjs/runner";
import type { MiddlewareFn } from "grammy";
import type { BotContext } from "../bot/context.js";

/**
 * The constraints under which updates must not run concurrently: one chat's updates in order (the
 * conversation state is per chat) and one reader's updates in order (the session is per user, shared by all
 * their chats). Prefixed, because a private chat's id equals its user's id.
 */
export function orderKeys(ctx: BotContext): string[] {
  const keys: string[] = [];
  if (ctx.chatId !== undefined) keys.push(`chat:${ctx.chatId}`);
  if (ctx.from !== undefined) keys.push(`user:${ctx.from.id}`);
  return keys;
}

/**
 * Runs the updates of one chat and of one reader one after another, while different readers proceed in
 * parallel. Needed under @grammyjs/runner (which handles up to 500 updates at once) before anything reads
 * state, or two quick taps would both read the same session and one write would be lost.
 */
export function sequentializeReaders(): MiddlewareFn<BotContext> {
  return sequentialize<BotContext>(orderKeys);
}
