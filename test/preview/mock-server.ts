/**
 * A dev-only stand-in for the preview server, to see the preview page work before the real one lands: it
 * serves src/preview/page/ and the /api/* protocol over node:http, with
 * the real bot behind it through the test harness (FakeTelegram in-process). Extra: `POST /mock/event` sends
 * any protocol event to the page (the screenshot script uses it for an `error` and an entity showcase).
 *
 *   npx tsx test/preview/mock-server.ts [port]
 */
import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import type { Message, MessageEntity, Update } from "grammy/types";
import { registerCommands } from "../../src/bot/commands.js";
import { createHarness, story } from "../bot/harness.js";
import type { ApiCall } from "../helpers/fake-telegram.js";

const PAGE_DIR = fileURLToPath(new URL("../../src/preview/page/", import.meta.url));
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
};

type Json = Record<string, unknown>;
interface ChatRef {
  id: number;
  type: "private" | "group" | "supergroup";
  title?: string;
  first_name?: string;
}

/** A running mock: its address, a way to push events, and close. */
export interface MockServer {
  url: string;
  server: Server;
  broadcast(event: Json): void;
  close(): Promise<void>;
}

/** Starts the mock on 127.0.0.1 (port 0 = any free port). */
export async function startMockServer(port = 0): Promise<MockServer> {
  let h = createHarness();
  await registerCommands(h.bot.api, h.i18n, "ar", [story]);
  const clients = new Set<ServerResponse>();
  /** Message ids per chat in order, user and bot alike; the fake holds their current state. */
  let order = new Map<number, number[]>();
  /** Messages the mock itself put in a chat (POST /mock/event). */
  let own = new Map<string, Message>();
  let updateId = 1;
  let queryId = 1;
  let lastInlineQuery = "";
  /** Inline answers by query id (the bot's or scripted ones), for POST /api/inline-choice. */
  const inlineAnswers = new Map<string, Json[]>();

  const broadcast = (event: Json): void => {
    if (event.type === "inline-results" && Array.isArray(event.results)) {
      inlineAnswers.set(String(event.queryId), event.results as Json[]);
    }
    const line = `data: ${JSON.stringify(event)}\n\n`;
    for (const client of clients) client.write(line);
  };
  const remember = (chatId: number, messageId: number): void => {
    const ids = order.get(chatId) ?? [];
    if (!ids.includes(messageId)) ids.push(messageId);
    order.set(chatId, ids);
  };
  const nextMessageId = (chatId: number): number => Math.max(0, ...(order.get(chatId) ?? [])) + 1;

  /** The protocol events for what the bot did while handling one update. */
  const report = (calls: readonly ApiCall[]): void => {
    for (const call of calls) {
      const p = call.payload;
      const chatId = typeof p.chat_id === "number" ? p.chat_id : undefined;
      if (call.error) {
        broadcast({
          type: "error",
          chatId,
          method: call.method,
          errorCode: call.error.error_code,
          description: call.error.description,
        });
        continue;
      }
      const result = call.result as Message | true | undefined;
      if (call.method === "sendMessage" && result && result !== true) {
        remember(result.chat.id, result.message_id);
        broadcast({ type: "message", chatId: result.chat.id, message: result });
      } else if (call.method.startsWith("editMessage") && result && result !== true) {
        broadcast({ type: "edit", chatId: result.chat.id, message: result });
      } else if (call.method === "deleteMessage") {
        broadcast({ type: "delete", chatId, messageId: p.message_id });
      } else if (call.method === "answerCallbackQuery") {
        broadcast({
          type: "callback-answer",
          chatId,
          callbackQueryId: p.callback_query_id,
          text: p.text,
          showAlert: p.show_alert === true,
        });
      } else if (call.method === "answerInlineQuery") {
        broadcast({
          type: "inline-results",
          queryId: p.inline_query_id,
          results: p.results,
          nextOffset: p.next_offset,
          button: p.button,
        });
      }
    }
  };

  /** Hands an update to the bot in the background and reports what it did. */
  const deliver = (update: Update): void => {
    h.send(update).then(report, (error: unknown) => {
      broadcast({ type: "error", method: "handleUpdate", errorCode: 500, description: String(error) });
    });
  };

  const routes: Record<string, (body: Json, url: URL) => Json | Promise<Json>> = {
    "GET /api/info": () => {
      const languages = ["ar", "en", ""];
      const byLang = (get: (lang: string) => unknown) =>
        Object.fromEntries(languages.map((l) => [l, get(l)]));
      return {
        bot: { id: h.tg.botInfo.id, username: h.tg.botInfo.username, first_name: h.tg.botInfo.first_name },
        description: byLang(
          (l) =>
            h.tg.profile.description.get(l) ??
            // help-intro takes the ways to read and the number of stories served as variables.
            h.i18n.t(l === "" ? "ar" : l, "help-intro", { ways: "…", count: 1 }),
        ),
        shortDescription: byLang((l) => h.tg.profile.shortDescription.get(l) ?? ""),
        commands: byLang((l) => h.tg.getCommands({ type: "default" }, l)),
      };
    },
    "GET /api/history": (_body, url) => {
      const chatId = Number(url.searchParams.get("chat"));
      const messages = (order.get(chatId) ?? [])
        .map((id) => own.get(`${chatId}:${id}`) ?? h.tg.getMessage(chatId, id))
        .filter((m) => m !== undefined);
      return { messages };
    },
    "POST /api/message": (body) => {
      const chat = body.chat as ChatRef;
      const text = String(body.text ?? "");
      const entities: MessageEntity[] = [];
      for (const match of text.matchAll(/(?<![\w/])\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]+)?/g)) {
        entities.push({ type: "bot_command", offset: match.index, length: match[0].length });
      }
      const message = {
        message_id: nextMessageId(chat.id),
        date: Math.floor(Date.now() / 1000),
        chat,
        from: body.from,
        text,
        ...(entities.length > 0 ? { entities } : {}),
      } as Message.TextMessage;
      remember(chat.id, message.message_id);
      broadcast({ type: "user-message", chatId: chat.id, message });
      deliver({ update_id: updateId++, message } as Update);
      return { ok: true, message };
    },
    "POST /api/callback": (body) => {
      const chat = body.chat as ChatRef;
      const message = h.tg.getMessage(chat.id, Number(body.messageId));
      const id = `cbq-${queryId++}`;
      const data = String(body.data ?? "");
      // Buttons of scripted messages: "mock:toast:<text>" / "mock:alert:<text>" are answered by the mock,
      // "mock:silent" never (a bot that forgets answerCallbackQuery).
      const scripted = /^mock:(toast|alert|silent):?(.*)$/.exec(data);
      if (scripted) {
        if (scripted[1] !== "silent") {
          setTimeout(() => {
            broadcast({
              type: "callback-answer",
              chatId: chat.id,
              callbackQueryId: id,
              text: scripted[2],
              showAlert: scripted[1] === "alert",
            });
          }, 50);
        }
        return { ok: true, id };
      }
      deliver({
        update_id: updateId++,
        callback_query: {
          id,
          from: body.from,
          chat_instance: `ci-${chat.id}`,
          data: String(body.data ?? ""),
          ...(message ? { message } : {}),
        },
      } as Update);
      return { ok: true, id };
    },
    "POST /api/inline": (body) => {
      const id = `iq-${queryId++}`;
      lastInlineQuery = id;
      deliver({
        update_id: updateId++,
        inline_query: {
          id,
          from: body.from,
          query: String(body.query ?? ""),
          offset: String(body.offset ?? ""),
        },
      } as Update);
      return { ok: true, id };
    },
    "POST /api/inline-choice": (body) => {
      const chat = body.chat as ChatRef;
      const result = inlineAnswers.get(String(body.queryId))?.find((r) => r.id === body.resultId);
      if (!result) throw new MockError(404, "no result with that id in that answer");
      const content = (result.input_message_content ?? {}) as Json;
      const { id, is_bot, first_name, username } = h.tg.botInfo;
      const message = {
        message_id: nextMessageId(chat.id),
        date: Math.floor(Date.now() / 1000),
        chat,
        from: body.from,
        via_bot: { id, is_bot, first_name, username },
        text: String(content.message_text ?? ""),
        ...(Array.isArray(content.entities) ? { entities: content.entities } : {}),
        ...(result.reply_markup ? { reply_markup: result.reply_markup } : {}),
      } as Message;
      own.set(`${chat.id}:${message.message_id}`, message);
      remember(chat.id, message.message_id);
      broadcast({ type: "user-message", chatId: chat.id, message });
      return { ok: true, message };
    },
    "POST /api/reset": async () => {
      h = createHarness();
      await registerCommands(h.bot.api, h.i18n, "ar", [story]);
      order = new Map();
      own = new Map();
      broadcast({ type: "reset" });
      return { ok: true };
    },
    "POST /mock/event": (body) => {
      if (body.queryId === "last") body.queryId = lastInlineQuery;
      const message = body.message as Message | undefined;
      if (message && typeof body.chatId === "number") {
        const id = message.message_id || nextMessageId(body.chatId);
        const placed = { ...message, message_id: id } as Message;
        own.set(`${body.chatId}:${id}`, placed);
        remember(body.chatId, id);
        broadcast({ ...body, message: placed });
      } else {
        broadcast(body);
      }
      return { ok: true };
    },
  };

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      if (req.method === "GET" && url.pathname === "/api/events") {
        res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
        res.write(": connected\n\n");
        clients.add(res);
        req.on("close", () => clients.delete(res));
        return;
      }
      const route = routes[`${req.method} ${url.pathname}`];
      if (route) {
        const body = req.method === "POST" ? await readJson(req) : {};
        send(res, 200, await route(body, url));
        return;
      }
      if (req.method === "GET") {
        const file = url.pathname === "/" ? "index.html" : url.pathname.replace(/^\/page\//, "");
        const path = normalize(join(PAGE_DIR, file));
        if (path.startsWith(PAGE_DIR) && TYPES[extname(path)]) {
          const content = await readFile(path).catch(() => undefined);
          if (content) {
            res.writeHead(200, { "content-type": TYPES[extname(path)] });
            res.end(content);
            return;
          }
        }
      }
      send(res, 404, { ok: false, description: "Not Found" });
    } catch (error) {
      if (error instanceof MockError) send(res, error.status, { ok: false, description: error.message });
      else send(res, 500, { ok: false, description: String(error) });
    }
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    server,
    broadcast,
    close: () =>
      new Promise((resolve) => {
        for (const client of clients) client.end();
        server.close(() => resolve());
      }),
  };
}

/** A request the mock refuses, with the status the real preview server would answer. */
class MockError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<Json> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text === "" ? {} : (JSON.parse(text) as Json);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const mock = await startMockServer(Number(process.argv[2] ?? 0));
  console.log(`preview mock at ${mock.url}`);
}
