/**
 * The update types the bot asks Telegram for (getUpdates and setWebhook). The features handle messages,
 * button presses, inline queries, guest messages (mentions in chats the bot is not in), and
 * `my_chat_member`, which says a reader blocked the bot or a group removed it (their following ends:
 * src/push/chat-membership.ts). Asking for less means Telegram never sends, and we never store, anything
 * else.
 * Add a type here when a feature starts handling it.
 */
export const ALLOWED_UPDATES = [
  "message",
  "callback_query",
  "inline_query",
  "guest_message",
  "my_chat_member",
] as const;

/** A started update source (long polling or the webhook server). */
export interface Running {
  /** Stops taking new updates. Does not wait for updates in flight (see `InFlight`). */
  stop(): Promise<void>;
  /** Releases the transport once the updates in flight are done (webhook: closes connections). */
  close?(timeoutMs: number): Promise<void>;
  /** Settles with the error that ended the update source by itself, e.g. 409 under polling; else never. */
  readonly fatal: Promise<Error>;
}
