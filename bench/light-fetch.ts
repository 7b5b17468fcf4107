/**
 * A stateless in-process stand-in for the Bot API (see fake-answers.ts), for the in-process, memory and
 * round-trip figures, with optional latency per call. Every call is counted per method; `onCall` sees each
 * one (the round-trip figure times them, the in-process figure records khabar's calls for the reference bot).
 */
import { answerCall } from "./fake-answers.js";

/** Per-method call counts. */
export interface LightFetchStats {
  calls: Map<string, number>;
  total: number;
}

export interface LightFetch {
  fetch: typeof fetch;
  stats: LightFetchStats;
}

/** The one Response method grammY uses (`res.json()`); a real Response costs more than the bot under test. */
function respond(body: unknown): Response {
  return { ok: true, status: 200, json: () => Promise.resolve(body) } as unknown as Response;
}

function methodOf(href: string): string {
  return href.slice(href.lastIndexOf("/") + 1);
}

/** Creates a light fetch; `onCall` (optional) sees every call; `latencyMs` delays every answer. */
export function createLightFetch(
  onCall?: (method: string, body: string) => void,
  options: { latencyMs?: number } = {},
): LightFetch {
  const stats: LightFetchStats = { calls: new Map(), total: 0 };
  const latency = options.latencyMs ?? 0;
  const lightFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const href = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const method = methodOf(href);
    stats.total++;
    stats.calls.set(method, (stats.calls.get(method) ?? 0) + 1);
    const body = typeof init?.body === "string" ? init.body : "";
    onCall?.(method, body);
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
    return respond(answerCall(method, body));
  };
  return { fetch: lightFetch as typeof fetch, stats };
}
