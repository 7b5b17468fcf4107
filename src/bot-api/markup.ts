/**
 * Reply markup as Telegram checks it: inline keyboards button by button (exactly one action, callback data
 * and URL limits, copy and chosen-chat buttons), reply keyboards by their text; plus the comparisons edits
 * need to tell "not modified".
 */
import type { InlineKeyboardMarkup, Message } from "grammy/types";
import { badRequest } from "./errors.js";
import { LIMITS } from "./limits.js";
import { isRecord, sameJson, utf8Length } from "./values.js";

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
    let ok = false;
    if (typeof button.url === "string") {
      try {
        ok = ["http:", "https:", "tg:"].includes(new URL(button.url).protocol);
      } catch {
        ok = false;
      }
    }
    if (!ok) throw badRequest("BUTTON_URL_INVALID");
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
