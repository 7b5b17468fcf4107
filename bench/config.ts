/** Shared constants of the benchmark: the bot's identity, the story and the knobs of each figure. */
import type { UserFromGetMe } from "grammy/types";

/** The test suite's fake token (`<bot id>:<secret>`), accepted by the fake Bot API server. */
export const BENCH_TOKEN = "1000:AAFAKE-khabar-test-token";

/** What getMe would answer; passing it as `botInfo` skips grammY's start-up getMe call. */
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
