/** The real khabar app as `buildApp` wires it for production, over a fetch the benchmark chooses. */

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseConfig } from "../src/config.js";
import { fixedCatalog } from "../src/content/library.js";
import { loadStory } from "../src/content/load.js";
import type { Story } from "../src/content/story.js";
import { createLogger } from "../src/logger.js";
import { type App, buildApp } from "../src/startup/build.js";
import { createMemoryStore, createSqliteStore } from "../src/storage/index.js";
import { BENCH_BOT_INFO, BENCH_TOKEN, STORY_DIR } from "./config.js";

/** Which store backs the app: the production default (SQLite in DATA_DIR), explicit SQLite, or memory. */
export type StoreChoice = "default" | "sqlite" | "memory";

export interface BenchApp {
  app: App;
  /** Closes the store and removes the temporary data directory. */
  close(): Promise<void>;
}

let cachedStory: Story | undefined;

/** The real story, loaded and checked once per process. */
export function benchStory(): Story {
  if (cachedStory) return cachedStory;
  const loaded = loadStory(STORY_DIR);
  if (!loaded.ok) throw new Error(`the story does not load: ${JSON.stringify(loaded.problems)}`);
  cachedStory = loaded.story;
  return cachedStory;
}

/** A sink for log lines: production logs at LOG_LEVEL=warn, so per-update lines never reach it anyway. */
const devNull = { write: (_line: string) => undefined };

/** Builds khabar with its production guards, a `warn` logger and the given store, over `fetch`. */
export async function createKhabarApp(options: {
  store: StoreChoice;
  fetch: typeof fetch;
}): Promise<BenchApp> {
  const dataDir = mkdtempSync(join(tmpdir(), "khabar-bench-"));
  const parsed = parseConfig({
    BOT_TOKEN: BENCH_TOKEN,
    DATA_DIR: dataDir,
    LOG_LEVEL: "warn",
    LOG_FORMAT: "json",
  });
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  const { config } = parsed;
  const logger = await createLogger({
    level: "warn",
    format: "json",
    secrets: [BENCH_TOKEN],
    destination: devNull,
  });
  const store =
    options.store === "memory"
      ? createMemoryStore({ scope: config.botId })
      : options.store === "sqlite"
        ? // Held by this process alone, as `openStore` opens it for polling (the mode these figures stand for).
          createSqliteStore({ dir: dataDir, scope: config.botId, exclusive: true })
        : undefined;
  const app = buildApp(config, fixedCatalog([benchStory()]), logger, {
    ...(store ? { store } : {}),
    botConfig: { botInfo: BENCH_BOT_INFO, client: { fetch: options.fetch } },
    // The benchmark sends thousands of inline queries a second to measure what answering one costs; the
    // production cap would leave most unanswered (and cheap), so it is lifted here.
    inlineGlobal: { perSecond: Number.POSITIVE_INFINITY, atOnce: Number.POSITIVE_INFINITY },
  });
  return {
    app,
    async close() {
      await app.store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
