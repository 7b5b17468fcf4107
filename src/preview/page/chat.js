// The list of messages and notices in the chat: put a message in its place, replace it on edit, remove it on
// delete, and add notices (errors the bot caused, hints) where they happened. Pure DOM, no globals.

import { renderMessage } from "./message.js";

/**
 * @typedef {import("./message.js").Message} Message
 * @typedef {import("./message.js").MessageOptions} MessageOptions
 */

/**
 * Shows a message: replaces the bubble with the same message_id in place (an edit), or inserts it in
 * message_id order (events and history may arrive in any order; notices stay where they were added).
 * @param {Element} list the `data-role="messages"` element
 * @param {Message} message
 * @param {MessageOptions} options
 * @returns {HTMLElement} the new bubble
 */
export function upsertMessage(list, message, options) {
  const doc = /** @type {Document} */ (list.ownerDocument);
  const bubble = renderMessage(doc, message, options);
  const existing = findBubble(list, message.message_id);
  if (existing) {
    keepState(existing, bubble);
    existing.replaceWith(bubble);
    return bubble;
  }
  const later = [...list.querySelectorAll("[data-role=bubble]")].find(
    (b) => Number(/** @type {HTMLElement} */ (b).dataset.messageId) > message.message_id,
  );
  if (later) list.insertBefore(bubble, later);
  else list.appendChild(bubble);
  return bubble;
}

/**
 * Removes a message's bubble; returns whether there was one.
 * @param {Element} list
 * @param {number} messageId
 */
export function removeMessage(list, messageId) {
  const existing = findBubble(list, messageId);
  existing?.remove();
  return existing !== null;
}

/**
 * @param {Element} list
 * @param {number} messageId
 * @returns {HTMLElement | null}
 */
export function findBubble(list, messageId) {
  return /** @type {HTMLElement | null} */ (
    list.querySelector(`[data-role=bubble][data-message-id="${Number(messageId)}"]`)
  );
}

/**
 * What the reader did to the old bubble that an edit keeps: revealed spoilers and expanded quotes stay open
 * when the text is unchanged (Telegram keeps them across an edit of the keyboard alone).
 * @param {HTMLElement} from
 * @param {HTMLElement} to
 */
function keepState(from, to) {
  const oldText = from.querySelector("[data-role=text]")?.textContent;
  const newText = to.querySelector("[data-role=text]")?.textContent;
  if (oldText !== newText) return;
  if (from.querySelector("[data-role=spoiler][data-revealed]")) revealSpoilers(to);
  const oldQuotes = from.querySelectorAll("blockquote[data-expandable]");
  const newQuotes = to.querySelectorAll("blockquote[data-expandable]");
  oldQuotes.forEach((quote, i) => {
    const target = newQuotes[i];
    if (target && /** @type {HTMLElement} */ (quote).dataset.expanded === "true") setExpanded(target, true);
  });
}

/**
 * Reveals every spoiler of a message at once, as Telegram does on a tap.
 * @param {Element} bubble
 */
export function revealSpoilers(bubble) {
  for (const spoiler of bubble.querySelectorAll("[data-role=spoiler]")) {
    /** @type {HTMLElement} */ (spoiler).dataset.revealed = "true";
  }
}

/**
 * Expands or collapses an expandable quote.
 * @param {Element} quote
 * @param {boolean} expanded
 */
export function setExpanded(quote, expanded) {
  const element = /** @type {HTMLElement} */ (quote);
  element.dataset.expanded = String(expanded);
  const control = element.querySelector("[data-role=expand]");
  control?.setAttribute("aria-expanded", String(expanded));
  control?.setAttribute("aria-label", expanded ? "Show less" : "Show more");
}

/**
 * @typedef {{ method: string, errorCode?: number, description: string }} BotError
 */

/**
 * The red notice for a call the bot made that Telegram would refuse: `data-role="error"`, `data-method`, and
 * Telegram's error text verbatim.
 * @param {Element} list
 * @param {BotError} error
 * @returns {HTMLElement}
 */
export function addErrorNotice(list, error) {
  const doc = /** @type {Document} */ (list.ownerDocument);
  const notice = doc.createElement("div");
  notice.dataset.role = "error";
  notice.dataset.method = error.method;
  notice.className = "notice notice-error";
  notice.setAttribute("role", "alert");
  const title = doc.createElement("div");
  title.className = "notice-title";
  title.textContent = `Telegram would refuse ${error.method}${error.errorCode ? ` (${error.errorCode})` : ""}`;
  const text = doc.createElement("div");
  text.className = "notice-text";
  text.setAttribute("dir", "auto");
  text.textContent = error.description;
  notice.append(title, text);
  list.appendChild(notice);
  return notice;
}

/**
 * A grey notice of the preview itself (a button nobody answered, a request that failed), in the chat flow.
 * @param {Element} list
 * @param {string} message
 * @returns {HTMLElement}
 */
export function addNotice(list, message) {
  const doc = /** @type {Document} */ (list.ownerDocument);
  const notice = doc.createElement("div");
  notice.dataset.role = "notice";
  notice.className = "notice notice-info";
  notice.textContent = message;
  list.appendChild(notice);
  return notice;
}

/**
 * Whether the chat shows any message (the bot's description is shown only on an empty chat).
 * @param {Element} list
 */
export function hasMessages(list) {
  return list.querySelector("[data-role=bubble]") !== null;
}
