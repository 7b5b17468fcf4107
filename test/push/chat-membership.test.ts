import { describe, expect, it } from "vitest";
import { createTestApp } from "../helpers/test-app.js";
import * as updates from "../helpers/updates.js";

const EN = { lang: "en", mode: "instant" } as const;

describe("following follows what Telegram says of a chat (through bot.handleUpdate)", () => {
  it("a reader who blocks the bot stops following everything; one who unblocks is not re-subscribed", async () => {
    const t = createTestApp();
    await t.push.follows.follow(701, { kind: "new" }, EN);
    await t.push.follows.follow(702, { kind: "new" }, EN);
    const calls = await t.send(updates.myChatMember("kicked", { userId: 701 }));
    expect(calls.filter((c) => c.method === "sendMessage")).toEqual([]);
    expect(await t.push.follows.prefsOf(701)).toBeUndefined();
    expect(await t.push.follows.topicsOf(702)).toEqual([{ kind: "new" }]);
    await t.send(updates.myChatMember("member", { userId: 701, oldStatus: "kicked" }));
    expect(await t.push.follows.topicsOf(701)).toEqual([]);
  });

  it("a group that removes the bot stops following; a group upgraded to a supergroup moves its following", async () => {
    const t = createTestApp();
    await t.push.follows.follow(-4001, { kind: "new" }, EN);
    await t.push.follows.follow(-4002, { kind: "story", storyId: "x" }, EN);
    await t.send(updates.myChatMember("left", { chatId: -4001, chatType: "group" }));
    expect(await t.push.follows.prefsOf(-4001)).toBeUndefined();
    const migrate = updates.groupMessage("", { chatId: -4002, chatType: "group" });
    const message = migrate.message as unknown as Record<string, unknown>;
    delete message.text;
    delete message.entities;
    message.migrate_to_chat_id = -1004002;
    await t.send(migrate);
    expect(await t.push.follows.topicsOf(-4002)).toEqual([]);
    expect(await t.push.follows.topicsOf(-1004002)).toEqual([{ kind: "story", storyId: "x" }]);
  });
});
