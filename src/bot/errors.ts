import { type BotError, GrammyError, HttpError } from "grammy";
import { StorageError } from "../storage/storage-error.js";
import type { BotContext } from "./context.js";
import { takeAnswered } from "./helpers/answered.js";
import { isBlocked, isQueryTooOld } from "./helpers/telegram-errors.js";
import type { Views } from "./helpers/views.js";

/**
 * The error boundary around every feature: logs the error with its update id and tells the reader, in their
 * language, that something went wrong. It never throws, so one bad update cannot stop the bot nor make
 * Telegram re-deliver it. A reader who blocked the bot, or a button answered too late, is only noted.
 */
export function handleError(views: Views) {
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
    log.error(fields, `update failed: ${kind}`);
    let text: string;
    try {
      text = views.of(ctx).t("error-generic");
    } catch {
      text = views.for(views.deps.defaultLang).t("error-generic");
    }
    try {
      if (ctx.callbackQuery) {
        if (!takeAnswered(ctx.callbackQuery.id)) await ctx.answerCallbackQuery({ text });
      } else if (ctx.chat && ctx.chat.type !== "channel") await ctx.reply(text);
    } catch (notice) {
      log.warn({ err: notice }, "could not tell the reader about the error");
    }
  };
}
