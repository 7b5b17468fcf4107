import type { InlineKeyboardButton, InlineKeyboardMarkup } from "grammy/types";
import pino from "pino";
import { describe, expect, it } from "vitest";
import type { BotContext } from "../../../src/bot/context.js";
import { createBot } from "../../../src/bot/create-bot.js";
import {
  INLINE_RATE_LIMIT,
  INLINE_RETRY_SECONDS,
  type InlineOptions,
} from "../../../src/bot/features/inline.js";
import { INLINE_CACHE_SECONDS } from "../../../src/bot/render/inline/answer.js";
import { renderRoute } from "../../../src/bot/render/screens/index.js";
import { parseTargetPayload } from "../../../src/bot/routes.js";
import { fixedCatalog, type StorySource } from "../../../src/content/library.js";
import type { Lang } from "../../../src/content/schema.js";
import { indexStory, type Story } from "../../../src/content/story.js";
import { rateLimitReaders } from "../../../src/middleware/rate-limit.js";
import { sequentializeReaders } from "../../../src/middleware/sequentialize.js";
import { createMemoryFollowStore } from "../../../src/push/memory-follow-store.js";
import { createMemoryStore } from "../../../src/storage/index.js";
import { createRedisClient } from "../../../src/storage/redis-client.js";
import type { Store } from "../../../src/storage/types.js";
import { createDurable } from "../../../src/updates/durable.js";
import { INLINE_GLOBAL_LIMIT } from "../../../src/updates/inline-gate.js";
import { createTestBotOptions } from "../../helpers/fake-fetch.js";
import { type ApiCall, FAKE_BOT_TOKEN, FakeTelegram } from "../../helpers/fake-telegram.js";
import { redisAvailable, startRedis } from "../../helpers/redis-server.js";
import { createHarness, type Harness, methods, story, updates } from "../harness.js";
import { riversideStory, storyCopy } from "../multi-story.js";
import { checkAnswer, checkShareButton, type SentAnswer } from "./inline-limits.js";

type Options = Parameters<typeof updates.inlineQuery>[1];

/** Sends an inline query and returns the one answer it got. */
async function ask(h: Harness, query: string, opts: Options = {}): Promise<SentAnswer> {
  const calls = await h.send(updates.inlineQuery(query, opts));
  expect(methods(calls)).toEqual(["answerInlineQuery"]);
  const answer = calls[0]?.payload as unknown as SentAnswer;
  return answer;
}

/**
 * Follows every deep link of an answer through `/start` in a fresh bot and checks each opens the screen it
 * names (not the normal start): the first message equals that screen's first message.
 */
async function followLinks(answer: SentAnswer, lang: Lang, stories?: StorySource): Promise<void> {
  const payloads = checkAnswer(answer);
  expect(payloads.length).toBe(answer.results.length);
  const h = createHarness(stories ? { stories } : {});
  for (const payload of new Set(payloads)) {
    const target = parseTargetPayload(payload);
    expect(target, payload).toBeDefined();
    if (!target) continue;
    expect(target.route.to).not.toBe("menu");
    const linked = h.views.storyOfTarget(target);
    if (!linked) throw new Error(`the payload ${payload} names no served story`);
    const screen = renderRoute(target.route, h.views.for(lang, linked));
    expect(screen, payload).toBeDefined();
    const calls = await h.send(updates.command(`/start ${payload}`, { lang }));
    expect(calls[0]?.method).toBe("sendMessage");
    expect(calls[0]?.payload.text, payload).toBe(screen?.messages[0]?.text);
  }
}

const texts = (answer: SentAnswer) => answer.results.map((r) => r.input_message_content.message_text);
const ids = (answer: SentAnswer) => answer.results.map((r) => r.id);
const trumpQuotes = (story.quotesBy.get("trump") ?? []).map((q) => `pt.q:${q.id}`);

describe("inline mode: what readers can type", () => {
  it("a name in another spelling (Arabic) gives that person's quotes, one result per quote, attributed", async () => {
    const h = createHarness();
    const answer = await ask(h, "ترمب");
    expect(ids(answer)).toEqual(trumpQuotes);
    for (const text of texts(answer)) {
      expect(text).toContain("— دونالد ترامب");
      expect(text).toContain(story.data.title.ar);
    }
    expect(texts(answer)[0]).toContain(story.quotesBy.get("trump")?.[0]?.ar);
    expect(answer.results[0]?.title).toContain("اقتباس");
    await followLinks(answer, "ar");
  });

  it("a name in English gives the quotes in English, with the English attribution and title", async () => {
    const h = createHarness();
    const answer = await ask(h, "TRUMP", { lang: "en" });
    expect(ids(answer)).toEqual(trumpQuotes);
    const first = story.quotesBy.get("trump")?.[0];
    expect(texts(answer)[0]).toContain(first?.en);
    expect(texts(answer)[0]).toContain("— Donald Trump");
    expect(texts(answer)[0]).toContain(story.data.title.en);
    expect(answer.results[0]?.title).toBe("Quote · Donald Trump");
    expect(answer.results[0]?.description?.length).toBeGreaterThan(10);
    await followLinks(answer, "en");
  });

  it.each([
    ["ar", "السجناء"],
    ["en", "prisoner"],
  ] as const)(
    "a word (%s) gives the passages that hold it, without the search's bold (the message goes to another chat)",
    async (lang, word) => {
      const h = createHarness();
      const answer = await ask(h, word, { lang });
      expect(answer.results.length).toBeGreaterThan(1);
      expect(new Set(answer.results.map((r) => r.id.split(":")[0]))).toContain("pt.p");
      for (const result of answer.results) {
        const { message_text: text, entities = [] } = result.input_message_content;
        expect(text.toLowerCase()).toContain(word.toLowerCase().replace(/^ال/, ""));
        // Bold is the story's title and a fact's label only.
        const bold = entities
          .filter((e) => e.type === "bold")
          .map((e) => text.slice(e.offset, e.offset + e.length))
          .filter((b) => !b.includes("📰") && !b.endsWith(": "));
        expect(bold, text).toEqual([]);
      }
      await followLinks(answer, lang);
    },
  );

  it.each(["ar", "en"] as const)(
    "an empty query (%s) gives the newest story's headline items",
    async (lang) => {
      const h = createHarness();
      const answer = await ask(h, "", { lang });
      expect(ids(answer)).toEqual([
        "pt.sm",
        "pt.k:exchange",
        ...story.data.quotes.map((q) => `pt.q:${q.id}`),
        "pt.f",
      ]);
      expect(answer.cache_time).toBe(INLINE_CACHE_SECONDS);
      expect(answer.is_personal).toBe(false);
      expect(answer.next_offset).toBe("");
      expect(answer.button?.start_parameter).toBe("pt_menu");
      const summary = texts(answer)[0] ?? "";
      for (const point of story.data.summary) expect(summary).toContain(point[lang]);
      await followLinks(answer, lang);
    },
  );

  it.each(["ar", "en"] as const)(
    "a query that matches nothing (%s) is answered with no results and a way into the bot",
    async (lang) => {
      const h = createHarness();
      const answer = await ask(h, "zzqxv wwkkj", { lang });
      expect(answer.results).toEqual([]);
      expect(answer.button?.text).toBe(
        lang === "ar" ? "لا نتائج · افتح البوت" : "Nothing found · open the bot",
      );
      expect(answer.button?.start_parameter).toBe("pt_menu");
    },
  );

  it("a near miss of a name finds that person's quotes", async () => {
    const h = createHarness();
    expect(ids(await ask(h, "trmp", { lang: "en" }))).toEqual(trumpQuotes);
  });

  it("a misspelt word finds what the story's nearest word finds", async () => {
    const h = createHarness();
    const right = await ask(h, "prisoner", { lang: "en" });
    expect(ids(await ask(h, "prisonr", { lang: "en" }))).toEqual(ids(right));
  });

  it("a query over 256 characters is answered (cut), within the limits", async () => {
    const h = createHarness();
    const query = "Kremlin ".repeat(60);
    expect(query.length).toBeGreaterThan(256);
    const answer = await ask(h, query, { lang: "en" });
    expect(answer.results.length).toBeGreaterThan(0);
    checkAnswer(answer);
    const arabic = await ask(h, "ترامب قال ".repeat(40));
    checkAnswer(arabic);
  });

  it("one bot answers the same query in each reader's language (rendered results are kept per language)", async () => {
    const h = createHarness();
    const ar = await ask(h, "trump", { lang: "ar" });
    const en = await ask(h, "trump", { lang: "en", userId: 7 });
    const again = await ask(h, "trump", { lang: "ar", userId: 8 });
    expect(texts(ar)[0]).toContain("— دونالد ترامب");
    expect(texts(en)[0]).toContain("— Donald Trump");
    expect(again).toEqual({ ...ar, inline_query_id: again.inline_query_id });
  });

  it("a reader whose client sends no language code gets DEFAULT_LOCALE", async () => {
    const ar = await ask(createHarness({ defaultLang: "ar" }), "trump", { lang: null });
    expect(texts(ar)[0]).toContain("— دونالد ترامب");
    const en = await ask(createHarness({ defaultLang: "en" }), "trump", { lang: null });
    expect(texts(en)[0]).toContain("— Donald Trump");
    await followLinks(en, "en");
  });

  it("the Arabic results start right-to-left on every line of the interface's own text", async () => {
    const answer = await ask(createHarness(), "");
    for (const result of answer.results) {
      const lines = result.input_message_content.message_text.split("\n").filter((l) => l !== "");
      for (const line of lines) expect(/^[\u200f\u0600-\u06ff«]/.test(line), line).toBe(true);
      for (const b of result.reply_markup?.inline_keyboard.flat() ?? [])
        expect(b.text.startsWith("\u200f") || /^[\u0600-\u06ff]/.test(b.text)).toBe(true);
    }
  });
});

describe("inline mode: reported statements and facts", () => {
  it("a reported statement is shown attributed but never as a quote, and links to its speaker", async () => {
    const paragraph = story.paragraphs.get("call-1");
    if (!paragraph?.ar || !paragraph.en) throw new Error("no paragraph call-1");
    const withStatement = indexStory(
      {
        ...story.data,
        statements: [
          { id: "peskov-said", speaker: "peskov", paragraph: "call-1", ar: paragraph.ar, en: paragraph.en },
        ],
      },
      story.source,
    );
    const stories = fixedCatalog([withStatement]);
    const h = createHarness({ stories });
    const answer = await ask(h, "#pt.r:peskov-said", { lang: "en" });
    expect(ids(answer)).toEqual(["pt.r:peskov-said"]);
    const result = answer.results[0];
    expect(result?.title).toBe("Reported · Dmitry Peskov");
    const text = result?.input_message_content.message_text ?? "";
    expect(text).toContain("not a direct quote");
    expect(result?.input_message_content.entities?.some((e) => e.type === "blockquote")).toBe(false);
    await followLinks(answer, "en", stories);
  });

  it("a fact found by a word shows its label in bold, and not the search's highlight (it goes to another chat)", async () => {
    const answer = await ask(createHarness(), "Pennsylvania", { lang: "en" });
    const fact = answer.results.find((r) => r.id.startsWith("pt.kf:exchange/"));
    if (!fact) throw new Error(`no fact among ${ids(answer).join(", ")}`);
    const { message_text: text, entities = [] } = fact.input_message_content;
    const bold = entities
      .filter((e) => e.type === "bold")
      .map((e) => text.slice(e.offset, e.offset + e.length));
    expect(bold).not.toContain("Pennsylvania");
    expect(text).toContain("Pennsylvania");
    expect(bold.some((b) => b.endsWith(": "))).toBe(true);
    await followLinks(answer, "en");
  });
});

describe("inline mode: paging", () => {
  const many = fixedCatalog([
    story,
    storyCopy(story, "copy-one", "2025-02-13"),
    storyCopy(story, "copy-two", "2025-02-14"),
    storyCopy(story, "copy-three", "2025-02-15"),
  ]);

  it("pages beyond 50 results with next_offset, each page within the limits, no result twice", async () => {
    const h = createHarness({ stories: many });
    const seen: string[] = [];
    let offset = "";
    let pages = 0;
    do {
      const answer = await ask(h, "the", { lang: "en", offset });
      checkAnswer(answer);
      if (pages === 0) expect(answer.results).toHaveLength(50);
      seen.push(...ids(answer));
      offset = answer.next_offset ?? "";
      pages++;
    } while (offset !== "" && pages < 20);
    expect(pages).toBeGreaterThan(1);
    expect(offset).toBe("");
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThan(50);
  });

  it("a forged offset is the first page; one past the end is an empty last page", async () => {
    const h = createHarness({ stories: many });
    const first = await ask(h, "the", { lang: "en" });
    expect(ids(await ask(h, "the", { lang: "en", offset: "abc" }))).toEqual(ids(first));
    const past = await ask(h, "the", { lang: "en", offset: "9999" });
    expect(past.results).toEqual([]);
    expect(past.next_offset).toBe("");
  });

  it("the deep links of results from another story open that story's screen", async () => {
    const answer = await ask(createHarness({ stories: many }), "trump", { lang: "en" });
    expect(answer.results.length).toBe(4 * trumpQuotes.length);
    await followLinks(answer, "en", many);
  });
});

/** The Share / Copy buttons under a screen the bot sent. */
function shareButtons(call: ApiCall | undefined): InlineKeyboardButton[] {
  const markup = call?.payload.reply_markup as InlineKeyboardMarkup | undefined;
  return (markup?.inline_keyboard ?? [])
    .flat()
    .filter((b) => "copy_text" in b || "switch_inline_query_chosen_chat" in b);
}

function shareRowOf(call: ApiCall | undefined): InlineKeyboardButton[] {
  const markup = call?.payload.reply_markup as InlineKeyboardMarkup | undefined;
  return (
    (markup?.inline_keyboard ?? []).find((row) => row.some((b) => "switch_inline_query_chosen_chat" in b)) ??
    []
  );
}

const shareQuery = (buttons: InlineKeyboardButton[]) => {
  const share = buttons.find((b) => "switch_inline_query_chosen_chat" in b);
  return share && "switch_inline_query_chosen_chat" in share
    ? (share.switch_inline_query_chosen_chat.query ?? "")
    : "";
};

describe("Share and Copy under the screens", () => {
  it.each(["ar", "en"] as const)(
    "quotes, a section, the summary and a card carry Share with the query of exactly that item (%s)",
    async (lang) => {
      const h = createHarness();
      const screens: Array<[string, string]> = [
        ["/quotes trump", "#pt.qs:trump"],
        ["/start section-call", "#pt.s:call"],
        ["/summary", "#pt.sm"],
        ["/exchange", "#pt.k:exchange"],
      ];
      for (const [command, token] of screens) {
        const calls = await h.send(updates.command(command, { lang }));
        const buttons = shareButtons(calls[0]);
        for (const b of buttons) checkShareButton(b);
        expect(shareQuery(buttons), command).toBe(token);
        // Several quotes or facts: nothing short enough to copy as one.
        expect(buttons.some((b) => "copy_text" in b)).toBe(false);
        const answer = await ask(h, token, { lang });
        expect(answer.results[0]?.id).toBe(token.slice(1));
        await followLinks(answer, lang);
      }
      const speaker = await ask(h, "#pt.qs:trump", { lang });
      expect(ids(speaker)).toEqual(["pt.qs:trump", ...trumpQuotes]);
    },
  );

  it.each(["ar", "en"] as const)(
    "a single quote gets Copy with the quote and its attribution; the row reads from the right in Arabic (%s)",
    async (lang) => {
      const riverside = riversideStory();
      const stories = fixedCatalog([story, riverside]);
      const h = createHarness({ stories });
      const calls = await h.send(updates.command(`/start ${riverside.key}_quotes-lopez`, { lang }));
      const row = shareRowOf(calls[0]);
      expect(row).toHaveLength(2);
      for (const b of row) checkShareButton(b);
      const [first, second] = row;
      const [share, copy] = lang === "ar" ? [second, first] : [first, second];
      if (!share || !copy || !("copy_text" in copy) || !("switch_inline_query_chosen_chat" in share))
        throw new Error(`unexpected row ${JSON.stringify(row)}`);
      const quote = riverside.quotesBy.get("lopez")?.[0];
      expect(copy.copy_text.text).toContain(quote?.en);
      expect(copy.copy_text.text).toMatch(/— \S/);
      const token = share.switch_inline_query_chosen_chat.query ?? "";
      expect(token).toBe(`#${riverside.key}.q:${quote?.id}`);
      const answer = await ask(h, token, { lang });
      expect(ids(answer)).toEqual([token.slice(1)]);
      await followLinks(answer, lang, stories);
    },
  );

  it("a card of a single fact gets Copy, and Share names the fact", async () => {
    const card = story.data.cards[0];
    const group = card?.groups[0];
    const fact = group?.facts[0];
    if (!card || !group || !fact) throw new Error("the story has no card");
    const oneFact: Story = indexStory(
      { ...story.data, cards: [{ ...card, groups: [{ ...group, facts: [fact] }] }] },
      story.source,
    );
    const h = createHarness({ stories: fixedCatalog([oneFact]) });
    const calls = await h.send(updates.command("/exchange", { lang: "en" }));
    const buttons = shareButtons(calls[0]);
    for (const b of buttons) checkShareButton(b);
    expect(shareQuery(buttons)).toBe(`#pt.kf:${card.id}/${fact.id}`);
    const answer = await ask(h, shareQuery(buttons), { lang: "en" });
    expect(ids(answer)).toEqual([`pt.kf:${card.id}/${fact.id}`]);
    await followLinks(answer, "en", fixedCatalog([oneFact]));
    const copy = buttons.find((b) => "copy_text" in b);
    expect(copy && "copy_text" in copy ? copy.copy_text.text : "").toContain(fact.text.en);
  });

  it("Share and Copy labels fit 18 characters in both languages", async () => {
    for (const lang of ["ar", "en"] as const) {
      const t = createHarness().views.for(lang).t;
      expect([...t("btn-share")].length).toBeLessThanOrEqual(18);
      expect([...t("btn-copy")].length).toBeLessThanOrEqual(18);
    }
  });
});

/** A store that counts every read and write, to prove inline queries touch none. */
function countingStore(): { store: Store; counts: { reads: number; writes: number; marks: number } } {
  const inner = createMemoryStore();
  const counts = { reads: 0, writes: 0, marks: 0 };
  const store: Store = {
    kind: inner.kind,
    adapter<T>(namespace: string, options?: Parameters<Store["adapter"]>[1]) {
      const adapter = inner.adapter<T>(namespace, options);
      return {
        read: (key: string) => {
          counts.reads++;
          return adapter.read(key);
        },
        write: (key: string, value: T) => {
          counts.writes++;
          return adapter.write(key, value);
        },
        delete: (key: string) => {
          counts.writes++;
          return adapter.delete(key);
        },
      };
    },
    // Every update the inbox records counts as a mark, whatever else it then does.
    inbox: {
      ...inner.inbox,
      admit: (list, lease) => {
        counts.marks += list.length;
        return inner.inbox.admit(list, lease);
      },
      claimUnfinished: (lease, options) => inner.inbox.claimUnfinished(lease, options),
      renew: (ids, lease) => inner.inbox.renew(ids, lease),
      finish: (id) => inner.inbox.finish(id),
      release: (id, lease) => inner.inbox.release(id, lease),
      pending: () => inner.inbox.pending(),
    },
    ping: () => inner.ping(),
    close: () => inner.close(),
  };
  return { store, counts };
}

/** The bot as a real process wires it: the inbox, the message rate limit and ordering first. */
function guardedBot(store: Store, inline?: InlineOptions, caps?: { perSecond: number; atOnce: number }) {
  const tg = new FakeTelegram();
  const built = createBot({
    ...(inline ? { inline } : {}),
    token: FAKE_BOT_TOKEN,
    stories: fixedCatalog([story]),
    store,
    logger: pino({ level: "silent" }),
    defaultLang: "ar",
    botConfig: createTestBotOptions(tg),
    follows: createMemoryFollowStore(),
    guards: [
      rateLimitReaders({ keyPrefix: "test:", notice: (_ctx: BotContext) => "slow down" }),
      sequentializeReaders(),
    ],
  });
  const reached = { count: 0 };
  // The inbox door in front of handleUpdate, as buildApp wires it.
  const door = createDurable({
    inbox: store.inbox,
    logger: pino({ level: "silent" }),
    handle: (update) => {
      reached.count++;
      return built.bot.handleUpdate(update);
    },
    ...(caps ? { inlineCaps: caps } : {}),
  });
  return { tg, bot: door, reached };
}

describe("inline queries are cheap and touch no reader state", () => {
  it("read no session and write nothing, not even a de-duplication mark", async () => {
    const { store, counts } = countingStore();
    const { tg, bot } = guardedBot(store);
    for (const query of ["", "ترامب", "Kremlin", "#pt.qs:trump", "zzqx"]) {
      await tg.deliver(bot, updates.inlineQuery(query));
      await tg.deliver(bot, updates.inlineQuery(query, { lang: "en", userId: 7 }));
    }
    expect(counts).toEqual({ reads: 0, writes: 0, marks: 0 });
    expect(tg.callsTo("answerInlineQuery")).toHaveLength(10);
    // The counting works: a command reads the reader's session and marks its update.
    await tg.deliver(bot, updates.command("/start"));
    expect(counts.reads).toBeGreaterThan(0);
    expect(counts.marks).toBe(1);
  });

  it("a flood of inline queries is answered, every one exactly once, the excess empty and briefly cached, apart from the message limit", async () => {
    const { tg, bot } = guardedBot(createMemoryStore());
    const flood = Array.from({ length: 120 }, (_, i) =>
      updates.inlineQuery(`trump ${i % 3}`, { lang: "en" }),
    );
    await Promise.all(flood.map((update) => tg.deliver(bot, update)));
    const answers = tg.callsTo("answerInlineQuery").map((c) => c.payload as unknown as SentAnswer);
    expect(answers).toHaveLength(flood.length);
    for (const update of flood) expect(tg.answeredInlineQueries.get(update.inline_query.id)).toBe(1);
    const full = answers.filter((a) => a.results.length > 0);
    const empty = answers.filter((a) => a.results.length === 0);
    expect(full.length).toBeGreaterThan(0);
    expect(full.length).toBeLessThanOrEqual(INLINE_RATE_LIMIT.limit);
    expect(empty.length).toBeGreaterThanOrEqual(flood.length - INLINE_RATE_LIMIT.limit);
    for (const a of empty) {
      expect(a.cache_time).toBe(INLINE_RETRY_SECONDS);
      expect(a.is_personal).toBe(true);
    }
    // Another reader is not limited by the first one's flood.
    await tg.deliver(bot, updates.inlineQuery("trump", { lang: "en", userId: 99 }));
    expect(
      (tg.callsTo("answerInlineQuery").at(-1)?.payload as unknown as SentAnswer | undefined)?.results
        .length ?? 0,
    ).toBeGreaterThan(0);
    // Nor are the flooding reader's messages: their own limit was not spent by the inline queries.
    const before = tg.calls.length;
    await tg.deliver(bot, updates.command("/start", { lang: "en" }));
    expect(tg.calls.slice(before).map((c) => c.method)).toEqual(["sendMessage"]);
    expect(tg.violations).toEqual([]);
  });

  it("a flood from many accounts is answered up to the global cap, the rest left unanswered at the door", async () => {
    const { tg, bot, reached } = guardedBot(createMemoryStore(), {}, { perSecond: 40, atOnce: 32 });
    const flood = Array.from({ length: 400 }, (_, i) =>
      updates.inlineQuery(`trump ${i % 3}`, { lang: "en", userId: 10_000 + i }),
    );
    await Promise.all(flood.map((update) => tg.deliver(bot, update)));
    const answers = tg.callsTo("answerInlineQuery");
    // Each account is within its own budget; together they are far over what the process spends.
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.length).toBeLessThanOrEqual(2 * 40);
    for (const update of flood)
      expect(tg.answeredInlineQueries.get(update.inline_query.id) ?? 0).toBeLessThan(2);
    // The queries over the caps never reached grammY: a dropped query costs the door a comparison.
    expect(reached.count).toBe(answers.length);
    // A reader's message goes through as usual.
    const before = tg.calls.length;
    await tg.deliver(bot, updates.command("/start", { lang: "en", userId: 5 }));
    expect(tg.calls.slice(before).map((c) => c.method)).toEqual(["sendMessage"]);
    expect(INLINE_GLOBAL_LIMIT.perSecond).toBeGreaterThan(INLINE_RATE_LIMIT.limit);
  });

  it.skipIf(!redisAvailable())("each reader's budget is shared by every instance through Redis", async () => {
    const server = await startRedis();
    if (server === undefined) throw new Error("redis-server vanished");
    const client = createRedisClient(server.url);
    try {
      const options: InlineOptions = { redis: client, keyPrefix: "khabar:1000:inline:" };
      const a = guardedBot(createMemoryStore(), options);
      const b = guardedBot(createMemoryStore(), options);
      for (let i = 0; i < INLINE_RATE_LIMIT.limit; i++)
        await a.tg.deliver(a.bot, updates.inlineQuery("trump", { lang: "en", userId: 77 }));
      // The same reader on the other instance: over the limit there too.
      await b.tg.deliver(b.bot, updates.inlineQuery("trump", { lang: "en", userId: 77 }));
      const answer = b.tg.callsTo("answerInlineQuery").at(-1)?.payload as unknown as SentAnswer | undefined;
      expect(answer?.results).toEqual([]);
      expect(answer?.cache_time).toBe(INLINE_RETRY_SECONDS);
      expect(await client.exists("khabar:1000:inline:77")).toBe(1);
    } finally {
      client.disconnect();
      await server.stop();
    }
  });
});
