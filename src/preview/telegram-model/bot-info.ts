/**
 * Who the modelled bot is: the getMe answer and a token shaped like a real one. Tests, benchmarks and the
 * embedded preview all run as this bot unless they say otherwise.
 */
import type { UserFromGetMe } from "grammy/types";

/** A token whose numeric prefix matches the fake bot's id, as real tokens do (`<bot id>:<secret>`). */
export const FAKE_BOT_TOKEN = "1000:AAFAKE-khabar-test-token";

/** What the fake's getMe returns unless a test overrides it. */
export const DEFAULT_BOT_INFO: UserFromGetMe = {
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
