import { GrammyError, HttpError } from "grammy";

/**
 * Turns an error that stops the bot (at start, or polling ending by itself) into one line an operator can
 * act on. Never includes request URLs (which hold the token); the logger redacts them anyway.
 */
export function describeFatal(error: unknown): string {
  if (error instanceof GrammyError && error.error_code === 409) {
    return `Telegram refused ${error.method} with 409 Conflict (${error.description}): another process is polling with this BOT_TOKEN, or a webhook is set. Stop the other instance; to run several instances use BOT_MODE=webhook with REDIS_URL.`;
  }
  if (error instanceof GrammyError && error.error_code === 401) {
    return `Telegram rejected BOT_TOKEN (401 Unauthorized on ${error.method}): the token is wrong or was revoked; get the current one from @BotFather.`;
  }
  if (error instanceof GrammyError) {
    return `Telegram refused ${error.method}: ${error.error_code} ${error.description}`;
  }
  if (error instanceof HttpError) {
    return `cannot reach the Bot API (${error.message}); check the network, or BOT_API_ROOT if set`;
  }
  return error instanceof Error ? error.message : String(error);
}
