// One chat message → its bubble, as Telegram draws it: text with entities, the time, "edited", and the inline
// keyboard under it. Pure: builds nodes with the given document.

import { renderText } from "./entities.js";
import { keyboardModel, renderKeyboard } from "./keyboard.js";

/**
 * @typedef {{ id: number, is_bot?: boolean, first_name?: string, last_name?: string, username?: string }} User
 * @typedef {{ message_id: number, date?: number, edit_date?: number, from?: User, via_bot?: User,
 *   chat?: { id: number, type?: string }, text?: string, entities?: import("./entities.js").MessageEntity[],
 *   caption?: string, caption_entities?: import("./entities.js").MessageEntity[],
 *   reply_markup?: import("./keyboard.js").ReplyMarkup, reply_to_message?: Message,
 *   photo?: unknown, document?: unknown, video?: unknown, audio?: unknown, voice?: unknown, sticker?: unknown,
 *   rich_message?: unknown }} Message
 */

/**
 * @typedef {{ botId?: number, botUsername?: string, showSender?: boolean, timeZone?: string }} MessageOptions
 * `showSender` adds the sender's name above the text, as in a group; `timeZone` fixes the clock (tests).
 */

/** Media a text-only preview names instead of drawing. */
const MEDIA = ["photo", "video", "document", "audio", "voice", "sticker", "rich_message"];

/**
 * Whether the bot sent this message (as opposed to the reader).
 * @param {Message} message
 * @param {number | undefined} botId
 */
export function isFromBot(message, botId) {
  if (!message.from) return true;
  return botId === undefined ? message.from.is_bot === true : message.from.id === botId;
}

/**
 * A message's element: `data-role="bubble"` with `data-from="bot"` or `"user"`, `data-message-id` (and
 * `data-edited` once edited),
 * holding the bubble body (`data-role="text"`: one `data-role="line"` per line) and, for a bot message with
 * buttons, its `data-role="keyboard"`.
 * @param {Document} doc
 * @param {Message} message
 * @param {MessageOptions} [options]
 * @returns {HTMLElement}
 */
export function renderMessage(doc, message, options = {}) {
  const fromBot = isFromBot(message, options.botId);
  const wrapper = doc.createElement("div");
  wrapper.dataset.role = "bubble";
  wrapper.dataset.from = fromBot ? "bot" : "user";
  wrapper.dataset.messageId = String(message.message_id);
  wrapper.className = `message from-${fromBot ? "bot" : "user"}`;
  if (message.edit_date) wrapper.dataset.edited = "true";

  const body = doc.createElement("div");
  body.className = "bubble-body";
  wrapper.appendChild(body);

  if (options.showSender && message.from) {
    const sender = doc.createElement("div");
    sender.className = "sender";
    sender.dataset.role = "sender";
    sender.setAttribute("dir", "auto");
    sender.textContent = displayName(message.from);
    body.appendChild(sender);
  }
  if (message.via_bot?.username) {
    const via = doc.createElement("div");
    via.className = "via";
    via.dataset.role = "via";
    via.textContent = `via @${message.via_bot.username}`;
    body.appendChild(via);
  }
  if (message.reply_to_message) body.appendChild(replyHeader(doc, message.reply_to_message));

  const media = MEDIA.find((key) => message[/** @type {keyof Message} */ (key)] !== undefined);
  if (media) {
    const note = doc.createElement("div");
    note.className = "media";
    note.textContent = `[${media.replace("_", " ")}]`;
    body.appendChild(note);
  }

  const text = message.text ?? message.caption;
  if (text !== undefined) {
    const content = doc.createElement("div");
    content.dataset.role = "text";
    content.className = "text";
    const entities = message.text !== undefined ? message.entities : message.caption_entities;
    content.appendChild(renderText(doc, text, entities, { botUsername: options.botUsername }));
    body.appendChild(content);
  }

  const meta = doc.createElement("span");
  meta.className = "meta";
  if (message.edit_date) {
    const edited = doc.createElement("span");
    edited.dataset.role = "edited";
    edited.textContent = "edited";
    meta.appendChild(edited);
  }
  if (message.date) {
    const time = doc.createElement("time");
    time.dateTime = new Date(message.date * 1000).toISOString();
    time.textContent = clock(message.date, options.timeZone);
    meta.appendChild(time);
  }
  body.appendChild(meta);

  const keyboard = renderKeyboard(doc, keyboardModel(message.reply_markup, options.botUsername));
  if (keyboard) wrapper.appendChild(keyboard);
  return wrapper;
}

/**
 * The quoted header of a reply: who and the first line of what they said.
 * @param {Document} doc
 * @param {Message} original
 * @returns {HTMLElement}
 */
function replyHeader(doc, original) {
  const header = doc.createElement("div");
  header.className = "reply";
  header.dataset.role = "reply";
  header.dataset.replyTo = String(original.message_id);
  const who = doc.createElement("div");
  who.className = "reply-sender";
  who.textContent = original.from ? displayName(original.from) : "";
  const what = doc.createElement("div");
  what.className = "reply-text";
  what.setAttribute("dir", "auto");
  what.textContent = (original.text ?? original.caption ?? "").split("\n", 1)[0] ?? "";
  header.append(who, what);
  return header;
}

/**
 * @param {User} user
 * @returns {string}
 */
export function displayName(user) {
  return [user.first_name, user.last_name].filter(Boolean).join(" ") || user.username || String(user.id);
}

/**
 * HH:MM of a Unix time, as Telegram shows it under a message.
 * @param {number} unix
 * @param {string | undefined} timeZone
 * @returns {string}
 */
function clock(unix, timeZone) {
  return new Intl.DateTimeFormat("en-GB", {
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
    timeZone,
  }).format(new Date(unix * 1000));
}
