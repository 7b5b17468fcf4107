import { Bot, Composer } from "grammy";
import pino from "pino";
import { describe, expect, it } from "vitest";
import type { BotContext } from "../../src/bot/context.js";
import { createBot } from "../../src/bot/create-bot.js";
import { onRoute } from "../../src/bot/routing.js";
import { fixedCatalog } from "../../src/content/library.js";
import { createMemoryFollowStore } from "../../src/push/memory-follow-store.js";
import { createMemoryStore } from "../../src/storage/index.js";
import { createTestBotOptions } from "../helpers/fake-fetch.js";
import { FAKE_BOT_TOKEN, FakeTelegram } from "../helpers/fake-telegram.js";
import * as updates from "../helpers/updates.js";
import { realStory } from "./story-fixture.js";

/** The real bot's views, and a bare bot over the same fake Telegram to install test features on. */
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
  return { views, bot };
}

describe("a feature's composer", () => {
  it("routes a command (with its argument, and addressed to this bot) and a button to their handlers, and passes the rest on", async () => {
    const { views, bot } = setup();
    const seen: string[] = [];
    const feature = new Composer<BotContext>();
    feature.command("summary", (ctx) => {
      seen.push(`summary(${ctx.match})`);
    });
    onRoute(feature, views, "summary", async (_ctx, route) => {
      seen.push(`button ${route.to}`);
    });
    bot.use(feature);
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

  it("decodes a press once however many route handlers look at it, and only the matching one runs", async () => {
    const { views, bot } = setup();
    const seen: string[] = [];
    const feature = new Composer<BotContext>();
    for (const to of ["menu", "summary", "full"] as const) {
      onRoute(feature, views, to, async () => {
        seen.push(to);
      });
    }
    let decodes = 0;
    const storyOfTarget = views.storyOfTarget.bind(views);
    views.storyOfTarget = (target) => {
      decodes++;
      return storyOfTarget(target);
    };
    bot.use(feature);
    await bot.handleUpdate(updates.callback("sm"));
    expect(seen).toEqual(["summary"]);
    expect(decodes).toBe(1);
  });
});
