import type { Context } from "grammy";
import type { Message } from "grammy/types";
import type { Screen } from "../render/view.js";
import { markAnswered } from "./answered.js";
import { isNotModified, isQueryTooOld, isUneditable } from "./telegram-errors.js";

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

/**
 * Shows a screen in place of the message a button sits under. A screen of several messages edits the first
 * and sends the rest. An edit that changes nothing counts as done.
 */
export async function editScreen(ctx: Context, screen: Screen): Promise<void> {
  const [first, ...rest] = screen.messages;
  if (!first) return;
  try {
    await ctx.editMessageText(first.text, {
      entities: first.entities,
      link_preview_options: NO_PREVIEW,
      ...(rest.length === 0 && screen.keyboard ? { reply_markup: screen.keyboard } : {}),
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
  if (rest.length > 0)
    await replyScreen(ctx, { messages: rest, ...(screen.keyboard ? { keyboard: screen.keyboard } : {}) });
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
