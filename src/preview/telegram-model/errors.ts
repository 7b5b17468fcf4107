/**
 * Telegram's error answers: the response shapes, the error the method handlers throw, and the descriptions
 * spelled exactly as Telegram spells them (bots match on them, so the model must too).
 */
import type { ResponseParameters } from "grammy/types";

/** The error half of a Bot API response. */
export interface ApiErrorBody {
  error_code: number;
  description: string;
  parameters?: ResponseParameters;
}

/** A Bot API response body, shaped exactly as Telegram shapes it. */
export type ApiResponse = { ok: true; result: unknown } | ({ ok: false } & ApiErrorBody);

/** Thrown by method handlers to answer with a Telegram error instead of a result. */
export class TelegramApiError extends Error {
  readonly error_code: number;
  readonly description: string;
  readonly parameters: ResponseParameters | undefined;

  constructor(error_code: number, description: string, parameters?: ResponseParameters) {
    super(description);
    this.name = "TelegramApiError";
    this.error_code = error_code;
    this.description = description;
    this.parameters = parameters;
  }
}

/** A 400 with Telegram's "Bad Request: " prefix. */
export function badRequest(what: string): TelegramApiError {
  return new TelegramApiError(400, `Bad Request: ${what}`);
}

/** The descriptions tests most often assert on, spelled exactly as Telegram spells them. */
export const ERRORS = {
  notModified:
    "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
  editNotFound: "Bad Request: message to edit not found",
  deleteNotFound: "Bad Request: message to delete not found",
  cantEdit: "Bad Request: message can't be edited",
  textEmpty: "Bad Request: message text is empty",
  tooLong: "Bad Request: message is too long",
  chatNotFound: "Bad Request: chat not found",
  buttonDataInvalid: "Bad Request: BUTTON_DATA_INVALID",
  textButton:
    "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
  queryTooOld: "Bad Request: query is too old and response timeout expired or query ID is invalid",
  answerTooLong: "Bad Request: MESSAGE_TOO_LONG",
  commandInvalid: "Bad Request: BOT_COMMAND_INVALID",
  commandDescriptionInvalid: "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID",
  methodNotFound: "Not Found: method not found",
  unauthorized: "Unauthorized",
  conflictOtherPoll:
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
  conflictWebhook:
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
  conflictSetWebhook: "Conflict: terminated by setWebhook request",
} as const;
