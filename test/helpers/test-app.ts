import { Writable } from "node:stream";
import type { Update } from "grammy/types";
import pino from "pino";
import { type Config, parseConfig } from "../../src/config.js";
import { fixedCatalog } from "../../src/content/library.js";
import { loadStory } from "../../src/content/load.js";
import { type AppOverrides, buildApp } from "../../src/startup/build.js";
import { createMemoryStore } from "../../src/storage/index.js";
import { createTestBotOptions } from "./fake-fetch.js";
import { type ApiCall, FAKE_BOT_TOKEN, FakeTelegram } from "./fake-telegram.js";

const loaded = loadStory("test/fixtures/stories/putin-trump-call");
if (!loaded.ok) throw new Error("the story does not load");
/** The real story. */
export const story = loaded.story;

/** A parsed log line. */
export type LogLine = Record<string, unknown> & { level: number; msg: string };

/** The configuration `npm start` would build from `env` (plus the fake token). */
export function testConfig(env: Record<string, string> = {}): Config {
  const result = parseConfig({ BOT_TOKEN: FAKE_BOT_TOKEN, ...env });
  if (!result.ok) throw new Error(result.errors.join("\n"));
  return result.config;
}

/**
 * The app exactly as `buildApp` wires it for production (guards, retries, in-flight tracking), with a memory
 * store, the in-process fake Telegram and a logger whose lines the test can read. `send` delivers through
 * the inbox door, as the transports do.
 */
export function createTestApp(options: { env?: Record<string, string>; store?: AppOverrides["store"] } = {}) {
  const tg = new FakeTelegram();
  const logs: LogLine[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString("utf8").split("\n")) if (line) logs.push(JSON.parse(line) as LogLine);
      callback();
    },
  });
  const logger = pino({ level: "debug" }, destination);
  const store = options.store ?? createMemoryStore({ scope: "1000" });
  const config = testConfig(options.env);
  const app = buildApp(config, fixedCatalog([story]), logger, { store, botConfig: createTestBotOptions(tg) });

  /** Delivers an update and returns the API calls it caused. */
  async function send(update: Update): Promise<ApiCall[]> {
    const before = tg.calls.length;
    await tg.deliver(app.durable, update);
    return tg.calls.slice(before);
  }
  return { ...app, tg, logs, logger, config, send };
}
