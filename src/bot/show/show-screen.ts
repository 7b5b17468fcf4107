import type { Context } from "grammy";
import type { InlineKeyboardMarkup, MaybeInaccessibleMessage, Message, MessageEntity } from "grammy/types";
import type { Screen } from "../render/view.js";
import { isNotModified, isQueryTooOld, isUneditable } from "../telegram-errors.js";
import { markAnswered } from "./answered.js";

const NO_PREVIEW = { is_disabled: true } as const;

/** Sends a screen as new messages, one after another, with its buttons under the last. */
export async function replyScreen(ctx: Context, screen: Screen): Promise<Message.TextMessage[]> {
  const sent: Message.TextMessage[] = [];
  const last = screen.messages.length - 1;
  for (const [i, message] of screen.messages.entries()) {
    sent.push(
      await ctx.reply(message.text, {
        entities: message.entities,
        link_preview_options: NO_PREVIEW,
        ...(i === last && screen.keyboard ? { reply_markup: screen.keyboard } : {}),
      }),
    );
  }
  return sent;
}

/** JSON with object keys sorted, so that equal values compare equal whatever order their keys came in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === "object" && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * Whether the message a button sits under already shows this text, entities and keyboard, as Telegram
 * delivered it with the press (a double tap, or a button leading to the screen it is on). Editing it would
 * only earn a 400 "message is not modified". Anything uncertain (no message, an inaccessible one, entities
 * Telegram added on its own) counts as different, and the edit goes ahead as before.
 */
function alreadyShows(
  message: MaybeInaccessibleMessage | undefined,
  text: string,
  entities: readonly MessageEntity[],
  keyboard: InlineKeyboardMarkup | undefined,
): boolean {
  if (message === undefined || message.date === 0 || message.text !== text) return false;
  return (
    canonical(message.entities ?? []) === canonical(entities) &&
    canonical(message.reply_markup?.inline_keyboard ?? []) === canonical(keyboard?.inline_keyboard ?? [])
  );
}

/**
 * Shows a screen in place of the message a button sits under. A screen of several messages edits the first
 * and sends the rest. An edit that changes nothing counts as done, and is not even sent when the pressed
 * message visibly shows the screen already.
 */
export async function editScreen(ctx: Context, screen: Screen): Promise<void> {
  const [first, ...rest] = screen.messages;
  if (!first) return;
  const keyboard = rest.length === 0 ? screen.keyboard : undefined;
  const pressed = ctx.callbackQuery?.message;
  // Telegram marks a message it no longer lets the bot touch with date 0: send the screen anew instead.
  if (pressed?.date === 0 && ctx.chat) {
    await replyScreen(ctx, screen);
    return;
  }
  if (alreadyShows(pressed, first.text, first.entities, keyboard)) return;
  try {
    await ctx.editMessageText(first.text, {
      entities: first.entities,
      link_preview_options: NO_PREVIEW,
      ...(keyboard ? { reply_markup: keyboard } : {}),
    });
  } catch (error) {
    if (isNotModified(error)) return;
    // A message too old or gone to edit: the reader still gets the screen, as a new message.
    if (isUneditable(error) && ctx.chat) {
      await replyScreen(ctx, screen);
      return;
    }
    throw error;
  }
  if (rest.length > 0) {
    await replyScreen(ctx, { messages: rest, ...(screen.keyboard ? { keyboard: screen.keyboard } : {}) });
  }
}

/**
 * Answers a button press: stops the spinner (with a short notice if given) and, concurrently, shows the
 * screen in place, so the reader waits one round trip, not two. An answer that comes too late is not an
 * error the reader can do anything about, so only the edit's failure propagates.
 */
export async function answerWithScreen(
  ctx: Context,
  screen: Screen | undefined,
  notice?: string,
): Promise<void> {
  const query = ctx.callbackQuery;
  if (query) markAnswered(query.id);
  const [answered, edited] = await Promise.allSettled([
    ctx.answerCallbackQuery(notice ? { text: notice } : undefined),
    screen ? editScreen(ctx, screen) : undefined,
  ]);
  if (edited.status === "rejected") throw edited.reason;
  if (answered.status === "rejected" && !isQueryTooOld(answered.reason)) throw answered.reason;
}
