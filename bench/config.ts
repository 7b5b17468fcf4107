/** Shared constants of the benchmark: the bot's identity, the story and the knobs of each figure. */
import type { UserFromGetMe } from "grammy/types";

/**
 * The fake token (`<bot id>:<secret>`), the same as the test suite's, but defined here: the bench must not
 * load test helpers (the test fake's Bot API model is 1,600 lines, which would weigh on the baselines).
 */
export const BENCH_TOKEN = "1000:AAFAKE-khabar-test-token";

/** What the bench's fake getMe returns (the same bot as the tests' fake). */
export const BENCH_BOT_INFO: UserFromGetMe = {
  id: 1000,
  is_bot: true,
  first_name: "Khabar",
  username: "khabar_test_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: true,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

/** The story folder the bot serves. */
export const STORY_DIR = "content/putin-trump-call";

/** The baseline's one fixed answer. */
export const BASELINE_TEXT = "OK";

/** Webhook secret used by both webhook servers (32+ characters of [A-Za-z0-9_-]). */
export const WEBHOOK_SECRET = "bench-secret-0123456789abcdefghijklmnop";
