import type { MiddlewareFn, StorageAdapter } from "grammy";
import type { Lang } from "../../content/schema.js";
import type { BotContext } from "../context.js";
import type { ReaderViews } from "../reader-views.js";
import { decodeTarget } from "../routes.js";

/** What the bot remembers per group chat (the session stays keyed by user). */
export interface ChatRecord {
  /** The language the bot writes in here: that of the member who opened it, or the last one chosen here. */
  lang: Lang;
}

const isGroup = (ctx: BotContext): boolean => ctx.chat?.type === "group" || ctx.chat?.type === "supergroup";

/**
 * A group's messages are shared, so they keep one language: the chat's. The first member to use the bot in
 * a group sets it (their own language); a language chosen with /language there changes it for the chat.
 * Every answer in the group, and every edit of a pressed message, is in that language (see `ReaderViews.lang`), so
 * one member's tap never rewrites a shared message into their language; a member who reads another language
 * gets a toast in their own, saying so. Private chats are untouched.
 */
export function chatLanguage(
  views: ReaderViews,
  chats: StorageAdapter<ChatRecord>,
): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    if (!isGroup(ctx) || ctx.chat === undefined) return next();
    const key = String(ctx.chat.id);
    const own = views.lang(ctx);
    const target = ctx.callbackQuery?.data === undefined ? undefined : decodeTarget(ctx.callbackQuery.data);
    const chosen = target?.route.to === "set-language" ? target.route.lang : undefined;
    const stored = await chats.read(key);
    const lang = chosen ?? stored?.lang ?? own;
    if (stored?.lang !== lang) await chats.write(key, { lang });
    ctx.chatLang = lang;
    if (ctx.callbackQuery && chosen === undefined && own !== lang) {
      // Only this update's Api (grammY builds one per update): a press answered without a notice of its own
      // gets the toast, in the member's language.
      const toast = views.for(own).t("group-language-toast", { lang });
      ctx.api.config.use((prev, method, payload, signal) =>
        method === "answerCallbackQuery" && !("text" in payload && payload.text)
          ? prev(method, { ...payload, text: toast }, signal)
          : prev(method, payload, signal),
      );
    }
    return next();
  };
}
