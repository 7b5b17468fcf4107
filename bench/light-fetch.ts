/**
 * A stateless stand-in for the Bot API, for the in-process and memory figures. Unlike the test suite's
 * FakeTelegram it keeps nothing and validates nothing, so its cost stays flat however many updates run:
 * `sendMessage` and `editMessageText` get a well-formed text Message back (echoing text, entities and
 * keyboard, as Telegram does, because the conversations plugin stores what calls returned), every other
 * method gets `true`. The bot and its baseline use it identically.
 */
import type { Message } from "grammy/types";
import { BENCH_BOT_INFO } from "./config.js";

/** Per-method call counts, plus how many "slow down" notices went out (the rate limiter dropped updates). */
export interface LightFetchStats {
  calls: Map<string, number>;
  total: number;
}

export interface LightFetch {
  fetch: typeof fetch;
  stats: LightFetchStats;
}

const BOT_USER = {
  id: BENCH_BOT_INFO.id,
  is_bot: true,
  first_name: BENCH_BOT_INFO.first_name,
  username: BENCH_BOT_INFO.username,
} as const;

/** The one Response method grammY uses (`res.json()`); a real Response costs more than the bot under test. */
function respond(body: unknown): Response {
  return { ok: true, status: 200, json: () => Promise.resolve(body) } as unknown as Response;
}

function methodOf(href: string): string {
  return href.slice(href.lastIndexOf("/") + 1);
}

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

/** Creates a light fetch; `onCall` (optional) sees every method name, e.g. to spot rate-limit notices. */
export function createLightFetch(onCall?: (method: string, body: string) => void): LightFetch {
  const stats: LightFetchStats = { calls: new Map(), total: 0 };
  const lightFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const href = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const method = methodOf(href);
    stats.total++;
    stats.calls.set(method, (stats.calls.get(method) ?? 0) + 1);
    const body = typeof init?.body === "string" ? init.body : "";
    onCall?.(method, body);
    if (method === "sendMessage" || method === "editMessageText") {
      const payload = body === "" ? {} : (JSON.parse(body) as Record<string, unknown>);
      return respond({ ok: true, result: messageFrom(payload) });
    }
    return respond({ ok: true, result: true });
  };
  return { fetch: lightFetch as typeof fetch, stats };
}
