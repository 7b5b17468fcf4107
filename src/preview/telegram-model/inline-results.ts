/**
 * answerInlineQuery's payload, checked as Telegram checks it: at most 50 results with unique ids of 1–64
 * bytes, message texts of 1–4096 characters with valid formatting, next_offset of at most 64 bytes, a
 * non-negative cache_time, the button that opens the bot's chat with a start parameter, and the URL fields.
 *
 * Telegram documents the limits but not every error text; descriptions marked (guessed) follow Telegram's
 * UPPER_SNAKE style and may differ in wording from the real server's.
 */

import { LIMITS } from "../../telegram-limits.js";
import { formattedText } from "./entities.js";
import { badRequest, TelegramApiError } from "./errors.js";
import { isHttpUrl, validateReplyMarkup } from "./markup.js";
import { isRecord, toNumber, utf8Length } from "./values.js";

/** The result types of the Bot API; `article` is the only one khabar sends. */
const RESULT_TYPES = new Set([
  "article",
  "photo",
  "gif",
  "mpeg4_gif",
  "video",
  "audio",
  "voice",
  "document",
  "location",
  "venue",
  "contact",
  "game",
  "sticker",
]);

/** A start parameter: what `https://t.me/<bot>?start=` and the answer's button accept. */
export const START_PARAMETER = /^[A-Za-z0-9_-]{1,64}$/;

/** Checks an answerInlineQuery payload (everything but the query id); throws Telegram's 400 on a problem. */
export function validateInlineAnswer(p: Record<string, unknown>): void {
  if (p.results !== undefined && !Array.isArray(p.results))
    throw badRequest("can't parse results JSON object");
  const results = Array.isArray(p.results) ? p.results : [];
  if (results.length > LIMITS.inlineQueryResults) throw badRequest("RESULTS_TOO_MUCH");
  const ids = new Set<string>();
  for (const result of results) {
    if (!isRecord(result)) throw badRequest("can't parse InlineQueryResult JSON object");
    const id = result.id;
    if (typeof id !== "string" || id === "" || utf8Length(id) > LIMITS.inlineResultId) {
      throw badRequest("RESULT_ID_INVALID");
    }
    if (ids.has(id)) throw badRequest("RESULT_ID_DUPLICATE");
    ids.add(id);
    validateResult(result);
  }
  if (p.next_offset !== undefined) {
    if (typeof p.next_offset !== "string" || utf8Length(p.next_offset) > LIMITS.inlineNextOffset) {
      throw badRequest("NEXT_OFFSET_INVALID"); // (guessed)
    }
  }
  if (p.cache_time !== undefined) {
    const cache = toNumber(p.cache_time);
    if (cache === undefined || !Number.isInteger(cache) || cache < 0) {
      throw badRequest("CACHE_TIME_INVALID"); // (guessed)
    }
  }
  if (p.is_personal !== undefined && ![true, false, "true", "false"].includes(p.is_personal as never)) {
    throw badRequest("can't parse is_personal: must be a Boolean");
  }
  if (p.button !== undefined) validateResultsButton(p.button);
}

/**
 * Checks answerGuestQuery's one result as Telegram checks each result of an inline answer; throws Telegram's
 * 400 on a problem.
 */
export function validateGuestResult(result: unknown): void {
  if (!isRecord(result)) throw badRequest("can't parse InlineQueryResult JSON object");
  const id = result.id;
  if (typeof id !== "string" || id === "" || utf8Length(id) > LIMITS.inlineResultId) {
    throw badRequest("RESULT_ID_INVALID");
  }
  validateResult(result);
}

function validateResult(result: Record<string, unknown>): void {
  const type = result.type;
  if (typeof type !== "string" || !RESULT_TYPES.has(type)) throw badRequest("RESULT_TYPE_INVALID");
  validateReplyMarkup(result.reply_markup);
  if (type === "article") {
    if (typeof result.title !== "string" || result.title.trim() === "") {
      throw badRequest("RESULT_TITLE_EMPTY"); // (guessed)
    }
    if (!isRecord(result.input_message_content)) {
      throw badRequest(
        'can\'t parse InlineQueryResultArticle: Field "input_message_content" must be of type Object',
      );
    }
    if (result.url !== undefined && !(typeof result.url === "string" && isHttpUrl(result.url, true))) {
      throw badRequest("RESULT_URL_INVALID"); // (guessed)
    }
  }
  for (const field of ["thumbnail_url", "thumb_url"]) {
    const value = result[field];
    if (value !== undefined && !(typeof value === "string" && isHttpUrl(value, false))) {
      throw badRequest("THUMBNAIL_URL_INVALID"); // (guessed)
    }
  }
  for (const field of ["thumbnail_width", "thumbnail_height"]) {
    const value = result[field];
    if (value !== undefined && !(Number.isInteger(value) && (value as number) > 0)) {
      throw badRequest(`can't parse ${field}: must be a positive Integer`);
    }
  }
  const content = result.input_message_content;
  if (isRecord(content) && "message_text" in content) validateMessageContent(content);
}

/** An InputTextMessageContent: Telegram answers inline texts with MESSAGE_EMPTY / MESSAGE_TOO_LONG. */
function validateMessageContent(content: Record<string, unknown>): void {
  try {
    formattedText(content, "message_text", "entities", "parse_mode");
  } catch (error) {
    if (!(error instanceof TelegramApiError)) throw error;
    if (error.description === "Bad Request: message text is empty") throw badRequest("MESSAGE_EMPTY");
    if (error.description === "Bad Request: message is too long") throw badRequest("MESSAGE_TOO_LONG");
    throw error;
  }
}

/** The button above the results: a text and exactly one of start_parameter (1–64 of [A-Za-z0-9_-]) and web_app. */
function validateResultsButton(button: unknown): void {
  if (!isRecord(button)) throw badRequest("can't parse InlineQueryResultsButton JSON object");
  if (typeof button.text !== "string" || button.text.trim() === "") {
    throw badRequest("BUTTON_TEXT_INVALID"); // (guessed)
  }
  const hasStart = button.start_parameter !== undefined;
  const hasWebApp = button.web_app !== undefined;
  if (hasStart === hasWebApp) throw badRequest("BUTTON_TYPE_INVALID");
  if (
    hasStart &&
    !(typeof button.start_parameter === "string" && START_PARAMETER.test(button.start_parameter))
  ) {
    throw badRequest("START_PARAM_INVALID");
  }
  if (hasWebApp && !(isRecord(button.web_app) && typeof button.web_app.url === "string")) {
    throw badRequest("BUTTON_URL_INVALID");
  }
}
