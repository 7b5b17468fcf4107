import { GrammyError } from "grammy";

/** Telegram refuses an edit that changes nothing; for a button that re-shows its own screen that is success. */
export function isNotModified(error: unknown): boolean {
  return (
    error instanceof GrammyError &&
    error.error_code === 400 &&
    error.description.includes("message is not modified")
  );
}

/** A callback query answered too late (or twice): the reader's tap was already handled or has expired. */
export function isQueryTooOld(error: unknown): boolean {
  return (
    error instanceof GrammyError &&
    error.error_code === 400 &&
    /query is too old|query ID is invalid/i.test(error.description)
  );
}

/** The reader blocked the bot or left the chat: nothing to deliver, nothing to retry. */
export function isBlocked(error: unknown): boolean {
  return error instanceof GrammyError && error.error_code === 403;
}

/** The message a button sits under can no longer be edited (deleted, or too old). */
export function isUneditable(error: unknown): boolean {
  return (
    error instanceof GrammyError &&
    error.error_code === 400 &&
    /message can't be edited|message to edit not found/i.test(error.description)
  );
}
