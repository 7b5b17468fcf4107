import { describe, expect, it } from "vitest";
import { ADMIN_TTL_MS, ChatAdmins } from "../../../src/bot/chats/chat-admins.js";
import type { BotContext } from "../../../src/bot/context.js";

/** Just what `mayChange` reads of a context: the chat, the sender, and `getChatMember`. */
function context(chatType: "private" | "supergroup", userId: number, statuses: string[], asked: number[]) {
  return {
    chat: { id: chatType === "private" ? userId : -100, type: chatType },
    from: { id: userId },
    api: {
      getChatMember: async (_chat: number, user: number) => {
        asked.push(user);
        return { status: statuses.shift() ?? "member" };
      },
    },
  } as unknown as BotContext;
}

describe("who may change what a chat follows", () => {
  it("anyone in their private chat, without asking Telegram", async () => {
    const asked: number[] = [];
    expect(await new ChatAdmins().mayChange(context("private", 1, [], asked))).toBe(true);
    expect(asked).toEqual([]);
  });

  it("in a group, an admin or the creator; a member's answer is remembered for the TTL, then asked again", async () => {
    let now = 0;
    const admins = new ChatAdmins(() => now);
    const asked: number[] = [];
    const statuses = ["creator", "member", "administrator"];
    expect(await admins.mayChange(context("supergroup", 1, statuses, asked))).toBe(true);
    expect(await admins.mayChange(context("supergroup", 2, statuses, asked))).toBe(false);
    now = ADMIN_TTL_MS - 1;
    expect(await admins.mayChange(context("supergroup", 2, statuses, asked))).toBe(false);
    expect(asked).toEqual([1, 2]);
    // Promoted since: once the remembered answer expires, Telegram's new one counts.
    now = ADMIN_TTL_MS + 1;
    expect(await admins.mayChange(context("supergroup", 2, statuses, asked))).toBe(true);
    expect(asked).toEqual([1, 2, 2]);
  });
});
