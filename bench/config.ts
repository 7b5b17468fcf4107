/** Shared constants of the benchmark: the bot's identity, the story and the knobs of each figure. */
import { DEFAULT_BOT_INFO, FAKE_BOT_TOKEN } from "../src/preview/telegram-model/bot-info.js";

/**
 * The bot's identity, from the Bot API model's small identity module (`src/preview/telegram-model/bot-info.ts`, no
 * dependencies) rather than from the test helpers: the bench must not load the test suite's fault
 * injection or the whole model, which would weigh on the baselines.
 */
export const BENCH_TOKEN = FAKE_BOT_TOKEN;

/** What the bench's fake getMe returns (the same bot as the tests' fake). */
export const BENCH_BOT_INFO = DEFAULT_BOT_INFO;

/** The story folder the bot serves. */
export const STORY_DIR = "test/fixtures/stories/putin-trump-call";

/** The baseline's one fixed answer. */
export const BASELINE_TEXT = "OK";

/** Webhook secret used by both webhook servers (32+ characters of [A-Za-z0-9_-]). */
export const WEBHOOK_SECRET = "bench-secret-0123456789abcdefghijklmnop";
