/**
 * Answers to queries: answerCallbackQuery, answerInlineQuery and answerGuestQuery. Each query can be answered once; every
 * attempt is counted, so tests can assert "answered exactly once" and the preview can show the answer.
 */

import { LIMITS } from "../../telegram-limits.js";
import { badRequest, ERRORS, TelegramApiError } from "./errors.js";
import { validateGuestResult, validateInlineAnswer } from "./inline-results.js";

/** The answers given so far, per query id. */
export class QueryAnswers {
  /** answerCallbackQuery attempts per callback_query_id (failed ones count too). */
  readonly callbackAttempts = new Map<string, number>();
  /** answerInlineQuery attempts per inline_query_id. */
  readonly inlineAttempts = new Map<string, number>();
  private readonly answeredCallbacks = new Set<string>();
  /** answerGuestQuery attempts per guest_query_id. */
  readonly guestAttempts = new Map<string, number>();
  /** The result each guest query was answered with: the message the bot sent into the guest chat. */
  readonly guestResults = new Map<string, Record<string, unknown>>();
  private readonly answeredInline = new Set<string>();

  /** Unbounded without `keep`; otherwise the newest `keep` ids of each kind are remembered. */
  constructor(private readonly keep?: number) {}

  private bound(): void {
    if (this.keep === undefined) return;
    for (const collection of [
      this.callbackAttempts,
      this.inlineAttempts,
      this.answeredCallbacks,
      this.answeredInline,
    ]) {
      for (const id of collection.keys()) {
        if (collection.size <= this.keep) break;
        collection.delete(id);
      }
    }
  }

  /** Forgets the attempt counts (answered ids stay answered, as they do in Telegram). */
  clearCounts(): void {
    this.callbackAttempts.clear();
    this.inlineAttempts.clear();
    this.guestAttempts.clear();
  }

  /** answerCallbackQuery: once per id, with a notification text of at most 200 characters. */
  answerCallbackQuery(p: Record<string, unknown>): true {
    const id = typeof p.callback_query_id === "string" ? p.callback_query_id : "";
    this.callbackAttempts.set(id, (this.callbackAttempts.get(id) ?? 0) + 1);
    this.bound();
    if (id === "" || this.answeredCallbacks.has(id)) throw new TelegramApiError(400, ERRORS.queryTooOld);
    if (p.text !== undefined) {
      if (typeof p.text !== "string") throw badRequest("text must be a string");
      if ([...p.text].length > LIMITS.callbackAnswerText) throw badRequest("MESSAGE_TOO_LONG");
    }
    this.answeredCallbacks.add(id);
    return true;
  }

  /** answerInlineQuery: once per id, with results within Telegram's limits. */
  answerInlineQuery(p: Record<string, unknown>): true {
    const id = typeof p.inline_query_id === "string" ? p.inline_query_id : "";
    this.inlineAttempts.set(id, (this.inlineAttempts.get(id) ?? 0) + 1);
    this.bound();
    if (id === "" || this.answeredInline.has(id)) throw new TelegramApiError(400, ERRORS.queryTooOld);
    validateInlineAnswer(p);
    this.answeredInline.add(id);
    return true;
  }

  /**
   * answerGuestQuery: once per guest_query_id, with one result within inline mode's limits; the message
   * it sends is an inline message, so Telegram returns its inline_message_id.
   */
  answerGuestQuery(p: Record<string, unknown>): { inline_message_id: string } {
    const id = typeof p.guest_query_id === "string" ? p.guest_query_id : "";
    this.guestAttempts.set(id, (this.guestAttempts.get(id) ?? 0) + 1);
    if (id === "" || this.guestResults.has(id)) throw new TelegramApiError(400, ERRORS.queryTooOld);
    validateGuestResult(p.result);
    this.guestResults.set(id, p.result as Record<string, unknown>);
    return { inline_message_id: `guest-${id}` };
  }
}
