/** Shared constants of the benchmark: the bot's identity, the story and the knobs of each figure. */

/** The test suite's fake token and bot (`<bot id>:<secret>`), accepted by the fake Bot API server. */
export {
  DEFAULT_BOT_INFO as BENCH_BOT_INFO,
  FAKE_BOT_TOKEN as BENCH_TOKEN,
} from "../test/helpers/fake-telegram.js";

/** The story folder the bot serves. */
export const STORY_DIR = "content/putin-trump-call";

/** The baseline's one fixed answer. */
export const BASELINE_TEXT = "OK";

/** Webhook secret used by both webhook servers (32+ characters of [A-Za-z0-9_-]). */
export const WEBHOOK_SECRET = "bench-secret-0123456789abcdefghijklmnop";
