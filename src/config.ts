import * as v from "valibot";
import type { Lang } from "./content/schema.js";
import { maskKnown } from "./secret-mask.js";

/** The token the preview bot runs with: shaped like a real one (the config checks it), never sent anywhere. */
export const PREVIEW_BOT_TOKEN = "1000:preview-embedded-bot-api-no-telegram";

/** How the bot receives updates. */
export type BotMode = "polling" | "webhook";

/** pino's levels, plus `silent`. */
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
/** A value of LOG_LEVEL. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Settings shared by both modes. */
interface BaseConfig {
  botToken: string;
  /** The bot's numeric id: the part of the token before the colon. Scopes all stored data. */
  botId: string;
  /** Where the webhook server listens (webhook mode only). */
  host: string;
  port: number;
  /** How long a claim on an update holds without renewal before another instance takes it over. */
  inboxLeaseSeconds: number;
  /** Polling mode: where `/healthz` is served for supervisors (on `host`); undefined = no HTTP server. */
  healthPort: number | undefined;
  /** A self-hosted Bot API server (or a local fake in tests); undefined = Telegram's. No trailing slash. */
  apiRoot: string | undefined;
  /** Set → Redis store (shared by instances); unset → one SQLite file in `dataDir`. */
  redisUrl: string | undefined;
  /** `REDIS_URL` is one node of a Redis Cluster (what managed Redis offers at scale): connect as a cluster client. */
  redisCluster: boolean;
  dataDir: string;
  contentDir: string;
  logLevel: LogLevel;
  /** Human-readable logs (pino-pretty) or JSON lines. */
  logFormat: "json" | "pretty";
  /** The interface language for clients that send no language code. */
  defaultLocale: Lang;
  /** Telegram's public HTTPS address for our webhook; when set, `setWebhook` is called on start. */
  webhookUrl: string | undefined;
  /** The local path the webhook server takes updates on. */
  webhookPath: string;
  /** The chat readers' error reports go to ("Report an error"); undefined = reports are not offered. */
  editorsChatId: number | undefined;
  /** Push messages a second for the whole bot (PUSH_RATE; above 30 only with paid broadcasts). */
  pushRate: number;
  /** PUSH_PAID=1: pushes are sent with `allow_paid_broadcast`. */
  pushPaid: boolean;
  /** CHANNEL_ID: a channel that also gets each new story and correction; undefined = none. */
  channelId: number | undefined;
  /** API_MAX_IN_FLIGHT: outgoing Bot API calls waiting for Telegram at once. */
  apiMaxInFlight: number;
}

/** The validated configuration. The webhook secret exists exactly when the mode needs it. */
export type Config = BaseConfig &
  ({ mode: "polling"; webhookSecret: string | undefined } | { mode: "webhook"; webhookSecret: string });

/** Either a configuration or one message per bad variable. */
export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };

/** What the environment cannot tell by itself. */
export interface ConfigContext {
  /** Whether stdout is a terminal: picks pretty logs when LOG_FORMAT is not set. */
  stdoutIsTTY?: boolean;
  /**
   * The preview runs the bot against the embedded Bot API: BOT_TOKEN is not needed (nor used) and the mode
   * is polling, whatever the environment says.
   */
  preview?: boolean;
}

const BOTFATHER_HINT =
  "BOT_TOKEN is not set: open @BotFather in Telegram (https://t.me/BotFather), send /newbot, and put the token it gives you in .env as BOT_TOKEN=<token>";
const TOKEN = /^(\d+):[A-Za-z0-9_-]{20,}$/;
const SECRET = /^[A-Za-z0-9_-]{32,256}$/;

/**
 * What a message says instead of the value. No value is ever echoed: a bad value is as often a secret pasted
 * on the wrong line of .env (a token in LOG_LEVEL) as a typo, and error messages end up in logs and CI
 * output. The operator has the value in front of them; the message says which variable and what it must be.
 */
const NOT_SHOWN = "(the value is not shown: it may be something pasted in the wrong place)";

/** A whole number from `min` to `max`, given as a string; one message for every way it can be wrong. */
function wholeNumber(name: string, min: number, max: number) {
  const message = `${name} must be a whole number from ${min} to ${max} ${NOT_SHOWN}`;
  return v.pipe(
    v.string(),
    v.regex(/^\d{1,5}$/, message),
    v.transform(Number),
    v.minValue(min, message),
    v.maxValue(max, message),
  );
}

function isHttpUrl(value: string, protocols: readonly string[]): boolean {
  try {
    return protocols.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

// Every message names its variable and says what is expected; no message echoes a value (see NOT_SHOWN).
const EnvSchema = v.object(
  {
    BOT_TOKEN: v.pipe(
      v.string(BOTFATHER_HINT),
      v.regex(
        TOKEN,
        "BOT_TOKEN does not look like a bot token: expected <bot id>:<secret> exactly as @BotFather gives it (check for a truncated paste, spaces or quotes)",
      ),
    ),
    BOT_MODE: v.optional(
      v.picklist(["polling", "webhook"], `BOT_MODE must be "polling" or "webhook" ${NOT_SHOWN}`),
      "polling",
    ),
    WEBHOOK_URL: v.optional(
      v.pipe(
        v.string(),
        v.check(
          (value) => isHttpUrl(value, ["https:"]),
          `WEBHOOK_URL must be the public https:// address Telegram posts updates to ${NOT_SHOWN}`,
        ),
      ),
    ),
    WEBHOOK_PATH: v.optional(
      v.pipe(
        v.string(),
        v.regex(
          /^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/,
          `WEBHOOK_PATH must be a URL path starting with "/" ${NOT_SHOWN}`,
        ),
      ),
      "/webhook",
    ),
    WEBHOOK_SECRET: v.optional(
      v.pipe(
        v.string(),
        v.regex(
          SECRET,
          (issue) =>
            `WEBHOOK_SECRET must be 32 to 256 characters of A-Z, a-z, 0-9, "_" and "-" (it has ${String(issue.input).length} characters; generate one with: openssl rand -hex 32)`,
        ),
      ),
    ),
    HOST: v.optional(v.string(), "0.0.0.0"),
    PORT: v.optional(wholeNumber("PORT", 0, 65535), "8080"),
    INBOX_LEASE_SECONDS: v.optional(wholeNumber("INBOX_LEASE_SECONDS", 2, 3600), "60"),
    HEALTH_PORT: v.optional(wholeNumber("HEALTH_PORT", 0, 65535)),
    BOT_API_ROOT: v.optional(
      v.pipe(
        v.string(),
        v.check(
          (value) => isHttpUrl(value, ["http:", "https:"]),
          `BOT_API_ROOT must be an http(s) URL of a Bot API server ${NOT_SHOWN}`,
        ),
        // grammY builds `${apiRoot}/bot<token>/<method>` and rejects a trailing slash.
        v.transform((value) => value.replace(/\/+$/, "")),
      ),
    ),
    REDIS_URL: v.optional(
      v.pipe(
        v.string(),
        v.check(
          (value) => isHttpUrl(value, ["redis:", "rediss:"]),
          `REDIS_URL must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379 ${NOT_SHOWN}`,
        ),
      ),
    ),
    REDIS_CLUSTER: v.optional(
      v.pipe(
        v.picklist(["0", "1", "false", "true", "no", "yes"], `REDIS_CLUSTER must be 1 or 0 ${NOT_SHOWN}`),
        v.transform((value) => value === "1" || value === "true" || value === "yes"),
      ),
      "0",
    ),
    DATA_DIR: v.optional(v.string(), "./data"),
    CONTENT_DIR: v.optional(v.string(), "content"),
    LOG_LEVEL: v.optional(
      v.picklist(LOG_LEVELS, `LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")} ${NOT_SHOWN}`),
      "info",
    ),
    LOG_FORMAT: v.optional(
      v.picklist(["json", "pretty"], `LOG_FORMAT must be "json" or "pretty" ${NOT_SHOWN}`),
    ),
    EDITORS_CHAT_ID: v.optional(
      v.pipe(
        v.string(),
        v.regex(
          /^-?[1-9]\d{0,15}$/,
          `EDITORS_CHAT_ID must be the numeric id of the editors' chat, such as -1001234567890 for a group ${NOT_SHOWN}`,
        ),
        v.transform(Number),
      ),
    ),
    PUSH_RATE: v.optional(wholeNumber("PUSH_RATE", 1, 1000), "25"),
    PUSH_PAID: v.optional(v.picklist(["0", "1"], `PUSH_PAID must be 0 or 1 ${NOT_SHOWN}`), "0"),
    CHANNEL_ID: v.optional(
      v.pipe(
        v.string(),
        v.regex(
          /^-100\d{5,13}$/,
          "CHANNEL_ID must be a channel's numeric id, -100 followed by digits (forward a channel post to @userinfobot to see it)",
        ),
        v.transform(Number),
      ),
    ),
    API_MAX_IN_FLIGHT: v.optional(wholeNumber("API_MAX_IN_FLIGHT", 1, 100), "10"),
    DEFAULT_LOCALE: v.optional(
      v.picklist(["ar", "en"], `DEFAULT_LOCALE must be "ar" or "en" ${NOT_SHOWN}`),
      "ar",
    ),
  },
  // Only required variables can be missing, and BOT_TOKEN is the only one.
  (issue) =>
    issue.path?.[0]?.key === "BOT_TOKEN" ? BOTFATHER_HINT : `${String(issue.path?.[0]?.key)} is required`,
);

/**
 * Validates the environment. Pure (the caller loads `.env` first), so tests can feed any environment.
 * Reports every bad variable at once, one message each, so an operator fixes them in one go; an empty
 * value counts as unset, as `FOO=` in a `.env` file usually means "not configured".
 */
export function parseConfig(
  env: Readonly<Record<string, string | undefined>>,
  context: ConfigContext = {},
): ConfigResult {
  const input: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value.trim() !== "") input[key] = value;
  }
  if (context.preview === true) {
    input.BOT_TOKEN = PREVIEW_BOT_TOKEN;
    input.BOT_MODE = "polling";
  }

  const errors = new Map<string, string>();
  const parsed = v.safeParse(EnvSchema, input, { abortEarly: false });
  if (!parsed.success) {
    for (const issue of parsed.issues) {
      const key = issue.path?.[0]?.key;
      const name = typeof key === "string" ? key : "environment";
      if (!errors.has(name)) errors.set(name, issue.message);
    }
  }
  // Cross-variable rule, checked on the raw input so it is reported even when other variables are bad.
  if (input.BOT_MODE === "webhook" && input.WEBHOOK_SECRET === undefined && !errors.has("WEBHOOK_SECRET")) {
    errors.set(
      "WEBHOOK_SECRET",
      'WEBHOOK_SECRET is required when BOT_MODE=webhook: 32 to 256 characters of A-Z, a-z, 0-9, "_" and "-" (generate one with: openssl rand -hex 32)',
    );
  }
  if (
    input.PUSH_PAID !== "1" &&
    Number(input.PUSH_RATE) > 30 &&
    !errors.has("PUSH_RATE") &&
    /^\d+$/.test(input.PUSH_RATE ?? "")
  ) {
    errors.set(
      "PUSH_RATE",
      "PUSH_RATE above 30 needs paid broadcasts: set PUSH_PAID=1 (and enable them in @BotFather), or keep PUSH_RATE at 30 or less",
    );
  }
  if (errors.size > 0 || !parsed.success) {
    // Belt and braces: whatever a message quotes, the token and the webhook secret never show.
    const known = [input.BOT_TOKEN, input.BOT_TOKEN?.split(":")[1], input.WEBHOOK_SECRET].filter(
      (secret): secret is string => secret !== undefined && secret.length >= 6,
    );
    return { ok: false, errors: [...errors.values()].map((message) => maskKnown(message, known)) };
  }

  const out = parsed.output;
  const botId = TOKEN.exec(out.BOT_TOKEN)?.[1] ?? "";
  const nodeEnv = env.NODE_ENV;
  const pretty =
    out.LOG_FORMAT === undefined
      ? nodeEnv === "development" || (context.stdoutIsTTY === true && nodeEnv !== "production")
      : out.LOG_FORMAT === "pretty";
  const base: BaseConfig = {
    botToken: out.BOT_TOKEN,
    botId,
    host: out.HOST,
    port: out.PORT,
    healthPort: out.HEALTH_PORT,
    inboxLeaseSeconds: out.INBOX_LEASE_SECONDS,
    apiRoot: out.BOT_API_ROOT,
    redisUrl: out.REDIS_URL,
    redisCluster: out.REDIS_CLUSTER,
    dataDir: out.DATA_DIR,
    contentDir: out.CONTENT_DIR,
    logLevel: out.LOG_LEVEL,
    logFormat: pretty ? "pretty" : "json",
    defaultLocale: out.DEFAULT_LOCALE,
    webhookUrl: out.WEBHOOK_URL,
    webhookPath: out.WEBHOOK_PATH,
    editorsChatId: out.EDITORS_CHAT_ID,
    pushRate: out.PUSH_RATE,
    pushPaid: out.PUSH_PAID === "1",
    channelId: out.CHANNEL_ID,
    apiMaxInFlight: out.API_MAX_IN_FLIGHT,
  };
  if (out.BOT_MODE === "webhook") {
    if (out.WEBHOOK_SECRET === undefined) return { ok: false, errors: ["WEBHOOK_SECRET is required"] };
    return { ok: true, config: { ...base, mode: "webhook", webhookSecret: out.WEBHOOK_SECRET } };
  }
  return { ok: true, config: { ...base, mode: "polling", webhookSecret: out.WEBHOOK_SECRET } };
}

/**
 * The values no log line may contain: the token, its secret half (so URL-encoded forms are caught too), the
 * webhook secret and a Redis password.
 */
export function secretsOf(config: Config): string[] {
  const secrets = [config.botToken, config.botToken.slice(config.botToken.indexOf(":") + 1)];
  if (config.webhookSecret !== undefined) secrets.push(config.webhookSecret);
  if (config.redisUrl !== undefined) {
    try {
      // ioredis takes the password from the userinfo or from `?password=` (any query option).
      const url = new URL(config.redisUrl);
      const password = decodeURIComponent(url.password);
      if (password !== "") secrets.push(password);
      const query = url.searchParams.get("password");
      if (query !== null && query !== "" && query !== password) secrets.push(query);
    } catch {
      // Validated earlier; nothing to add.
    }
  }
  return secrets;
}
