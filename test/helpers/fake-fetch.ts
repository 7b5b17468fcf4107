/**
 * The in-process transport for tests (it lives in src/preview/telegram-model/fetch.ts), under the names the tests use.
 */
import type { UserFromGetMe } from "grammy/types";
import { DEFAULT_BOT_INFO } from "../../src/preview/telegram-model/bot-info.js";
import { createModelFetch, modelBotOptions } from "../../src/preview/telegram-model/fetch.js";

export { parseBotApiPath } from "../../src/preview/telegram-model/fetch.js";

/** The getMe answer, for `new Bot(token, { botInfo: BOT_INFO })` so grammY skips its startup getMe call. */
export const BOT_INFO: UserFromGetMe = DEFAULT_BOT_INFO;

/** A `fetch` answered by the model (or a FakeTelegram with its faults). */
export const createFakeFetch = createModelFetch;

/**
 * Bot options wired to the model: `new Bot(FAKE_BOT_TOKEN, createTestBotOptions(tg))`. Extra client
 * options (timeoutSeconds, apiRoot, …) pass through; `fetch` is always the model's.
 */
export const createTestBotOptions = modelBotOptions;
