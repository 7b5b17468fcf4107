// Inline keyboards as Telegram lays them out: row by row, each row's buttons left to right in the order sent,
// whatever the language (Telegram never mirrors a keyboard, so a bot that forgets to must look wrong here too).

import { botLink } from "./links.js";

/**
 * @typedef {{ text: string, callback_data?: string, url?: string, switch_inline_query?: string,
 *   switch_inline_query_current_chat?: string, switch_inline_query_chosen_chat?: { query?: string },
 *   copy_text?: { text: string }, web_app?: { url: string }, login_url?: { url: string },
 *   callback_game?: object, pay?: boolean, disabled?: object, style?: string }} InlineKeyboardButton
 * @typedef {{ inline_keyboard?: InlineKeyboardButton[][] }} ReplyMarkup
 */

/**
 * @typedef {"callback" | "url" | "start" | "chat" | "invalid-start" | "switch-inline" | "switch-inline-current"
 *   | "switch-inline-chosen" | "copy" | "web-app" | "login-url" | "game" | "pay" | "disabled" | "unknown"} ButtonKind
 * What pressing a button does: `callback` posts its data; `url` opens it; `start` sends `/start <value>` (a
 * deep link to this bot); `chat` is a link to this very chat; `switch-inline*` put `@bot <value>` in the input;
 * `copy` copies `value`; the rest exist in Telegram but not in this preview.
 */

/**
 * @typedef {{ text: string, kind: ButtonKind, value: string, row: number, column: number, style?: string,
 *   url?: string }} ButtonModel
 * `url` is the address of a URL button as sent (its `value` may be a deep link's payload instead).
 */

/**
 * The keyboard a message carries, row by row in the order sent. Empty rows are dropped (Telegram refuses
 * them; the Bot API model reports that as an error of its own).
 * @param {ReplyMarkup | undefined | null} markup
 * @param {string | undefined} botUsername
 * @returns {ButtonModel[][]}
 */
export function keyboardModel(markup, botUsername) {
  const rows = Array.isArray(markup?.inline_keyboard) ? markup.inline_keyboard : [];
  return rows
    .filter((row) => Array.isArray(row) && row.length > 0)
    .map((row, r) =>
      row.map((button, c) => {
        /** @type {ButtonModel} */
        const model = { text: String(button.text ?? ""), ...action(button, botUsername), row: r, column: c };
        if (button.style) model.style = button.style;
        if (typeof button.url === "string") model.url = button.url;
        return model;
      }),
    );
}

/**
 * @param {InlineKeyboardButton} button
 * @param {string | undefined} botUsername
 * @returns {{ kind: ButtonKind, value: string }}
 */
function action(button, botUsername) {
  if (button.disabled) return { kind: "disabled", value: "" };
  if (typeof button.callback_data === "string") return { kind: "callback", value: button.callback_data };
  if (typeof button.url === "string") {
    const target = botLink(button.url, botUsername);
    if (target?.kind === "chat") return { kind: "chat", value: button.url };
    if (target) return { kind: target.kind, value: target.payload };
    return { kind: "url", value: button.url };
  }
  if (typeof button.switch_inline_query === "string")
    return { kind: "switch-inline", value: button.switch_inline_query };
  if (typeof button.switch_inline_query_current_chat === "string")
    return { kind: "switch-inline-current", value: button.switch_inline_query_current_chat };
  if (button.switch_inline_query_chosen_chat)
    return { kind: "switch-inline-chosen", value: button.switch_inline_query_chosen_chat.query ?? "" };
  if (button.copy_text) return { kind: "copy", value: String(button.copy_text.text ?? "") };
  if (button.web_app) return { kind: "web-app", value: button.web_app.url };
  if (button.login_url) return { kind: "login-url", value: button.login_url.url };
  if (button.callback_game) return { kind: "game", value: "" };
  if (button.pay) return { kind: "pay", value: "" };
  return { kind: "unknown", value: "" };
}

/** The coarse kind the browser tests read (`data-kind`); `data-action` keeps the precise one. */
const KIND = {
  callback: "callback",
  url: "url",
  start: "url",
  chat: "url",
  "invalid-start": "url",
  "switch-inline": "switch_inline",
  "switch-inline-current": "switch_inline",
  "switch-inline-chosen": "switch_inline",
  copy: "copy",
};

/**
 * The keyboard's elements: `data-role="keyboard"` (`dir="ltr"`: rows run left to right in every language),
 * one `data-role="row"` per row, and in it one `<button data-role="button">` per button, whose label takes its
 * own direction (`dir="auto"`). What a press does is in `data-action` and `data-value`; `data-kind`,
 * `data-callback-data` and `data-url` are the attributes the browser tests read. The button's text is its
 * label alone (the corner marks Telegram draws on link and share buttons come from CSS).
 * @param {Document} doc
 * @param {ButtonModel[][]} rows
 * @returns {HTMLElement | null} null for a message without buttons
 */
export function renderKeyboard(doc, rows) {
  if (rows.length === 0) return null;
  const keyboard = doc.createElement("div");
  keyboard.dataset.role = "keyboard";
  keyboard.setAttribute("dir", "ltr");
  for (const row of rows) {
    const rowElement = doc.createElement("div");
    rowElement.dataset.role = "row";
    for (const button of row) rowElement.appendChild(renderButton(doc, button));
    keyboard.appendChild(rowElement);
  }
  return keyboard;
}

/**
 * @param {Document} doc
 * @param {ButtonModel} button
 * @returns {HTMLButtonElement}
 */
function renderButton(doc, button) {
  const element = doc.createElement("button");
  element.type = "button";
  element.dataset.role = "button";
  element.dataset.kind = KIND[/** @type {keyof typeof KIND} */ (button.kind)] ?? "other";
  element.dataset.action = button.kind;
  element.dataset.value = button.value;
  if (button.kind === "callback") element.dataset.callbackData = button.value;
  if (button.url !== undefined) element.dataset.url = button.url;
  element.dataset.row = String(button.row);
  element.dataset.column = String(button.column);
  if (button.style) element.dataset.style = button.style;
  if (button.kind === "disabled") element.disabled = true;
  if (button.kind === "url") element.title = button.value;
  const label = doc.createElement("span");
  label.className = "button-label";
  label.setAttribute("dir", "auto");
  label.textContent = button.text;
  element.appendChild(label);
  return element;
}
