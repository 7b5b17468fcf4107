import { Bot, Composer } from "grammy";
import pino from "pino";
import { describe, expect, it } from "vitest";
import type { BotContext } from "../../../src/bot/context.js";
import { createBot } from "../../../src/bot/create-bot.js";
import { Dispatcher, Feature, onRoute } from "../../../src/bot/helpers/routing.js";
import { fixedCatalog } from "../../../src/content/library.js";
import { createMemoryFollowStore } from "../../../src/push/memory-follow-store.js";
import { createMemoryStore } from "../../../src/storage/index.js";
import { createTestBotOptions } from "../../helpers/fake-fetch.js";
import { FAKE_BOT_TOKEN, FakeTelegram } from "../../helpers/fake-telegram.js";
import * as updates from "../../helpers/updates.js";
import { realStory } from "../story-fixture.js";

/** The real bot's views, and a bare bot over the same fake Telegram to mount test features on. */
function setup() {
  const tg = new FakeTelegram();
  const { views } = createBot({
    token: FAKE_BOT_TOKEN,
    stories: fixedCatalog([realStory()]),
    store: createMemoryStore(),
    logger: pino({ level: "silent" }),
    defaultLang: "en",
    botConfig: createTestBotOptions(tg),
    follows: createMemoryFollowStore(),
  });
  const bot = new Bot<BotContext>(FAKE_BOT_TOKEN, createTestBotOptions(tg));
  return { views, bot, dispatch: new Dispatcher(views) };
}

describe("the dispatcher", () => {
  it("routes a command (with its argument, and addressed to this bot) and a button to their handlers, and passes the rest on", async () => {
    const { views, bot, dispatch } = setup();
    const seen: string[] = [];
    const feature = new Feature();
    feature.command("summary", (ctx) => {
      seen.push(`summary(${ctx.match})`);
    });
    onRoute(feature, views, "summary", async (_ctx, route) => {
      seen.push(`button ${route.to}`);
    });
    bot.use(dispatch.mount(feature));
    bot.use((ctx) => {
      seen.push(`next: ${ctx.message?.text ?? ctx.callbackQuery?.data}`);
    });

    for (const update of [
      updates.command("/summary  now"),
      updates.command("/summary@khabar_test_bot"),
      updates.command("/summary@other_bot"),
      updates.command("/Summary"),
      updates.command("/help"),
      updates.message("summary"),
      updates.callback("sm"),
      updates.callback("zz:forged"),
    ])
      await bot.handleUpdate(update);
    expect(seen).toEqual([
      "summary(now)",
      "summary()",
      "next: /summary@other_bot",
      "next: /Summary",
      "next: /help",
      "next: summary",
      "button summary",
      "next: zz:forged",
    ]);
  });

  it("keeps the middleware order: an entry is dispatched only at the point its feature was mounted", async () => {
    const { bot, dispatch } = setup();
    const seen: string[] = [];
    const before = new Feature();
    before.command("cancel", () => {
      seen.push("cancel");
    });
    const after = new Feature();
    // Middleware chained onto a command's composer, as grammY allows, runs after its handler.
    after
      .command("summary", (_ctx, next) => {
        seen.push("summary");
        return next();
      })
      .use(() => {
        seen.push("chained");
      });
    // A plain composer among the features still runs, in its place.
    const plain = new Composer<BotContext>((_ctx, next) => {
      seen.push("plain");
      return next();
    });
    bot.use(dispatch.mount(before));
    bot.use((_ctx, next) => {
      seen.push("between");
      return next();
    });
    bot.use(dispatch.mount(after, plain));

    await bot.handleUpdate(updates.command("/cancel"));
    await bot.handleUpdate(updates.command("/summary"));
    await bot.handleUpdate(updates.command("/other"));
    expect(seen).toEqual(["cancel", "between", "summary", "chained", "between", "plain"]);
  });

  it("refuses a command or route registered twice, and a feature installed without it", async () => {
    const { views, bot, dispatch } = setup();
    const one = new Feature();
    one.command("help", () => undefined);
    const two = new Feature();
    two.command("help", () => undefined);
    expect(() => dispatch.mount(one, two)).toThrow(/"help" is registered twice/);

    const same = new Feature();
    onRoute(same, views, "menu", async () => undefined);
    expect(() => onRoute(same, views, "menu", async () => undefined)).toThrow(/twice/);

    const loose = new Feature();
    loose.command("start", () => undefined);
    // grammY asks a composer object for its middleware per update: the first update finds out.
    bot.use(loose);
    await expect(bot.handleUpdate(updates.command("/start"))).rejects.toThrow(/Dispatcher\.mount/);
  });
});
