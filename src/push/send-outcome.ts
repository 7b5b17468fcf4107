import { GrammyError, HttpError } from "grammy";
import { OutgoingStopped } from "./outgoing-calls.js";

/**
 * What to do after a push call failed. Retried only when the failure is known to be before Telegram
 * accepted the message: a 429 (refused), a connection never made, a call the scheduler never started.
 * A lost answer (a reset or a time-out after the request went out) may have been delivered, so it is
 * recorded as failed and never resent: a reader is pushed twice only by a crash, never by a retry.
 */
export type SendOutcome =
  | { action: "retry"; reason: string }
  | { action: "stop"; reason: string }
  | { action: "migrate"; to: number }
  | { action: "fail"; reason: string };

/** Network errors raised before a request reaches the server. */
const BEFORE_SENDING = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

/** Telegram's 400s that mean the chat is gone for good. */
const CHAT_GONE =
  /chat not found|user is deactivated|bot was kicked|group chat was deleted|PEER_ID_INVALID|not a member|have no rights to send/i;

/** Classifies a failed push call (see {@link SendOutcome}). */
export function classifySendError(error: unknown): SendOutcome {
  if (error instanceof OutgoingStopped) return { action: "retry", reason: "stopping" };
  if (error instanceof GrammyError) {
    const to = error.parameters.migrate_to_chat_id;
    if (to !== undefined) return { action: "migrate", to };
    if (error.error_code === 429) return { action: "retry", reason: "429" };
    const reason = `${error.error_code}: ${error.description.slice(0, 120)}`;
    if (error.error_code === 403 || CHAT_GONE.test(error.description)) return { action: "stop", reason };
    return { action: "fail", reason };
  }
  if (error instanceof HttpError) {
    const code = networkCode(error.error);
    if (code !== undefined && BEFORE_SENDING.has(code)) return { action: "retry", reason: code };
    return { action: "fail", reason: `answer lost (${code ?? "network"}): may have been delivered` };
  }
  return { action: "fail", reason: error instanceof Error ? error.name : "unknown" };
}

function networkCode(error: unknown): string | undefined {
  for (let e = error, depth = 0; typeof e === "object" && e !== null && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
