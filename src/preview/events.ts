/**
 * What the preview page is told, and how a finished Bot API call becomes those events: what the bot sent,
 * edited, deleted and answered, and every call the model refused, with Telegram's error text, so the
 * preview doubles as a limits check.
 */
import type { InlineQueryResult, Message } from "grammy/types";
import type { ApiCall } from "./telegram-model/model.js";
import { isRecord, toChatId, toInt } from "./telegram-model/values.js";

/** One Server-Sent Event to the page. */
export type PreviewEvent =
  | { type: "message"; chatId: number; message: Message }
  | { type: "edit"; chatId: number; message: Message }
  | { type: "delete"; chatId: number; messageId: number }
  | { type: "user-message"; chatId: number; message: Message }
  | { type: "callback-answer"; chatId?: number; callbackQueryId: string; text?: string; showAlert?: boolean }
  | {
      type: "inline-results";
      queryId: string;
      results: InlineQueryResult[];
      nextOffset?: string;
      button?: unknown;
    }
  | { type: "error"; chatId?: number; method: string; errorCode: number; description: string }
  | { type: "reset" }
  /** The stories or their problems changed: the page reads /api/info again. */
  | { type: "catalog" }
  /** The pushes under way changed (none: the last one finished). */
  | { type: "pushes"; pushes: PushProgress[] };

/** A running push as the page's progress line shows it: "Push: sent N of M". */
export interface PushProgress {
  /** The event's id (`story:<id>`, `correction:<story>:<id>`, `withdrawal:<story>`). */
  event: string;
  /** Chats it goes to. */
  audience: number;
  /** Chats it reached so far. */
  sent: number;
}

/** Methods whose failures are the transport's business, not the bot's screen: never shown in the chat. */
const QUIET_METHODS = new Set(["getUpdates", "close", "logOut"]);

/**
 * The events one finished call produces. `chatOfQuery` finds the chat a callback query came from (the
 * call itself carries only the query id).
 */
export function eventsFromCall(
  call: ApiCall,
  chatOfQuery: (id: string) => number | undefined,
): PreviewEvent[] {
  if (call.aborted || call.dropped) return [];
  const p = call.payload;
  const chatId = toChatId(p.chat_id);
  if (call.error) {
    if (QUIET_METHODS.has(call.method)) return [];
    const queryChat = typeof p.callback_query_id === "string" ? chatOfQuery(p.callback_query_id) : undefined;
    const where = chatId ?? queryChat;
    return [
      {
        type: "error",
        ...(where === undefined ? {} : { chatId: where }),
        method: call.method,
        errorCode: call.error.error_code,
        description: call.error.description,
      },
    ];
  }
  switch (call.method) {
    case "sendMessage":
      return isMessage(call.result)
        ? [{ type: "message", chatId: call.result.chat.id, message: call.result }]
        : [];
    case "editMessageText":
    case "editMessageReplyMarkup":
      // An inline message's edit answers `true`: there is no chat bubble to update.
      return isMessage(call.result)
        ? [{ type: "edit", chatId: call.result.chat.id, message: call.result }]
        : [];
    case "deleteMessage": {
      const messageId = toInt(p.message_id);
      return chatId === undefined || messageId === undefined ? [] : [{ type: "delete", chatId, messageId }];
    }
    case "deleteMessages": {
      const ids = Array.isArray(p.message_ids) ? p.message_ids.map(toInt) : [];
      if (chatId === undefined) return [];
      return ids.flatMap((messageId) =>
        messageId === undefined ? [] : [{ type: "delete", chatId, messageId }],
      );
    }
    case "answerCallbackQuery": {
      const id = typeof p.callback_query_id === "string" ? p.callback_query_id : "";
      const queryChat = chatOfQuery(id);
      const event: PreviewEvent = { type: "callback-answer", callbackQueryId: id };
      if (queryChat !== undefined) event.chatId = queryChat;
      if (typeof p.text === "string" && p.text !== "") event.text = p.text;
      if (p.show_alert === true || p.show_alert === "true") event.showAlert = true;
      return [event];
    }
    case "answerInlineQuery": {
      const event: PreviewEvent = {
        type: "inline-results",
        queryId: typeof p.inline_query_id === "string" ? p.inline_query_id : "",
        results: (Array.isArray(p.results) ? p.results : []) as InlineQueryResult[],
      };
      if (typeof p.next_offset === "string" && p.next_offset !== "") event.nextOffset = p.next_offset;
      if (p.button !== undefined) event.button = p.button;
      return [event];
    }
    default:
      return [];
  }
}

function isMessage(value: unknown): value is Message {
  return isRecord(value) && typeof value.message_id === "number" && isRecord(value.chat);
}
