import type { Logger } from "pino";
import { type Config, parseConfig, secretsOf } from "../config.js";
import { createLogger } from "../logger.js";
import { type PreviewRequest, previewRequest } from "./preview-request.js";

/** Whether this start is a preview (`npm run preview`, or no token outside production); exits 1 on a bad command line. */
export function readPreviewRequest(): PreviewRequest | undefined {
  try {
    return previewRequest(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(`khabar: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

/** The configuration from the environment; exits 1 listing what is wrong (values never echoed). */
export function readConfig(preview: boolean): Config {
  const parsed = parseConfig(process.env, { stdoutIsTTY: process.stdout.isTTY === true, preview });
  if (!parsed.ok) {
    for (const error of parsed.errors) console.error(`khabar: ${error}`);
    process.exit(1);
  }
  return parsed.config;
}

/**
 * The redacting logger, also for what would otherwise reach stderr raw: Node prints uncaught exceptions
 * and unhandled rejections past it.
 */
export async function processLogger(config: Config): Promise<Logger> {
  const logger = await createLogger({
    level: config.logLevel,
    format: config.logFormat,
    secrets: secretsOf(config),
  });
  process.on("uncaughtException", (error) => {
    logger.fatal({ err: error }, "uncaught exception");
    process.exit(1);
  });
  process.on("unhandledRejection", (reason) => {
    logger.fatal({ err: reason }, "unhandled promise rejection");
    process.exit(1);
  });
  return logger;
}
