import type { Context, MiddlewareFn } from "grammy";
import type { FollowStore } from "./follow-store.js";

/**
 * Keeps following in step with what Telegram says of a chat, before any other handling: the bot removed
 * from a chat, or blocked by a reader (`my_chat_member` with `kicked` or `left`), ends that chat's
 * following; a group upgraded to a supergroup (a service message with `migrate_to_chat_id`) moves it to
 * the new id. Always passes the update on.
 */
export function followChatMembership<C extends Context>(follows: FollowStore): MiddlewareFn<C> {
  return async (ctx, next) => {
    const member = ctx.myChatMember;
    if (member !== undefined) {
      const status = member.new_chat_member.status;
      if (status === "kicked" || status === "left") await follows.forget(member.chat.id);
    }
    const to = ctx.message?.migrate_to_chat_id;
    if (to !== undefined && ctx.chat !== undefined) await follows.moveChat(ctx.chat.id, to);
    await next();
  };
}
