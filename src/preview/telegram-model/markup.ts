/**
 * Reply markup as Telegram checks it: inline keyboards button by button (exactly one action, callback data
 * and URL limits, copy and chosen-chat buttons), reply keyboards by their text; plus the comparisons edits
 * need to tell "not modified".
 */
import type { InlineKeyboardMarkup, Message } from "grammy/types";
import { LIMITS } from "../../telegram-limits.js";
import { badRequest } from "./errors.js";
import { charLength, isRecord, sameJson, utf8Length } from "./values.js";

/** Fields of which an inline keyboard button must have exactly one. */
const BUTTON_ACTIONS = [
  "url",
  "callback_data",
  "web_app",
  "login_url",
  "disabled",
  "switch_inline_query",
  "switch_inline_query_current_chat",
  "switch_inline_query_chosen_chat",
  "copy_text",
  "callback_game",
  "pay",
] as const;

/**
 * Checks reply_markup as Telegram does and returns the inline keyboard it holds, if any. Reply keyboards,
 * keyboard removal and force-reply pass (they do not appear on the sent message).
 */
export function validateReplyMarkup(value: unknown): InlineKeyboardMarkup | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) throw badRequest("can't parse reply keyboard markup JSON object");
  if ("inline_keyboard" in value) {
    const rows = value.inline_keyboard;
    if (!Array.isArray(rows) || !rows.every(Array.isArray)) {
      throw badRequest('can\'t parse inline keyboard: field "inline_keyboard" must be an Array of Arrays');
    }
    let count = 0;
    for (const row of rows as unknown[][]) {
      for (const button of row) {
        count++;
        validateInlineButton(button);
      }
    }
    if (count > LIMITS.inlineKeyboardButtons) throw badRequest("reply markup is too long");
    // Every button was checked above.
    return structuredClone(value) as unknown as InlineKeyboardMarkup;
  }
  if ("keyboard" in value) {
    const rows = value.keyboard;
    if (!Array.isArray(rows) || !rows.every(Array.isArray)) {
      throw badRequest('can\'t parse keyboard: field "keyboard" must be an Array of Arrays');
    }
    for (const row of rows as unknown[][]) {
      for (const button of row) {
        const text = typeof button === "string" ? button : isRecord(button) ? button.text : undefined;
        if (typeof text !== "string" || text === "")
          throw badRequest('can\'t parse keyboard button: Field "text" must be of type String');
      }
    }
    return undefined;
  }
  if ("remove_keyboard" in value || "force_reply" in value) return undefined;
  throw badRequest("can't parse reply keyboard markup JSON object");
}

function validateInlineButton(button: unknown): void {
  if (!isRecord(button) || typeof button.text !== "string") {
    throw badRequest("can't parse inline keyboard button: Can't find field \"text\"");
  }
  const actions = BUTTON_ACTIONS.filter((field) => button[field] !== undefined);
  if (actions.length === 0)
    throw badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
  if (actions.length > 1) throw badRequest("BUTTON_TYPE_INVALID");
  if (button.callback_data !== undefined) {
    const data = button.callback_data;
    if (typeof data !== "string" || data === "" || utf8Length(data) > LIMITS.callbackData) {
      throw badRequest("BUTTON_DATA_INVALID");
    }
  }
  if (button.url !== undefined) {
    if (!(typeof button.url === "string" && isHttpUrl(button.url, true)))
      throw badRequest("BUTTON_URL_INVALID");
  }
  for (const field of ["switch_inline_query", "switch_inline_query_current_chat"] as const) {
    if (button[field] !== undefined && typeof button[field] !== "string") {
      throw badRequest(`can't parse inline keyboard button: Field "${field}" must be of type String`);
    }
  }
  if (button.switch_inline_query_chosen_chat !== undefined)
    validateChosenChat(button.switch_inline_query_chosen_chat);
  if (button.copy_text !== undefined) {
    const copy = button.copy_text;
    if (!isRecord(copy) || typeof copy.text !== "string") {
      throw badRequest(
        'can\'t parse inline keyboard button: Field "copy_text" must be of type CopyTextButton',
      );
    }
    const length = charLength(copy.text);
    if (length < 1 || length > LIMITS.copyText) throw badRequest("COPY_TEXT_INVALID"); // (guessed wording)
  }
}

/** switch_inline_query_chosen_chat: an optional query, and at least one kind of chat the user may pick. */
function validateChosenChat(value: unknown): void {
  if (!isRecord(value)) {
    throw badRequest(
      'can\'t parse inline keyboard button: Field "switch_inline_query_chosen_chat" must be of type SwitchInlineQueryChosenChat',
    );
  }
  if (value.query !== undefined && typeof value.query !== "string") {
    throw badRequest('can\'t parse SwitchInlineQueryChosenChat: Field "query" must be of type String');
  }
  const kinds = ["allow_user_chats", "allow_bot_chats", "allow_group_chats", "allow_channel_chats"] as const;
  for (const kind of kinds) {
    if (value[kind] !== undefined && typeof value[kind] !== "boolean") {
      throw badRequest(`can't parse SwitchInlineQueryChosenChat: Field "${kind}" must be of type Boolean`);
    }
  }
  // A picker with no chat to pick from cannot be opened; Telegram refuses the button.
  if (!kinds.some((kind) => value[kind] === true)) throw badRequest("BUTTON_TYPE_INVALID");
}

/** Whether a URL is one Telegram accepts on a button or a result: http(s), and tg: where `tg` allows it. */
export function isHttpUrl(url: string, tg: boolean): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === "http:" || protocol === "https:" || (tg && protocol === "tg:");
  } catch {
    return false;
  }
}

/** The inline keyboard of a markup, or undefined when there is none or it is empty. */
export function inlineOnly(markup: InlineKeyboardMarkup | undefined): InlineKeyboardMarkup | undefined {
  return markup && markup.inline_keyboard.length > 0 ? markup : undefined;
}

/** Puts an inline keyboard on a message, or takes it off. */
export function setMarkup(message: Message, markup: InlineKeyboardMarkup | undefined): void {
  if (markup) message.reply_markup = markup;
  else delete message.reply_markup;
}

/** Whether two markups show the same inline keyboard (an empty keyboard is none). */
export function sameMarkup(
  a: InlineKeyboardMarkup | undefined,
  b: InlineKeyboardMarkup | undefined,
): boolean {
  return sameJson(inlineOnly(a) ?? null, inlineOnly(b) ?? null);
}
