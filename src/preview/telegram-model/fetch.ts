/**
 * The in-process transport: a `fetch` that grammY calls instead of the network, answered by a model. Tests
 * use it because it is fast and deterministic; the embedded preview uses it to run the real bot without
 * Telegram (grammY's `client.fetch`).
 */
import type { ApiClientOptions } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { BotApiModel } from "./model.js";
import { type AbortSignalLike, isRecord } from "./values.js";

/**
 * Splits a Bot API URL (`<apiRoot>/bot<token>/<method>`, or `/bot<token>/test/<method>` for grammY's test
 * environment) into token and method, or returns undefined if it is not one.
 */
export function parseBotApiPath(pathname: string): { token: string; method: string } | undefined {
  const match = /^\/bot([^/]+)\/(?:test\/)?([^/]+)\/?$/.exec(pathname);
  if (!match?.[1] || !match[2]) return undefined;
  return { token: decodeURIComponent(match[1]), method: decodeURIComponent(match[2]) };
}

/**
 * A `fetch` that answers Bot API calls from `model`. It honours grammY's abort signal (bot.stop() and
 * timeouts abort the pending long poll), turns a "drop" into the TypeError a failed fetch rejects with,
 * and rejects clearly on multipart bodies (file uploads), which the model does not cover.
 */
export function createModelFetch(model: BotApiModel): typeof fetch {
  const modelFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const href = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const url = new URL(href);
    const route = parseBotApiPath(url.pathname);
    if (!route) {
      return Response.json({ ok: false, error_code: 404, description: "Not Found" }, { status: 404 });
    }
    const payload: Record<string, unknown> = Object.fromEntries(url.searchParams);
    const body = init?.body;
    if (typeof body === "string") {
      if (body !== "") {
        const parsed: unknown = JSON.parse(body);
        if (!isRecord(parsed))
          throw new TypeError(`fake fetch: the ${route.method} body is not a JSON object`);
        Object.assign(payload, parsed);
      }
    } else if (body !== undefined && body !== null) {
      throw new TypeError(
        `fake fetch: ${route.method} was sent a non-JSON body (grammY streams multipart/form-data when a payload contains an InputFile); the fake Bot API only models JSON calls`,
      );
    }
    // grammY passes the abort-controller polyfill's signal, which is duck-typed like the real one.
    const signal = (init?.signal ?? undefined) as AbortSignalLike | undefined;
    const outcome = await model.handle(route.method, payload, signal ? { signal } : {});
    if (outcome.kind === "drop") {
      const cause = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
      throw new TypeError("fetch failed", { cause });
    }
    return Response.json(outcome.body, { status: outcome.status });
  };
  return modelFetch as typeof fetch;
}

/**
 * Bot options wired to `model`: `new Bot(FAKE_BOT_TOKEN, modelBotOptions(model))`. Extra client options
 * (timeoutSeconds, apiRoot, …) pass through; `fetch` is always the model's.
 */
export function modelBotOptions(
  model: BotApiModel,
  client: Omit<ApiClientOptions, "fetch"> = {},
): { botInfo: UserFromGetMe; client: ApiClientOptions } {
  return { botInfo: model.botInfo, client: { ...client, fetch: createModelFetch(model) } };
}
