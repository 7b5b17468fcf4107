/** setWebhook's checks: an HTTPS URL on one of Telegram's ports, a well-formed secret, max_connections. */
import { badRequest } from "./errors.js";
import { toInt } from "./values.js";

/** The webhook the bot has set, as getWebhookInfo reports it plus the secret tests may check. */
export interface WebhookState {
  url: string;
  secret_token?: string;
  allowed_updates?: string[];
  max_connections?: number;
}

/** Reads a setWebhook payload: the webhook to set, or undefined for an empty URL (removes it). */
export function parseSetWebhook(p: Record<string, unknown>): WebhookState | undefined {
  const url = typeof p.url === "string" ? p.url : "";
  if (url === "") return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw badRequest("invalid webhook URL specified");
  }
  if (parsed.protocol !== "https:")
    throw badRequest("bad webhook: An HTTPS URL must be provided for webhook");
  if (!["", "80", "88", "443", "8443"].includes(parsed.port)) {
    throw badRequest("bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443");
  }
  const webhook: WebhookState = { url };
  if (p.secret_token !== undefined) {
    if (typeof p.secret_token !== "string" || !/^[A-Za-z0-9_-]{1,256}$/.test(p.secret_token)) {
      throw badRequest("secret token contains unallowed characters");
    }
    webhook.secret_token = p.secret_token;
  }
  const maxConnections = toInt(p.max_connections);
  if (maxConnections !== undefined) {
    if (maxConnections < 1 || maxConnections > 100) throw badRequest("invalid max_connections specified");
    webhook.max_connections = maxConnections;
  }
  if (Array.isArray(p.allowed_updates)) {
    webhook.allowed_updates = p.allowed_updates.filter((u): u is string => typeof u === "string");
  }
  return webhook;
}
