/**
 * Telegram's documented limits, in one place so validation and tests build payloads right at the edge.
 * Units differ per limit, as they do in Telegram: UTF-16 code units for message text, UTF-8 bytes for ids
 * and callback data, characters (code points) elsewhere.
 */

/** Telegram's documented limits. */
export const LIMITS = {
  /** Message text after entity parsing, in UTF-16 code units. */
  messageText: 4096,
  /** callback_data, in UTF-8 bytes. */
  callbackData: 64,
  /** answerCallbackQuery text, in characters. */
  callbackAnswerText: 200,
  commandName: 32,
  commandDescription: 256,
  commands: 100,
  /** setMyDescription's description ("What can this bot do?"), in characters. */
  botDescription: 512,
  /** setMyShortDescription's short description (profile page, shared links), in characters. */
  botShortDescription: 120,
  inlineKeyboardButtons: 100,
  /** Results in one answerInlineQuery. */
  inlineQueryResults: 50,
  /** An inline result's id, in UTF-8 bytes (1–64). */
  inlineResultId: 64,
  /** answerInlineQuery's next_offset, in UTF-8 bytes. */
  inlineNextOffset: 64,
  /** The start_parameter of an inline answer's button (1–64 of A-Z, a-z, 0-9, _ and -). */
  startParameter: 64,
  /** copy_text.text of a copy button, in characters (1–256). */
  copyText: 256,
  /** An inline query's text as users can type it, in characters. */
  inlineQuery: 256,
  getUpdatesLimit: 100,
} as const;
