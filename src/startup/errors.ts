import { type Api, GrammyError, HttpError } from "grammy";

/**
 * Turns an error that stops the bot (at start, or polling ending by itself) into one line an operator can
 * act on. Never includes request URLs (which hold the token); the logger redacts them anyway.
 */
export function describeFatal(error: unknown): string {
  if (error instanceof GrammyError && error.error_code === 409) {
    return `Telegram refused ${error.method} with 409 Conflict (${error.description}): another process is polling with this BOT_TOKEN, or a webhook is set. Stop the other instance; to run several instances use BOT_MODE=webhook with REDIS_URL.`;
  }
  if (error instanceof GrammyError && error.error_code === 401) {
    return `Telegram rejected BOT_TOKEN (401 Unauthorized on ${error.method}): the token is wrong or was revoked; get the current one from @BotFather.`;
  }
  if (error instanceof GrammyError && error.error_code >= 500) {
    return `the Bot API failed on ${error.method} with a server error (${error.error_code} ${error.description}), several times; Telegram (or a proxy in front of BOT_API_ROOT) is having trouble: try again later`;
  }
  if (error instanceof GrammyError) {
    return `Telegram refused ${error.method}: ${error.error_code} ${error.description}`;
  }
  if (error instanceof HttpError && notJson(error.error)) {
    return `the Bot API answered ${error.message.match(/'(\w+)'/)?.[1] ?? "a call"} with something that is not JSON (an HTML error page from a proxy?); check BOT_API_ROOT if set, or try again later`;
  }
  if (error instanceof StartTimeout && error.last !== undefined) {
    return `the Bot API gave no usable answer within ${error.ms / 1000} s; the last attempt: ${describeFatal(error.last)}`;
  }
  if (error instanceof StartTimeout) {
    return `the Bot API did not answer within ${error.ms / 1000} s; check the network, or BOT_API_ROOT if set`;
  }
  if (error instanceof HttpError) {
    return `cannot reach the Bot API (${error.message}); check the network, or BOT_API_ROOT if set`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** A body that failed to parse as JSON: SyntaxError from fetch's `json()`, or node-fetch's "invalid-json". */
function notJson(cause: unknown): boolean {
  if (cause instanceof SyntaxError) return true;
  return typeof cause === "object" && cause !== null && "type" in cause && cause.type === "invalid-json";
}

/**
 * How long start-up waits for the Bot API's first answer. Without a bound, an unreachable Telegram (a
 * firewall that drops packets) would keep the process silent for minutes of TCP and retry timeouts.
 */
export const START_TIMEOUT_MS = 30_000;

/** The Bot API did not answer in time at start-up; `last` is the last failed attempt, if any. */
export class StartTimeout extends Error {
  constructor(
    readonly ms: number,
    readonly last?: unknown,
  ) {
    super(`no answer from the Bot API within ${ms} ms`);
    this.name = "StartTimeout";
  }
}

/** Rejects with `onTimeout()` when `promise` has not settled within `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Remembers the last failure of the calls start-up makes (getMe, deleteWebhook), which grammY's `init`
 * retries by itself until they work: when start-up gives up, the operator reads what the Bot API actually
 * answered (a 5xx, an HTML page) instead of only "no answer".
 */
export function watchStartFailures(api: Api): () => unknown {
  let last: unknown;
  api.config.use(async (prev, method, payload, signal) => {
    if (method !== "getMe" && method !== "deleteWebhook") return prev(method, payload, signal);
    try {
      const result = await prev(method, payload, signal);
      if (!result.ok) last = new GrammyError(`Call to '${method}' failed!`, result, method, payload);
      return result;
    } catch (error) {
      last = error;
      throw error;
    }
  });
  return () => last;
}
