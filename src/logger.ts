import pino, { type DestinationStream, type Logger } from "pino";
import type { LogLevel } from "./config.js";

/** What a redacted secret is replaced with. */
export const REDACTED = "[redacted]";

/** Secrets shorter than this are not redacted: replacing a few common characters would garble every line. */
const MIN_SECRET_LENGTH = 6;

/**
 * Returns a function that removes every secret from a serialized log line. It works on the final text, not
 * on known fields, because the token hides in places no field list can foresee: grammY and node-fetch errors
 * quote the request URL (`…/bot<token>/sendMessage`), nested `cause`s, stack traces. Longest secrets first,
 * so a secret that contains another is replaced whole; the JSON-escaped form is covered too.
 */
export function secretRedactor(secrets: readonly string[]): (line: string) => string {
  const needles = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue;
    needles.add(secret);
    needles.add(JSON.stringify(secret).slice(1, -1));
    needles.add(encodeURIComponent(secret));
  }
  const ordered = [...needles].sort((a, b) => b.length - a.length);
  if (ordered.length === 0) return (line) => line;
  return (line) => {
    let out = line;
    for (const needle of ordered) {
      if (out.includes(needle)) out = out.split(needle).join(REDACTED);
    }
    return out;
  };
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
      hooks: { streamWrite: secretRedactor(options.secrets) },
    },
    destination,
  );
  if (prettyMissing) logger.warn("pino-pretty is not installed: logging JSON lines instead");
  return logger;
}
