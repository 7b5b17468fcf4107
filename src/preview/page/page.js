// The preview chat page: a simulated reader talking to the real bot through the preview server (see
// /api/* in the preview server). This file wires state, server calls and events to the pure renderers.

import {
  addErrorNotice,
  addNotice,
  hasMessages,
  removeMessage,
  revealSpoilers,
  setExpanded,
  upsertMessage,
} from "./chat.js";
import { showGuestMessage, wireGuestBox } from "./guest.js";
import {
  commandsFor,
  descriptionFor,
  inlineQueryOf,
  renderCommandMenu,
  renderProblems,
  renderPushes,
} from "./info.js";
import { renderInlineResults } from "./inline-results.js";
import { displayName } from "./message.js";
import { showAlert, showToast } from "./overlays.js";

/**
 * How long a pressed button waits for answerCallbackQuery before the preview says nobody answered (about as
 * long as Telegram's clients spin); `?callback-timeout=<ms>` shortens it for tests.
 */
const CALLBACK_TIMEOUT_MS = Number(new URLSearchParams(location.search).get("callback-timeout")) || 15_000;
/** Pause after the last keystroke before an inline query is sent, as Telegram's clients debounce. */
const INLINE_DEBOUNCE_MS = 350;
const STORAGE_KEY = "khabar-preview";

/** @param {string} selector */
const $ = (selector) => /** @type {HTMLElement} */ (document.querySelector(selector));

const ui = {
  messages: $("[data-role=messages]"),
  description: $("[data-role=description]"),
  input: /** @type {HTMLTextAreaElement} */ ($("[data-role=input]")),
  send: $("[data-role=send]"),
  commandsButton: $("[data-role=commands-button]"),
  commandMenu: $("[data-role=command-menu]"),
  inlineResults: $("[data-role=inline-results]"),
  lang: /** @type {HTMLSelectElement} */ ($("[data-role=lang-picker]")),
  chatType: /** @type {HTMLSelectElement} */ ($("[data-role=chat-type]")),
  newReader: $("[data-role=new-reader]"),
  title: $("[data-role=chat-title]"),
  subtitle: $("[data-role=chat-subtitle]"),
  avatar: $("[data-role=avatar]"),
  status: $("[data-role=status]"),
  problems: $("[data-role=problems]"),
  pushes: $("[data-role=push-progress]"),
  guest: /** @type {HTMLDetailsElement} */ ($("[data-role=guest]")),
  guestForm: /** @type {HTMLFormElement} */ ($("[data-role=guest-form]")),
  guestInput: /** @type {HTMLInputElement} */ ($("[data-role=guest-input]")),
  guestMessages: $("[data-role=guest-messages]"),
};

/**
 * @typedef {{ bot: { id: number, username: string, first_name: string },
 *   description?: Record<string, string>, shortDescription?: Record<string, string>,
 *   commands?: Record<string, Array<{ command: string, description: string }>>,
 *   problems?: import("./info.js").StoryProblems[], guestChatId?: number,
 *   pushes?: import("./info.js").PushProgress[] }} Info
 */

const saved = loadSaved();
const state = {
  /** @type {Info | null} */
  info: null,
  userId: saved.userId ?? freshUserId(),
  /** @type {string} "ar", "en" or "" (no language_code) */
  lang: saved.lang ?? (navigator.language.toLowerCase().startsWith("ar") ? "ar" : "en"),
  /** @type {"private" | "group"} */
  chatType: saved.chatType === "group" ? "group" : "private",
  /** Events that came before the history they follow. @type {Array<Record<string, unknown>> | null} */
  buffered: [],
  /** Pressed callback buttons waiting for their answer, by callback query id. */
  pending: /** @type {Map<string, { button: HTMLElement, timer: ReturnType<typeof setTimeout> }>} */ (
    new Map()
  ),
  /** Answers that arrived before the press's own response. */
  earlyAnswers: /** @type {Map<string, Record<string, unknown>>} */ (new Map()),
  inline: {
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    timer: undefined,
    queryId: "",
    query: "",
    /** The offset the latest request asked for: "" is a first page, anything else a further one. */
    offset: "",
    /** Answers whose request has not returned its id yet. @type {Map<string, any>} */
    early: new Map(),
  },
};

// ------------------------------------------------------------------ who the reader is and where they write

function freshUserId() {
  return 100_000_000 + Math.floor(Math.random() * 900_000_000);
}

/** @returns {{ userId?: number, lang?: string, chatType?: string }} */
function loadSaved() {
  try {
    const parsed = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "{}");
    return typeof parsed === "object" && parsed !== null ? parsed : {};
  } catch {
    return {};
  }
}

function save() {
  try {
    localStorage.setItem(
      STORAGE_KEY,
      JSON.stringify({ userId: state.userId, lang: state.lang, chatType: state.chatType }),
    );
  } catch {
    // Storage may be off (private mode): the reader is then new on every reload, which is harmless.
  }
}

function from() {
  /** @type {{ id: number, is_bot: false, first_name: string, language_code?: string }} */
  const user = { id: state.userId, is_bot: false, first_name: "Reader" };
  if (state.lang) user.language_code = state.lang;
  return user;
}

function chat() {
  if (state.chatType === "group") return { id: -state.userId, type: "group", title: "Preview group" };
  return { id: state.userId, type: "private", first_name: "Reader" };
}

function messageOptions() {
  return {
    botId: state.info?.bot.id,
    botUsername: state.info?.bot.username,
    showSender: state.chatType === "group",
  };
}

// ------------------------------------------------------------------ server

/**
 * @param {string} path
 * @param {unknown} [body]
 * @returns {Promise<any>}
 */
async function api(path, body) {
  const response = await fetch(path, {
    method: body === undefined ? "GET" : "POST",
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json().catch(() => ({}));
  if (!response.ok || json.ok === false) {
    throw new Error(json.description ?? json.error ?? `${path} answered ${response.status}`);
  }
  return json;
}

/** @param {unknown} error */
function failed(error) {
  addNotice(
    ui.messages,
    `The preview server did not take that: ${String(/** @type {Error} */ (error)?.message ?? error)}`,
  );
  scrollToEnd();
}

/**
 * Sends text as the reader.
 * @param {string} text
 */
async function sendText(text) {
  if (text.trim() === "") return;
  hideCommandMenu();
  hideInlineResults();
  try {
    const { message } = await api("/api/message", { chat: chat(), from: from(), text });
    if (message) showMessage(message);
    scrollToEnd();
  } catch (error) {
    failed(error);
  }
}

/**
 * Presses a callback button: it shows as pressed until the bot answers (or plainly did not).
 * @param {HTMLElement} button
 */
async function pressCallback(button) {
  if (button.dataset.pressed === "true") return;
  const bubble = /** @type {HTMLElement} */ (button.closest("[data-role=bubble]"));
  button.dataset.pressed = "true";
  button.setAttribute("aria-busy", "true");
  /** @type {Record<string, unknown>} */
  const body = { chat: chat(), from: from(), data: button.dataset.value ?? "" };
  body.messageId = Number(bubble.dataset.messageId);
  try {
    const { id } = await api("/api/callback", body);
    const early = state.earlyAnswers.get(id);
    if (early) {
      state.earlyAnswers.delete(id);
      release(button);
      answer(early);
      return;
    }
    const timer = setTimeout(() => {
      state.pending.delete(id);
      release(button);
      addNotice(
        ui.messages,
        `The bot did not answer this button within ${Math.round(CALLBACK_TIMEOUT_MS / 1000)} s (answerCallbackQuery): ` +
          "Telegram would stop the spinner and show nothing.",
      );
      scrollToEnd();
    }, CALLBACK_TIMEOUT_MS);
    state.pending.set(id, { button, timer });
  } catch (error) {
    release(button);
    failed(error);
  }
}

/** @param {HTMLElement} button */
function release(button) {
  delete button.dataset.pressed;
  button.removeAttribute("aria-busy");
}

function releaseAll() {
  for (const [id, { button, timer }] of state.pending) {
    clearTimeout(timer);
    release(button);
    state.pending.delete(id);
  }
}

/** @param {Record<string, unknown>} event */
function answer(event) {
  const text = typeof event.text === "string" ? event.text : "";
  if (text === "") return;
  if (event.showAlert) showAlert(document, text);
  else showToast(document, text);
}

// ------------------------------------------------------------------ the chat

/** @param {import("./message.js").Message} message */
function showMessage(message) {
  const bubble = upsertMessage(ui.messages, message, messageOptions());
  if (state.chatType === "group" && bubble.dataset.from === "user") bubble.querySelector(".sender")?.remove();
  updateEmptyState();
}

function clearChat() {
  ui.messages.replaceChildren();
  updateEmptyState();
}

/** The bot's description on an empty chat, in the reader's language (or the default one). */
function updateEmptyState() {
  const empty = !hasMessages(ui.messages);
  const text = descriptionFor(state.info, state.lang);
  ui.description.hidden = !empty;
  const body = /** @type {HTMLElement} */ (ui.description.querySelector(".description-text"));
  body.replaceChildren();
  for (const line of text.split("\n")) {
    const div = document.createElement("div");
    div.setAttribute("dir", "auto");
    div.textContent = line;
    body.appendChild(div);
  }
  ui.description.classList.toggle("no-text", text === "");
  const start = /** @type {HTMLElement} */ (ui.description.querySelector("[data-role=start]"));
  start.hidden = state.chatType !== "private";
}

function scrollToEnd() {
  ui.messages.scrollTop = ui.messages.scrollHeight;
}

function nearEnd() {
  return ui.messages.scrollHeight - ui.messages.scrollTop - ui.messages.clientHeight < 80;
}

async function loadHistory() {
  const { messages } = await api(`/api/history?chat=${chat().id}`);
  clearChat();
  for (const message of messages ?? []) showMessage(message);
  scrollToEnd();
}

/** @param {Record<string, unknown>} event */
function onEvent(event) {
  if (state.buffered) {
    state.buffered.push(event);
    return;
  }
  if (event.chatId !== undefined && event.chatId === state.info?.guestChatId && "message" in event) {
    showGuestMessage(ui.guestMessages, /** @type {any} */ (event.message), messageOptions());
    return;
  }
  const here = event.chatId === undefined || event.chatId === chat().id;
  const stick = nearEnd();
  switch (event.type) {
    case "message":
    case "user-message":
    case "edit":
      if (here) showMessage(/** @type {import("./message.js").Message} */ (event.message));
      break;
    case "delete":
      if (here) removeMessage(ui.messages, Number(event.messageId));
      updateEmptyState();
      break;
    case "callback-answer": {
      const id = String(event.callbackQueryId);
      const pending = state.pending.get(id);
      if (pending) {
        clearTimeout(pending.timer);
        state.pending.delete(id);
        release(pending.button);
        answer(event);
      } else {
        state.earlyAnswers.set(id, event);
      }
      break;
    }
    case "inline-results": {
      const answer = /** @type {import("./inline-results.js").InlineAnswer} */ (event);
      if (answer.queryId === state.inline.queryId) showInlineResults(answer);
      else state.inline.early.set(String(answer.queryId), answer);
      break;
    }
    case "error":
      // A refused answerCallbackQuery leaves its button spinning in Telegram until it gives up: stop it here.
      if (event.method === "answerCallbackQuery") releaseAll();
      if (here) {
        addErrorNotice(ui.messages, {
          method: String(event.method),
          errorCode: Number(event.errorCode) || undefined,
          description: String(event.description),
        });
      }
      break;
    case "reset":
      releaseAll();
      clearChat();
      break;
    case "catalog":
      void reloadInfo();
      break;
    case "pushes":
      renderPushes(ui.pushes, /** @type {any} */ (event.pushes));
      break;
  }
  if (stick || event.type === "user-message") scrollToEnd();
}

function connect() {
  const source = new EventSource("/api/events");
  source.addEventListener("open", async () => {
    state.buffered = [];
    try {
      await loadHistory();
    } catch (error) {
      failed(error);
    }
    const waiting = state.buffered ?? [];
    state.buffered = null;
    for (const event of waiting) onEvent(event);
    setReady(true);
  });
  source.addEventListener("message", (message) => {
    try {
      onEvent(JSON.parse(message.data));
    } catch (error) {
      console.error("preview: bad event", error);
    }
  });
  source.addEventListener("error", () => {
    setReady(false);
    state.buffered = [];
  });
}

/** @param {boolean} ready */
function setReady(ready) {
  document.body.dataset.ready = String(ready);
  ui.status.dataset.state = ready ? "online" : "offline";
  ui.status.textContent = ready ? "" : "reconnecting…";
}

// ------------------------------------------------------------------ header, controls, command menu

function updateHeader() {
  const bot = state.info?.bot;
  if (state.chatType === "group") {
    ui.title.textContent = "Preview group";
    ui.subtitle.textContent = `you and @${bot?.username ?? "bot"} · the bot sees only commands`;
    ui.avatar.textContent = "G";
  } else {
    ui.title.textContent = bot ? displayName(bot) : "…";
    ui.subtitle.textContent = bot ? `@${bot.username} · bot` : "";
    ui.avatar.textContent = (bot?.first_name ?? "?").slice(0, 1).toUpperCase();
  }
  const commands = commandsFor(state.info, state.lang);
  ui.commandsButton.toggleAttribute("disabled", commands.length === 0);
  ui.commandsButton.title = commands.length === 0 ? "The bot registered no commands" : "Commands";
}

/** @param {string} [filter] only commands starting with it, as Telegram filters while typing "/…" */
function showCommandMenu(filter = "") {
  const commands = commandsFor(state.info, state.lang).filter((c) => c.command.startsWith(filter));
  renderCommandMenu(ui.commandMenu, commands);
}

function hideCommandMenu() {
  ui.commandMenu.hidden = true;
}

/** A command picked from the menu; in a group Telegram addresses it to the bot (`/cmd@bot`). */
/** @param {string} command */
function sendCommand(command) {
  const bot = state.info?.bot.username;
  ui.input.value = "";
  sendText(state.chatType === "group" && bot ? `/${command}@${bot}` : `/${command}`);
}

// ------------------------------------------------------------------ inline mode

function onInput() {
  const value = ui.input.value;
  if (/^\/\w*$/.test(value)) showCommandMenu(value.slice(1));
  else hideCommandMenu();
  const query = inlineQueryOf(value, state.info?.bot.username);
  clearTimeout(state.inline.timer);
  if (query === null) {
    hideInlineResults();
    return;
  }
  state.inline.timer = setTimeout(() => requestInline(query, ""), INLINE_DEBOUNCE_MS);
}

/**
 * Sends an inline query (or asks for its next page). The answer comes as an event, possibly before this
 * request's own response names its id, so answers are kept until then.
 * @param {string} query
 * @param {string} offset
 */
async function requestInline(query, offset) {
  try {
    const { id } = await api("/api/inline", { from: from(), query, offset });
    state.inline.queryId = id;
    state.inline.query = query;
    state.inline.offset = offset;
    const early = state.inline.early.get(id);
    state.inline.early.clear();
    if (early) showInlineResults(early);
  } catch (error) {
    failed(error);
  }
}

/** @param {import("./inline-results.js").InlineAnswer} answer */
function showInlineResults(answer) {
  // Still the query in the input? (The reader may have typed on, or sent it.)
  if (inlineQueryOf(ui.input.value, state.info?.bot.username) === null) return;
  renderInlineResults(ui.inlineResults, answer, state.inline.offset !== "");
}

function hideInlineResults() {
  ui.inlineResults.hidden = true;
  ui.inlineResults.replaceChildren();
  state.inline.queryId = "";
}

/**
 * Picking a result: the message goes into the chat from the reader "via @bot", with the result's keyboard.
 * @param {string} queryId the inline query whose answer held the result (pages of results have their own)
 * @param {string} resultId
 */
async function chooseInlineResult(queryId, resultId) {
  ui.input.value = "";
  hideInlineResults();
  try {
    // The server makes the message (from the reader, via the bot), so it is in the history and its
    // buttons reach the bot as inline-message callbacks.
    const { message } = await api("/api/inline-choice", { chat: chat(), from: from(), queryId, resultId });
    if (message) showMessage(message);
  } catch (error) {
    failed(error);
  }
  scrollToEnd();
}

// ------------------------------------------------------------------ presses

/**
 * What a press on a keyboard button does, by its kind, as in Telegram.
 * @param {HTMLElement} button
 */
function pressButton(button) {
  const value = button.dataset.value ?? "";
  const bot = state.info?.bot.username ?? "bot";
  switch (button.dataset.action) {
    case "callback":
      pressCallback(button);
      break;
    case "url":
      window.open(value, "_blank", "noopener,noreferrer");
      break;
    case "start":
      sendText(`/start ${value}`);
      break;
    case "invalid-start":
      showToast(document, `Telegram ignores this start parameter (1–64 of A–Z a–z 0–9 _ -): "${value}"`);
      break;
    case "chat":
      break;
    case "switch-inline":
    case "switch-inline-chosen":
      showToast(document, "Telegram would first ask which chat to share to; the preview uses this one.");
      putInInput(`@${bot} ${value}`);
      break;
    case "switch-inline-current":
      putInInput(`@${bot} ${value}`);
      break;
    case "copy":
      copy(value);
      break;
    default:
      showToast(document, "This kind of button does not work in the preview.");
  }
}

/** @param {string} text */
function putInInput(text) {
  ui.input.value = text;
  ui.input.focus();
  ui.input.setSelectionRange(text.length, text.length);
  onInput();
}

/** @param {string} text */
async function copy(text) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = document.createElement("textarea");
    area.value = text;
    document.body.appendChild(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  }
  showToast(document, "Copied to clipboard.");
}

/** One listener for everything pressable in the chat, whose elements come and go with edits. */
function onChatClick(/** @type {MouseEvent} */ event) {
  const target = /** @type {HTMLElement} */ (event.target);
  const spoiler = target.closest("[data-role=spoiler]");
  const bubble = target.closest("[data-role=bubble]");
  if (spoiler && bubble && !(/** @type {HTMLElement} */ (spoiler).dataset.revealed)) {
    event.preventDefault();
    revealSpoilers(bubble);
    return;
  }
  const quote = target.closest("blockquote[data-expandable]");
  if (quote && (target.closest("[data-role=expand]") || quote.getAttribute("data-expanded") === "false")) {
    event.preventDefault();
    setExpanded(quote, quote.getAttribute("data-expanded") !== "true");
    return;
  }
  const button = /** @type {HTMLElement | null} */ (target.closest("button[data-role=button]"));
  if (button) {
    pressButton(button);
    return;
  }
  const command = /** @type {HTMLElement | null} */ (target.closest("[data-role=bot-command]"));
  if (command) {
    event.preventDefault();
    sendText(command.dataset.command ?? "");
    return;
  }
  const deep = /** @type {HTMLElement | null} */ (target.closest("[data-role=deep-link]"));
  if (deep) {
    event.preventDefault();
    if (deep.dataset.link === "start") sendText(`/start ${deep.dataset.start}`);
    else if (deep.dataset.link === "invalid-start")
      showToast(document, `Telegram ignores this start parameter: "${deep.dataset.start}"`);
    return;
  }
  if (target.closest("[data-role=hashtag], [data-role=cashtag], a[data-role=mention]:not([href^=http])")) {
    event.preventDefault();
  }
}

// ------------------------------------------------------------------ boot

function wire() {
  ui.messages.addEventListener("click", onChatClick);
  ui.messages.addEventListener("keydown", (event) => {
    const target = /** @type {HTMLElement} */ (event.target);
    if ((event.key === "Enter" || event.key === " ") && target.dataset.role === "spoiler") {
      event.preventDefault();
      target.click();
    }
  });
  ui.send.addEventListener("click", () => {
    const text = ui.input.value;
    ui.input.value = "";
    onInput();
    sendText(text);
  });
  ui.input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      ui.send.click();
    } else if (event.key === "Escape") {
      hideCommandMenu();
      hideInlineResults();
    }
  });
  ui.input.addEventListener("input", onInput);
  ui.commandsButton.addEventListener("click", () => {
    if (ui.commandMenu.hidden) showCommandMenu();
    else hideCommandMenu();
  });
  ui.commandMenu.addEventListener("click", (event) => {
    const item = /** @type {HTMLElement | null} */ (
      /** @type {HTMLElement} */ (event.target).closest("[data-role=command]")
    );
    if (item?.dataset.command) sendCommand(item.dataset.command);
  });
  ui.inlineResults.addEventListener("click", (event) => {
    const target = /** @type {HTMLElement} */ (event.target);
    const result = /** @type {HTMLElement | null} */ (target.closest("[data-role=inline-result]"));
    if (result?.dataset.resultId) chooseInlineResult(result.dataset.queryId ?? "", result.dataset.resultId);
    const top = /** @type {HTMLElement | null} */ (target.closest("[data-role=inline-button]"));
    if (top) {
      ui.input.value = "";
      hideInlineResults();
      sendText(top.dataset.start ? `/start ${top.dataset.start}` : "/start");
    }
    const more = /** @type {HTMLElement | null} */ (target.closest("[data-role=inline-more]"));
    if (more) requestInline(state.inline.query, more.dataset.offset ?? "");
  });
  wireGuestBox(
    { box: ui.guest, form: ui.guestForm, input: ui.guestInput },
    {
      send: (text) => api("/api/guest", { from: from(), text }).catch(failed),
      username: () => state.info?.bot.username,
    },
  );
  const start = /** @type {HTMLElement} */ (ui.description.querySelector("[data-role=start]"));
  start.addEventListener("click", () => sendText("/start"));
  ui.lang.value = state.lang;
  ui.lang.addEventListener("change", () => {
    state.lang = ui.lang.value;
    save();
    updateHeader();
    updateEmptyState();
    if (!ui.commandMenu.hidden) showCommandMenu();
  });
  ui.chatType.value = state.chatType;
  ui.chatType.addEventListener("change", async () => {
    state.chatType = ui.chatType.value === "group" ? "group" : "private";
    save();
    updateHeader();
    hideInlineResults();
    await loadHistory().catch(failed);
  });
  ui.newReader.addEventListener("click", async () => {
    state.userId = freshUserId();
    save();
    clearChat();
    try {
      await api("/api/reset", {});
    } catch (error) {
      failed(error);
    }
  });
  document.addEventListener("click", (event) => {
    const target = /** @type {HTMLElement} */ (event.target);
    if (!target.closest("[data-role=command-menu], [data-role=commands-button]")) hideCommandMenu();
  });
}

/** The content changed (an edit was saved): the stories, their problems and the command menu anew. */
async function reloadInfo() {
  try {
    state.info = await api("/api/info");
  } catch (error) {
    failed(error);
    return;
  }
  renderProblems(ui.problems, state.info?.problems);
  renderPushes(ui.pushes, state.info?.pushes);
  updateEmptyState();
}

async function boot() {
  setReady(false);
  save();
  wire();
  try {
    state.info = await api("/api/info");
  } catch (error) {
    failed(error);
  }
  document.title = `${state.info?.bot.first_name ?? "Bot"} · preview`;
  renderProblems(ui.problems, state.info?.problems);
  renderPushes(ui.pushes, state.info?.pushes);
  updateHeader();
  updateEmptyState();
  connect();
}

boot();
