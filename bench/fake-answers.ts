/**
 * What the bench's stand-in Bot API answers, shared by the in-process fetch (light-fetch.ts) and the HTTP
 * server (fake-api-server.ts). It keeps nothing and validates nothing, so its cost stays flat however many
 * updates run: `sendMessage` and `editMessageText` get a well-formed text Message back (echoing text,
 * entities and keyboard, as Telegram does, because the conversations plugin stores what calls returned),
 * `getMe` the bench bot, every other method `true`. The bot and its baselines are answered identically.
 */
import type { Message } from "grammy/types";
import { BENCH_BOT_INFO } from "./config.js";

const BOT_USER = {
  id: BENCH_BOT_INFO.id,
  is_bot: true,
  first_name: BENCH_BOT_INFO.first_name,
  username: BENCH_BOT_INFO.username,
} as const;

let nextMessageId = 1_000_000;

function messageFrom(payload: Record<string, unknown>): Message.TextMessage {
  const chatId = typeof payload.chat_id === "number" ? payload.chat_id : Number(payload.chat_id ?? 0);
  const message: Message.TextMessage = {
    message_id: typeof payload.message_id === "number" ? payload.message_id : nextMessageId++,
    from: BOT_USER,
    chat: { id: chatId, type: "private", first_name: "Reader" },
    date: Math.floor(Date.now() / 1000),
    text: typeof payload.text === "string" ? payload.text : "",
  };
  if (Array.isArray(payload.entities) && payload.entities.length > 0) {
    message.entities = payload.entities as Message.TextMessage["entities"];
  }
  if (typeof payload.reply_markup === "object" && payload.reply_markup !== null) {
    message.reply_markup = payload.reply_markup as Message.TextMessage["reply_markup"];
  }
  return message;
}

/** The Bot API's answer to `method` with the JSON `body` grammY sent. */
export function answerCall(method: string, body: string): { ok: true; result: unknown } {
  if (method === "sendMessage" || method === "editMessageText") {
    const payload = body === "" ? {} : (JSON.parse(body) as Record<string, unknown>);
    return { ok: true, result: messageFrom(payload) };
  }
  if (method === "getMe") return { ok: true, result: BENCH_BOT_INFO };
  return { ok: true, result: true };
}
