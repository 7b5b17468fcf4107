import { beforeEach, describe, expect, it } from "vitest";
import { BotApiModel, LIMITS } from "../../../src/preview/telegram-model/index.js";
import * as updates from "../../helpers/updates.js";
import { fails, ok } from "./call.js";

const article = (id: string, extra: Record<string, unknown> = {}) => ({
  type: "article",
  id,
  title: "A quote",
  input_message_content: { message_text: "«…» — Donald Trump" },
  ...extra,
});

describe("answerInlineQuery limits", () => {
  let tg: BotApiModel;
  let n = 0;
  const answer = (payload: Record<string, unknown>) => ({ inline_query_id: `q${++n}`, ...payload });
  beforeEach(() => {
    tg = new BotApiModel();
  });

  it("takes up to 50 results, not 51", async () => {
    const results = (count: number) => Array.from({ length: count }, (_, i) => article(`r${i}`));
    await ok(tg, "answerInlineQuery", answer({ results: results(LIMITS.inlineQueryResults) }));
    expect(await fails(tg, "answerInlineQuery", answer({ results: results(51) }))).toBe(
      "Bad Request: RESULTS_TOO_MUCH",
    );
    expect(tg.violations).toHaveLength(1);
  });

  it("wants unique result ids of 1 to 64 bytes", async () => {
    await ok(tg, "answerInlineQuery", answer({ results: [article("x".repeat(64))] }));
    // 32 Arabic letters are 64 bytes; one more is 66.
    await ok(tg, "answerInlineQuery", answer({ results: [article("ش".repeat(32))] }));
    for (const id of ["", "x".repeat(65), "ش".repeat(33)]) {
      expect(await fails(tg, "answerInlineQuery", answer({ results: [article(id)] }))).toBe(
        "Bad Request: RESULT_ID_INVALID",
      );
    }
    expect(await fails(tg, "answerInlineQuery", answer({ results: [article("a"), article("a")] }))).toBe(
      "Bad Request: RESULT_ID_DUPLICATE",
    );
  });

  it("checks message texts: 1 to 4096 characters after parsing, valid formatting", async () => {
    const text = (message_text: string, more: Record<string, unknown> = {}) =>
      answer({ results: [article("a", { input_message_content: { message_text, ...more } })] });
    await ok(tg, "answerInlineQuery", text("x".repeat(LIMITS.messageText)));
    await ok(
      tg,
      "answerInlineQuery",
      text("x".repeat(LIMITS.messageText), { entities: [{ type: "bold", offset: 0, length: 3 }] }),
    );
    expect(await fails(tg, "answerInlineQuery", text(""))).toBe("Bad Request: MESSAGE_EMPTY");
    expect(await fails(tg, "answerInlineQuery", text("   "))).toBe("Bad Request: MESSAGE_EMPTY");
    expect(await fails(tg, "answerInlineQuery", text("x".repeat(4097)))).toBe(
      "Bad Request: MESSAGE_TOO_LONG",
    );
    expect(await fails(tg, "answerInlineQuery", text("<b>open", { parse_mode: "HTML" }))).toMatch(
      /unsupported parse_mode/,
    );
    expect(
      await fails(
        tg,
        "answerInlineQuery",
        text("ab", { entities: [{ type: "bold", offset: 1, length: 5 }] }),
      ),
    ).toMatch(/lies outside the text/);
  });

  it("wants an article's title and message content", async () => {
    expect(await fails(tg, "answerInlineQuery", answer({ results: [article("a", { title: "" })] }))).toBe(
      "Bad Request: RESULT_TITLE_EMPTY",
    );
    const noContent = { type: "article", id: "a", title: "t" };
    expect(await fails(tg, "answerInlineQuery", answer({ results: [noContent] }))).toMatch(
      /input_message_content/,
    );
    expect(
      await fails(tg, "answerInlineQuery", answer({ results: [{ ...article("a"), type: "poster" }] })),
    ).toBe("Bad Request: RESULT_TYPE_INVALID");
  });

  it("takes next_offset up to 64 bytes", async () => {
    await ok(tg, "answerInlineQuery", answer({ results: [], next_offset: "9".repeat(64) }));
    await ok(tg, "answerInlineQuery", answer({ results: [], next_offset: "" }));
    expect(await fails(tg, "answerInlineQuery", answer({ results: [], next_offset: "9".repeat(65) }))).toBe(
      "Bad Request: NEXT_OFFSET_INVALID",
    );
  });

  it("takes a non-negative whole cache_time and a Boolean is_personal", async () => {
    await ok(tg, "answerInlineQuery", answer({ results: [], cache_time: 0, is_personal: false }));
    await ok(tg, "answerInlineQuery", answer({ results: [], cache_time: 300 }));
    for (const cache_time of [-1, 1.5, "soon"]) {
      expect(await fails(tg, "answerInlineQuery", answer({ results: [], cache_time }))).toBe(
        "Bad Request: CACHE_TIME_INVALID",
      );
    }
    expect(await fails(tg, "answerInlineQuery", answer({ results: [], is_personal: "yes" }))).toMatch(
      /is_personal/,
    );
  });

  it("checks the button above the results: text, and a start parameter of 1 to 64 of [A-Za-z0-9_-]", async () => {
    const button = (b: unknown) => answer({ results: [], button: b });
    await ok(tg, "answerInlineQuery", button({ text: "Open khabar", start_parameter: "quotes-trump_1" }));
    await ok(tg, "answerInlineQuery", button({ text: "Open", start_parameter: "a".repeat(64) }));
    for (const start_parameter of ["", "a".repeat(65), "has space", "ترامب", "a+b"]) {
      expect(await fails(tg, "answerInlineQuery", button({ text: "Open", start_parameter }))).toBe(
        "Bad Request: START_PARAM_INVALID",
      );
    }
    expect(await fails(tg, "answerInlineQuery", button({ text: "", start_parameter: "menu" }))).toBe(
      "Bad Request: BUTTON_TEXT_INVALID",
    );
    expect(await fails(tg, "answerInlineQuery", button({ text: "Open" }))).toBe(
      "Bad Request: BUTTON_TYPE_INVALID",
    );
    expect(
      await fails(
        tg,
        "answerInlineQuery",
        button({ text: "Open", start_parameter: "menu", web_app: { url: "https://a" } }),
      ),
    ).toBe("Bad Request: BUTTON_TYPE_INVALID");
  });

  it("checks URL fields: article url, thumbnail_url and sizes", async () => {
    await ok(
      tg,
      "answerInlineQuery",
      answer({ results: [article("a", { url: "https://t.me/khabar_test_bot?start=menu" })] }),
    );
    await ok(
      tg,
      "answerInlineQuery",
      answer({
        results: [article("a", { thumbnail_url: "https://example.com/t.png", thumbnail_width: 64 })],
      }),
    );
    expect(
      await fails(tg, "answerInlineQuery", answer({ results: [article("a", { url: "not a url" })] })),
    ).toBe("Bad Request: RESULT_URL_INVALID");
    expect(
      await fails(
        tg,
        "answerInlineQuery",
        answer({ results: [article("a", { thumbnail_url: "ftp://x/y.png" })] }),
      ),
    ).toBe("Bad Request: THUMBNAIL_URL_INVALID");
    expect(
      await fails(tg, "answerInlineQuery", answer({ results: [article("a", { thumbnail_width: 0 })] })),
    ).toMatch(/thumbnail_width/);
  });

  it("checks the keyboards under results like any inline keyboard", async () => {
    const keyboard = (button: Record<string, unknown>) => ({ inline_keyboard: [[{ text: "b", ...button }]] });
    await ok(
      tg,
      "answerInlineQuery",
      answer({
        results: [
          article("a", { reply_markup: keyboard({ url: "https://t.me/khabar_test_bot?start=menu" }) }),
        ],
      }),
    );
    expect(
      await fails(
        tg,
        "answerInlineQuery",
        answer({ results: [article("a", { reply_markup: keyboard({ copy_text: { text: "" } }) })] }),
      ),
    ).toBe("Bad Request: COPY_TEXT_INVALID");
  });

  it("counts every answer attempt and refuses a second answer", async () => {
    const update = updates.inlineQuery("trump", { queryChatType: "group" });
    expect(update.inline_query.chat_type).toBe("group");
    const id = update.inline_query.id;
    await ok(tg, "answerInlineQuery", { inline_query_id: id, results: [] });
    expect(await fails(tg, "answerInlineQuery", { inline_query_id: id, results: [] })).toMatch(
      /query is too old/,
    );
    expect(tg.answeredInlineQueries.get(id)).toBe(2);
  });
});

describe("share and copy buttons", () => {
  let tg: BotApiModel;
  beforeEach(() => {
    tg = new BotApiModel();
  });
  const send = (button: Record<string, unknown>) =>
    tg.handle("sendMessage", {
      chat_id: 42,
      text: "x",
      reply_markup: { inline_keyboard: [[{ text: "b", ...button }]] },
    });
  const error = async (button: Record<string, unknown>): Promise<string | undefined> => {
    const outcome = await send(button);
    return outcome.kind === "response" && !outcome.body.ok ? outcome.body.description : undefined;
  };

  it("take copy_text of 1 to 256 characters", async () => {
    expect(await error({ copy_text: { text: "ش".repeat(LIMITS.copyText) } })).toBeUndefined();
    expect(await error({ copy_text: { text: "x" } })).toBeUndefined();
    expect(await error({ copy_text: { text: "" } })).toBe("Bad Request: COPY_TEXT_INVALID");
    expect(await error({ copy_text: { text: "x".repeat(257) } })).toBe("Bad Request: COPY_TEXT_INVALID");
    expect(await error({ copy_text: "text" })).toMatch(/copy_text/);
  });

  it("take switch_inline_query_chosen_chat with a query and at least one kind of chat", async () => {
    const chosen = {
      query: "trump",
      allow_user_chats: true,
      allow_group_chats: true,
      allow_channel_chats: true,
    };
    expect(await error({ switch_inline_query_chosen_chat: chosen })).toBeUndefined();
    expect(await error({ switch_inline_query_chosen_chat: { allow_bot_chats: true } })).toBeUndefined();
    expect(await error({ switch_inline_query_chosen_chat: { query: "trump" } })).toBe(
      "Bad Request: BUTTON_TYPE_INVALID",
    );
    expect(await error({ switch_inline_query_chosen_chat: { query: 5, allow_user_chats: true } })).toMatch(
      /query/,
    );
    expect(await error({ switch_inline_query_chosen_chat: { allow_user_chats: "yes" } })).toMatch(
      /allow_user_chats/,
    );
    expect(await error({ switch_inline_query_chosen_chat: "trump" })).toMatch(/SwitchInlineQueryChosenChat/);
  });

  it("want switch_inline_query texts to be strings, and one action per button", async () => {
    expect(await error({ switch_inline_query: "" })).toBeUndefined();
    expect(await error({ switch_inline_query_current_chat: 5 })).toMatch(/must be of type String/);
    expect(await error({ copy_text: { text: "x" }, url: "https://example.com" })).toBe(
      "Bad Request: BUTTON_TYPE_INVALID",
    );
  });
});
