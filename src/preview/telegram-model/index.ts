/**
 * The Bot API model as a component: the model, its in-process transport, and the limits, errors and
 * parsers it checks with.
 */

export { LIMITS } from "../../telegram-limits.js";
export { DEFAULT_BOT_INFO, FAKE_BOT_TOKEN } from "./bot-info.js";
export { formattedText } from "./entities.js";
export { type ApiErrorBody, type ApiResponse, badRequest, ERRORS, TelegramApiError } from "./errors.js";
export { createModelFetch, modelBotOptions, parseBotApiPath } from "./fetch.js";
export { validateReplyMarkup } from "./markup.js";
export {
  type ApiCall,
  BotApiModel,
  type BotApiModelOptions,
  type CallInterception,
  type HandlerContext,
  type MethodHandler,
  type ModelOutcome,
  type Violation,
} from "./model.js";
export { type AbortSignalLike, isRecord } from "./values.js";
export type { WebhookState } from "./webhook.js";
