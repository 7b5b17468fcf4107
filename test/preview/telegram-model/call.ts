/** Calls straight into a model, for the model's own tests: the body, the result, or the error text. */
import type { ApiResponse, BotApiModel } from "../../../src/preview/telegram-model/index.js";

/** Calls the model directly and returns the response body (these tests never inject drops). */
export async function call(
  tg: BotApiModel,
  method: string,
  payload: Record<string, unknown> = {},
): Promise<ApiResponse> {
  const outcome = await tg.handle(method, payload);
  if (outcome.kind !== "response") throw new Error(`${method} was dropped`);
  return outcome.body;
}

/** The result of a call that must succeed. */
export async function ok<T = unknown>(
  tg: BotApiModel,
  method: string,
  payload: Record<string, unknown> = {},
): Promise<T> {
  const body = await call(tg, method, payload);
  if (!body.ok) throw new Error(`${method} failed: ${body.description}`);
  return body.result as T;
}

/** The error description of a call that must fail. */
export async function fails(
  tg: BotApiModel,
  method: string,
  payload: Record<string, unknown>,
): Promise<string> {
  const body = await call(tg, method, payload);
  if (body.ok) throw new Error(`${method} unexpectedly succeeded`);
  return body.description;
}

/** A one-button inline keyboard with this callback data. */
export const button = (callback_data: string) => ({ inline_keyboard: [[{ text: "go", callback_data }]] });
