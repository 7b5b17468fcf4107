import type { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { present } from "../helpers/present.js";
import { Feature, onRoute } from "../helpers/routing.js";
import { answerWithScreen } from "../helpers/show-screen.js";
import type { Views } from "../helpers/views.js";
import { renderRoute } from "../render/screens/index.js";

/** `/language`: Arabic or English interface, remembered per reader in private, per chat in a group. */
export function languageFeature(views: Views): Composer<BotContext> {
  const feature = new Feature();
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
    const notice = view.t(group ? "language-set-group" : "language-set");
    await answerWithScreen(ctx, renderRoute({ to: "menu" }, view), notice);
  });
  return feature;
}
