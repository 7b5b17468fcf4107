import { Api } from "grammy";
import { describe, expect, it } from "vitest";
import { commandList, registerCommands } from "../../src/bot/commands.js";
import { createI18n } from "../../src/bot/i18n.js";
import { BUILT_IN_COMMANDS } from "../../src/bot/render/screens/menu.js";
import { isBuiltInCommand } from "../../src/content/built-in-commands.js";
import { createFakeFetch } from "../helpers/fake-fetch.js";
import { FAKE_BOT_TOKEN, FakeTelegram } from "../helpers/fake-telegram.js";
import { realStory } from "./story-fixture.js";

describe("the command menu", () => {
  it("is registered with Telegram in Arabic, in English, and in the default language for other clients", async () => {
    const tg = new FakeTelegram();
    const i18n = createI18n("ar");
    const story = realStory();
    await registerCommands(new Api(FAKE_BOT_TOKEN, { fetch: createFakeFetch(tg) }), i18n, "ar", [story]);
    expect(tg.violations).toEqual([]);
    const names = [
      "start",
      "summary",
      "full",
      "sections",
      "quotes",
      "exchange",
      "people",
      "search",
      "follow",
      "following",
      "unfollow",
      "language",
      "help",
      "cancel",
    ];
    expect(tg.getCommands({ type: "default" }, "ar").map((c) => c.command)).toEqual(names);
    expect(tg.getCommands({ type: "default" }, "en").find((c) => c.command === "quotes")?.description).toBe(
      "A speaker's quotes (you can type the name after the command)",
    );
    expect(tg.getCommands({ type: "default" }, "ar").find((c) => c.command === "summary")?.description).toBe(
      "ملخص الخبر",
    );
    expect(tg.getCommands()).toEqual(commandList(i18n, "ar", [story]));
  });
});

describe("card command aliases", () => {
  it("may not take any of the bot's own commands", () => {
    // The content check refuses exactly the bot's own commands (one list, src/content/built-in-commands.ts).
    for (const command of BUILT_IN_COMMANDS) expect(isBuiltInCommand(command)).toBe(true);
    expect(isBuiltInCommand("exchange")).toBe(false);
  });
});
