// Placeholder chat page for the preview (the real page lives in src/preview/page/). Plain ES module, no build.
const $ = (selector) => document.querySelector(selector);
const messagesEl = $("[data-role=messages]");
const input = $("[data-role=input]");
const langPicker = $("[data-role=lang-picker]");
const chatTypePicker = $("[data-role=chat-type]");
const menu = $("[data-role=command-menu]");

let info = { bot: { username: "" }, description: {}, commands: {} };
let userId = freshUserId();

function freshUserId() {
  return 100000 + Math.floor(Math.random() * 800000);
}

function reader() {
  const from = { id: userId, first_name: "Reader" };
  if (langPicker.value !== "") from.language_code = langPicker.value;
  return from;
}

function chat() {
  return chatTypePicker.value === "group"
    ? { id: -userId, type: "group", title: "Preview group" }
    : { id: userId, type: "private" };
}

async function post(path, body) {
  const response = await fetch(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body ?? {}),
  });
  return response.json();
}

function showDescription() {
  const el = $("[data-role=description]");
  const lang = langPicker.value;
  el.textContent = info.description?.[lang] || info.description?.[""] || "";
  el.hidden = messagesEl.querySelector("[data-role=bubble]") !== null;
}

const STYLE_TAGS = {
  bold: "b",
  italic: "i",
  underline: "u",
  strikethrough: "s",
  code: "code",
  pre: "code",
  spoiler: "span",
  blockquote: "blockquote",
  expandable_blockquote: "blockquote",
};

function wrap(node, entity, text) {
  let el;
  if (entity.type === "text_link" || entity.type === "url") {
    el = document.createElement("a");
    el.href = entity.type === "url" ? text.slice(entity.offset, entity.offset + entity.length) : entity.url;
    el.target = "_blank";
  } else if (entity.type === "bot_command") {
    el = document.createElement("a");
    el.href = "#";
    const command = text.slice(entity.offset, entity.offset + entity.length);
    el.addEventListener("click", (event) => {
      event.preventDefault();
      sendText(command);
    });
  } else {
    el = document.createElement(STYLE_TAGS[entity.type] ?? "span");
  }
  el.append(node);
  return el;
}

/** One element per line, dir="auto", entities rendered inside lines (split where they span lines). */
function renderLines(text, entities = []) {
  const cuts = new Set([0, text.length]);
  for (const e of entities) {
    cuts.add(e.offset);
    cuts.add(e.offset + e.length);
  }
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") cuts.add(i).add(i + 1);
  const points = [...cuts].filter((n) => n >= 0 && n <= text.length).sort((a, b) => a - b);
  const lines = [];
  let line = document.createElement("div");
  line.dataset.role = "line";
  line.dir = "auto";
  for (let k = 0; k < points.length - 1; k++) {
    const start = points[k];
    const end = points[k + 1];
    const piece = text.slice(start, end);
    if (piece === "\n") {
      lines.push(line);
      line = document.createElement("div");
      line.dataset.role = "line";
      line.dir = "auto";
      continue;
    }
    let node = document.createTextNode(piece);
    for (const e of entities) {
      if (e.offset <= start && e.offset + e.length >= end) node = wrap(node, e, text);
    }
    line.append(node);
  }
  lines.push(line);
  return lines;
}

function deepLinkPayload(url) {
  const match = /^https:\/\/t\.me\/([A-Za-z0-9_]+)\?start=([A-Za-z0-9_-]*)$/.exec(url);
  return match && match[1].toLowerCase() === info.bot.username.toLowerCase() ? match[2] : undefined;
}

function renderKeyboard(message) {
  const rows = message.reply_markup?.inline_keyboard;
  if (!rows) return undefined;
  const keyboard = document.createElement("div");
  keyboard.dataset.role = "keyboard";
  for (const row of rows) {
    const rowEl = document.createElement("div");
    rowEl.dataset.role = "row";
    rowEl.dir = "ltr";
    for (const button of row) {
      const el = document.createElement("button");
      el.type = "button";
      el.dataset.role = "button";
      el.dir = "auto";
      el.textContent = button.text;
      if (button.callback_data !== undefined) {
        el.dataset.kind = "callback";
        el.dataset.callbackData = button.callback_data;
        el.addEventListener("click", () =>
          post("/api/callback", {
            chat: chat(),
            from: reader(),
            messageId: message.message_id,
            data: button.callback_data,
          }),
        );
      } else if (button.url !== undefined) {
        el.dataset.kind = "url";
        el.dataset.url = button.url;
        el.addEventListener("click", () => {
          const payload = deepLinkPayload(button.url);
          if (payload !== undefined) sendText(payload === "" ? "/start" : `/start ${payload}`);
          else window.open(button.url, "_blank");
        });
      } else if (
        button.switch_inline_query !== undefined ||
        button.switch_inline_query_current_chat !== undefined ||
        button.switch_inline_query_chosen_chat !== undefined
      ) {
        el.dataset.kind = "switch_inline";
        const query =
          button.switch_inline_query ??
          button.switch_inline_query_current_chat ??
          button.switch_inline_query_chosen_chat.query ??
          "";
        el.addEventListener("click", () => {
          input.value = `@${info.bot.username} ${query}`;
          input.focus();
        });
      } else if (button.copy_text !== undefined) {
        el.dataset.kind = "copy";
        el.addEventListener("click", () => navigator.clipboard?.writeText(button.copy_text.text));
      } else {
        el.dataset.kind = "other";
      }
      rowEl.append(el);
    }
    keyboard.append(rowEl);
  }
  return keyboard;
}

function renderMessage(message, from) {
  const bubble = document.createElement("div");
  bubble.dataset.role = "bubble";
  bubble.dataset.from = from;
  bubble.dataset.messageId = String(message.message_id);
  if (message.edit_date) bubble.dataset.edited = "true";
  bubble.append(...renderLines(message.text ?? "", message.entities));
  const keyboard = renderKeyboard(message);
  if (keyboard) bubble.append(keyboard);
  const existing = messagesEl.querySelector(`[data-role=bubble][data-message-id="${message.message_id}"]`);
  if (existing) existing.replaceWith(bubble);
  else messagesEl.append(bubble);
  bubble.scrollIntoView({ block: "end" });
  showDescription();
}

function notice(role, text, attrs = {}) {
  const el = document.createElement("div");
  el.dataset.role = role;
  for (const [key, value] of Object.entries(attrs)) el.dataset[key] = value;
  el.textContent = text;
  return el;
}

function toast(text) {
  for (const old of document.querySelectorAll("[data-role=toast]")) old.remove();
  const el = notice("toast", text);
  document.body.append(el);
  setTimeout(() => el.remove(), 3000);
}

function alertBox(text) {
  const el = notice("alert", text);
  const ok = document.createElement("button");
  ok.dataset.role = "alert-ok";
  ok.textContent = "OK";
  ok.addEventListener("click", () => el.remove());
  el.append(document.createElement("br"), ok);
  document.body.append(el);
}

function onEvent(event) {
  const here = chat().id;
  if (event.type === "reset") {
    clearChat();
  } else if (event.type === "message" || event.type === "edit") {
    if (event.chatId === here) renderMessage(event.message, "bot");
  } else if (event.type === "user-message") {
    if (event.chatId === here) renderMessage(event.message, "user");
  } else if (event.type === "delete") {
    if (event.chatId === here)
      messagesEl.querySelector(`[data-role=bubble][data-message-id="${event.messageId}"]`)?.remove();
  } else if (event.type === "callback-answer") {
    if (event.text && (event.chatId === undefined || event.chatId === here))
      event.showAlert ? alertBox(event.text) : toast(event.text);
  } else if (event.type === "error") {
    if (event.chatId === undefined || event.chatId === here) {
      messagesEl.append(notice("error", `${event.method}: ${event.description}`, { method: event.method }));
    }
  }
}

function clearChat() {
  for (const el of messagesEl.querySelectorAll("[data-role=bubble], [data-role=error]")) el.remove();
  showDescription();
}

async function loadChat() {
  clearChat();
  const { messages } = await (await fetch(`/api/history?chat=${chat().id}`)).json();
  for (const message of messages) renderMessage(message, message.from?.id === info.bot.id ? "bot" : "user");
}

async function sendText(text) {
  if (text.trim() === "") return;
  await post("/api/message", { chat: chat(), from: reader(), text });
}

function showCommands() {
  const list = info.commands?.[langPicker.value]?.length
    ? info.commands[langPicker.value]
    : (info.commands?.[""] ?? []);
  menu.replaceChildren(
    ...list.map((c) => {
      const el = document.createElement("button");
      el.type = "button";
      el.dataset.role = "command";
      el.dataset.command = c.command;
      el.textContent = `/${c.command} — ${c.description}`;
      el.addEventListener("click", () => {
        menu.hidden = true;
        sendText(`/${c.command}`);
      });
      return el;
    }),
  );
  menu.hidden = !menu.hidden;
}

$("[data-role=send]").addEventListener("click", () => {
  const text = input.value;
  input.value = "";
  sendText(text);
});
input.addEventListener("keydown", (event) => {
  if (event.key === "Enter") {
    event.preventDefault();
    $("[data-role=send]").click();
  }
});
$("[data-role=commands-button]").addEventListener("click", async () => {
  info = await (await fetch("/api/info")).json();
  showCommands();
});
$("[data-role=new-reader]").addEventListener("click", async () => {
  userId = freshUserId();
  await post("/api/reset");
  clearChat();
});
langPicker.addEventListener("change", showDescription);
chatTypePicker.addEventListener("change", loadChat);

async function start() {
  info = await (await fetch("/api/info")).json();
  await loadChat();
  const events = new EventSource("/api/events");
  events.addEventListener("open", () => {
    document.body.dataset.ready = "true";
  });
  events.addEventListener("error", () => {
    document.body.dataset.ready = "false";
  });
  events.addEventListener("message", (message) => onEvent(JSON.parse(message.data)));
}

start();
