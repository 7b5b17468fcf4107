/**
 * The Bot API model for tests (it lives in src/preview/telegram-model/), plus what only tests need: fault injection.
 * `FakeTelegram` is the model with rules that make matching calls fail, drop or slow down, so reliability
 * tests can prove retries, timeouts and error answers against the same model every other test uses.
 */
import {
  BotApiModel,
  type BotApiModelOptions,
  type CallInterception,
  ERRORS,
  type ModelOutcome,
  TelegramApiError,
} from "../../src/preview/telegram-model/index.js";
import { toChatId } from "../../src/preview/telegram-model/values.js";

export { DEFAULT_BOT_INFO, FAKE_BOT_TOKEN } from "../../src/preview/telegram-model/bot-info.js";
export { formattedText } from "../../src/preview/telegram-model/entities.js";
export {
  type ApiErrorBody,
  type ApiResponse,
  badRequest,
  ERRORS,
  TelegramApiError,
} from "../../src/preview/telegram-model/errors.js";
export { validateReplyMarkup } from "../../src/preview/telegram-model/markup.js";
export type {
  ApiCall,
  HandlerContext,
  MethodHandler,
  Violation,
} from "../../src/preview/telegram-model/model.js";
export { type AbortSignalLike, isRecord } from "../../src/preview/telegram-model/values.js";
export type { WebhookState } from "../../src/preview/telegram-model/webhook.js";
export { LIMITS } from "../../src/telegram-limits.js";

/** How a call ended, for the transports (the model's outcome). */
export type FakeOutcome = ModelOutcome;

/** Options for a FakeTelegram. */
export type FakeTelegramOptions = BotApiModelOptions;

/** What a fault rule does to a matching call. */
export type Fault =
  | { kind: "error"; error_code: number; description?: string; retry_after?: number }
  | { kind: "drop" }
  | { kind: "delay"; ms: number };

/** Matches calls by method and chat, and applies a fault to the next `times` of them. */
export interface FaultRule {
  method?: string | RegExp;
  chatId?: number;
  /** How many matching calls to affect; default 1, Infinity allowed. */
  times?: number;
  fault: Fault;
}

interface ActiveFault {
  rule: FaultRule;
  remaining: number;
}

/** The Bot API model with fault injection. */
export class FakeTelegram extends BotApiModel {
  /** How many calls a fault rule has shaped. */
  faultsInjected = 0;
  private faults: ActiveFault[] = [];

  /** Makes the next `rule.times` matching calls fail, drop or slow down. */
  inject(rule: FaultRule): void {
    this.faults.push({ rule, remaining: rule.times ?? 1 });
  }

  /** Removes every fault rule (already-injected counts stay). */
  clearFaults(): void {
    this.faults = [];
  }

  /** Forgets recorded history (calls, violations, answer counts, fault count); chats and updates stay. */
  override clear(): void {
    super.clear();
    this.faultsInjected = 0;
  }

  protected override intercept(
    method: string,
    payload: Record<string, unknown>,
  ): CallInterception | undefined {
    const chatId = toChatId(payload.chat_id);
    for (const active of this.faults) {
      if (active.remaining <= 0) continue;
      const { rule } = active;
      if (rule.method !== undefined && !methodMatches(rule.method, method)) continue;
      if (rule.chatId !== undefined && rule.chatId !== chatId) continue;
      active.remaining--;
      this.faults = this.faults.filter((f) => f.remaining > 0);
      this.faultsInjected++;
      const { fault } = rule;
      return fault.kind === "error" ? { kind: "error", error: faultError(fault) } : fault;
    }
    return undefined;
  }
}

function methodMatches(pattern: string | RegExp, method: string): boolean {
  if (typeof pattern === "string") return pattern.toLowerCase() === method.toLowerCase();
  pattern.lastIndex = 0; // a /g or /y pattern would otherwise remember where it stopped
  return pattern.test(method);
}

function faultError(fault: {
  error_code: number;
  description?: string;
  retry_after?: number;
}): TelegramApiError {
  if (fault.error_code === 429) {
    const retryAfter = fault.retry_after ?? 1;
    return new TelegramApiError(429, fault.description ?? `Too Many Requests: retry after ${retryAfter}`, {
      retry_after: retryAfter,
    });
  }
  const defaults: Record<number, string> = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: ERRORS.conflictOtherPoll,
    500: "Internal Server Error",
    502: "Bad Gateway",
  };
  const description = fault.description ?? defaults[fault.error_code] ?? `Error ${fault.error_code}`;
  return fault.retry_after === undefined
    ? new TelegramApiError(fault.error_code, description)
    : new TelegramApiError(fault.error_code, description, { retry_after: fault.retry_after });
}
