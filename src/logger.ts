import pino, { type DestinationStream, type Logger } from "pino";
import type { LogLevel } from "./config.js";

/** What a redacted secret is replaced with. */
export const REDACTED = "[redacted]";

/** Secrets shorter than this are redacted only in known positions: replacing a few common characters everywhere would garble every line. */
const MIN_SECRET_LENGTH = 6;

/**
 * Places where a secret sits whatever its length or value, redacted in every line: the password of any URL
 * (`scheme://user:password@`), credential query parameters (`?password=`, `token=`, …) and JSON fields
 * named like credentials.
 */
const POSITIONS: ReadonlyArray<[RegExp, string]> = [
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^\s/?#@:"]*:)[^\s/?#@"]*@/gi, `$1${REDACTED}@`],
  [/([?&](?:password|pass|pwd|secret|token|auth)=)[^&\s"#]*/gi, `$1${REDACTED}`],
  [/("(?:password|pass|pwd|secret|secret_token|token|auth)"\s*:\s*)"(?:[^"\\]|\\.)*"/gi, `$1"${REDACTED}"`],
];

/**
 * Returns a function that removes every secret from a serialized log line. It works on the final text, not
 * on known fields, because the token hides in places no field list can foresee: grammY and node-fetch errors
 * quote the request URL (`…/bot<token>/sendMessage`), nested `cause`s, stack traces. Longest secrets first,
 * so a secret that contains another is replaced whole; the JSON-escaped and URL-encoded forms are covered
 * too. A secret shorter than 6 characters is replaced where it stands as a whole JSON string (`"abc"`), and
 * like every secret wherever {@link POSITIONS} puts one.
 */
export function secretRedactor(secrets: readonly string[]): (line: string) => string {
  const needles = new Set<string>();
  const whole = new Set<string>();
  for (const secret of secrets) {
    if (secret === "") continue;
    if (secret.length < MIN_SECRET_LENGTH) {
      whole.add(JSON.stringify(secret));
      continue;
    }
    needles.add(secret);
    needles.add(JSON.stringify(secret).slice(1, -1));
    needles.add(encodeURIComponent(secret));
  }
  const ordered = [...needles].sort((a, b) => b.length - a.length);
  const quoted = JSON.stringify(REDACTED);
  return (line) => {
    let out = line;
    for (const needle of ordered) {
      if (out.includes(needle)) out = out.split(needle).join(REDACTED);
    }
    for (const value of whole) {
      if (out.includes(value)) out = out.split(value).join(quoted);
    }
    for (const [pattern, replacement] of POSITIONS) out = out.replace(pattern, replacement);
    return out;
  };
}

/** Keys of a failed call's payload that identify, never quote: ids and flags. */
const isPlain = (value: unknown): boolean => typeof value === "number" || typeof value === "boolean";

/**
 * pino's error serializer, minus what errors drag along that no log may show: ioredis' `command.args`
 * (the values written, AUTH's password) becomes the command's name; a failed Bot API call's `payload`
 * (the text sent, which may quote a reader) keeps only its numeric ids and flags. Applied to causes too.
 */
export function safeErrorSerializer(error: unknown): unknown {
  const serialized = pino.stdSerializers.err(error as Error) as unknown;
  return scrub(serialized, 0);
}

function scrub(value: unknown, depth: number): unknown {
  if (depth > 5 || typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (key === "command" && typeof field === "object" && field !== null) {
      out.command = (field as { name?: unknown }).name;
    } else if (key === "args" || key === "previousErrors") {
    } else if (key === "payload" && typeof field === "object" && field !== null) {
      out.payload = Object.fromEntries(Object.entries(field).filter(([, v]) => isPlain(v)));
    } else {
      out[key] = scrub(field, depth + 1);
    }
  }
  return out;
}

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  level: LogLevel;
  /** `pretty` uses pino-pretty when it is installed (a dev dependency) and falls back to JSON otherwise. */
  format: "json" | "pretty";
  /** Values that must never reach the output (see {@link secretRedactor}). */
  secrets: readonly string[];
  /** Where lines go (default: stdout, written synchronously so nothing is lost on `process.exit`). */
  destination?: DestinationStream;
}

/**
 * Creates the process logger: JSON lines on stdout (one object per line, for log collectors), or readable
 * lines in development. Every line passes through the secret redactor at the stream level
 * (`hooks.streamWrite`), so no code path — our logs, serialized errors, pretty output — can print the token.
 */
export async function createLogger(options: LoggerOptions): Promise<Logger> {
  let destination = options.destination ?? pino.destination({ dest: 1, sync: true });
  let prettyMissing = false;
  if (options.format === "pretty" && options.destination === undefined) {
    try {
      const { default: pretty } = await import("pino-pretty");
      destination = pretty({ sync: true, translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname" });
    } catch {
      // `npm ci --omit=dev` leaves pino-pretty out; JSON is still perfectly usable.
      prettyMissing = true;
    }
  }
  const logger = pino(
    {
      level: options.level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: { err: safeErrorSerializer },
      hooks: { streamWrite: secretRedactor(options.secrets) },
    },
    destination,
  );
  if (prettyMissing) logger.warn("pino-pretty is not installed: logging JSON lines instead");
  return logger;
}
