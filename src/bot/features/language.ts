import { Composer } from "grammy";
import type { Lang } from "../../content/schema.js";
import type { BotContext } from "../context.js";
import type { ReaderViews } from "../reader-views.js";
import { renderRoute } from "../render/screens/index.js";
import { onRoute } from "../routing.js";
import { present } from "../show/present.js";
import { answerWithScreen } from "../show/show-screen.js";

/**
 * `/language`: Arabic or English interface, remembered per reader. `chosen` hears each choice (pushes
 * follow the chat's language).
 */
export function languageFeature(
  views: ReaderViews,
  chosen?: (ctx: BotContext, lang: Lang) => Promise<void>,
): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.command("language", (ctx) => present(ctx, views, { to: "language" }));
  onRoute(feature, views, "language", (ctx, route) => present(ctx, views, route));
  onRoute(feature, views, "set-language", async (ctx, route) => {
    // In a group the choice is the chat's (kept by `chatLanguage`), never the member's own: their private
    // chat keeps the language they read it in.
    const group = ctx.chat?.type === "group" || ctx.chat?.type === "supergroup";
    if (!group) ctx.session = { ...ctx.session, lang: route.lang };
    // The pressed message turns into the menu in the new language; the toast confirms the choice.
    const view = views.for(route.lang, views.storyOf(ctx));
    views.remember(ctx, view.story);
    await chosen?.(ctx, route.lang);
    const notice = view.t(group ? "language-set-group" : "language-set");
    await answerWithScreen(ctx, renderRoute({ to: "menu" }, view), notice);
  });
  return feature;
}
