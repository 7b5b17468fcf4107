import { type BotError, GrammyError, HttpError } from "grammy";
import { StorageError } from "../storage/storage-error.js";
import type { BotContext } from "./context.js";
import type { ReaderViews } from "./reader-views.js";
import { lines } from "./render/text.js";
import { menuButton, screen, type View } from "./render/view.js";
import { takeAnswered } from "./show/answered.js";
import { replyScreen } from "./show/show-screen.js";
import { isBlocked, isQueryTooOld } from "./telegram-errors.js";

/** A failing store is logged at error level at most once per this long (the rest at debug). */
export const STORAGE_LOG_INTERVAL_MS = 10_000;

/**
 * The error boundary around every feature: logs the error with its update id and tells the reader, in their
 * language, that something went wrong. It never throws, so one bad update cannot stop the bot nor make
 * Telegram re-deliver it. A reader who blocked the bot, or a button answered too late, is only noted.
 */
export function handleError(views: ReaderViews) {
  // A failing store fails every reader's update at once: one line per interval says so, with how many
  // more failed since the last, instead of a line per reader.
  let storageLoggedAt = Number.NEGATIVE_INFINITY;
  let storageSince = 0;
  return async (err: BotError<BotContext>): Promise<void> => {
    const { ctx, error } = err;
    const log = ctx.logger;
    const fields = { err: error };
    if (isBlocked(error) || isQueryTooOld(error)) {
      log.info(fields, "reader unreachable or button expired");
      return;
    }
    const kind =
      error instanceof GrammyError
        ? "Bot API error"
        : error instanceof HttpError
          ? "network error"
          : error instanceof StorageError
            ? "storage error"
            : "bug";
    if (error instanceof StorageError) {
      const now = performance.now();
      if (now - storageLoggedAt >= STORAGE_LOG_INTERVAL_MS) {
        log.error({ ...fields, failed_since_last_line: storageSince }, `update failed: ${kind}`);
        storageLoggedAt = now;
        storageSince = 0;
      } else {
        storageSince++;
        log.debug(fields, `update failed: ${kind}`);
      }
    } else log.error(fields, `update failed: ${kind}`);
    let view: View;
    try {
      view = views.of(ctx);
    } catch {
      view = views.for(views.deps.defaultLang);
    }
    const text = view.t("error-generic");
    try {
      if (ctx.callbackQuery) {
        if (!takeAnswered(ctx.callbackQuery.id)) await ctx.answerCallbackQuery({ text });
      } else if (ctx.chat && ctx.chat.type !== "channel")
        // With the menu, so the reader has a way on from the failure.
        await replyScreen(ctx, screen(view, [lines(text)], [[menuButton(view)]]));
    } catch (notice) {
      log.warn({ err: notice }, "could not tell the reader about the error");
    }
  };
}
