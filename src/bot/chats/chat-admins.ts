import type { BotContext } from "../context.js";

/** How long a member's admin status is trusted before `getChatMember` is asked again. */
export const ADMIN_TTL_MS = 5 * 60 * 1000;
/** Entries kept before the cache starts over (a bound, not a working size). */
const CACHE_LIMIT = 10_000;

/** Whether a chat is a group (where only admins may change what it follows). */
export function isGroupChat(ctx: BotContext): boolean {
  return ctx.chat?.type === "group" || ctx.chat?.type === "supergroup";
}

/**
 * Decides who may change what a chat follows: anyone in their own private chat; in a group, its
 * administrators only (creator or administrator, asked of Telegram with `getChatMember` and remembered
 * for a few minutes so a run of taps costs one call). A message an admin sends anonymously, as the group
 * itself, counts as an admin's: only admins can do that.
 */
export class ChatAdmins {
  private readonly cache = new Map<string, { admin: boolean; until: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async mayChange(ctx: BotContext): Promise<boolean> {
    if (!isGroupChat(ctx)) return true;
    const chat = ctx.chat;
    const user = ctx.from;
    if (chat === undefined || user === undefined) return false;
    if (ctx.message?.sender_chat?.id === chat.id) return true;
    const key = `${chat.id}:${user.id}`;
    const known = this.cache.get(key);
    const now = this.now();
    if (known !== undefined && known.until > now) return known.admin;
    let member: Awaited<ReturnType<typeof ctx.api.getChatMember>>;
    try {
      member = await ctx.api.getChatMember(chat.id, user.id);
    } catch (err) {
      // Unknown is not an admin: the member gets the admins-only answer rather than an error, and the next
      // try asks again (nothing is remembered).
      ctx.logger?.warn({ err }, "getChatMember failed: treating the member as not an admin");
      return false;
    }
    const admin = member.status === "creator" || member.status === "administrator";
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(key, { admin, until: now + ADMIN_TTL_MS });
    return admin;
  }
}
