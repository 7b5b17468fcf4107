import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import type { ReaderViews } from "../reader-views.js";
import { missingScreen } from "../render/screens/menu.js";
import { onRoute } from "../routing.js";
import { present } from "../show/present.js";
import { replyScreen } from "../show/show-screen.js";

/** The command a message starts with, if it is addressed to this bot (`/cmd` or `/cmd@<bot>`). */
function commandOf(ctx: BotContext): string | undefined {
  const text = ctx.message?.text;
  const entity = ctx.message?.entities?.[0];
  if (text === undefined || entity?.type !== "bot_command" || entity.offset !== 0) return undefined;
  const [name, bot] = text.slice(1, entity.length).split("@");
  if (bot !== undefined && bot.toLowerCase() !== ctx.me.username.toLowerCase()) return undefined;
  return name?.toLowerCase();
}

/**
 * Fact cards: a card's button, its source paragraphs, and its command alias (`/exchange` opens the
 * prisoner-exchange card). Aliases are the story's data, so they are matched per update, not registered.
 */
export function cardsFeature(views: ReaderViews): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.on("message:entities:bot_command", async (ctx, next) => {
    const command = commandOf(ctx);
    if (command === undefined) return next();
    const view = views.of(ctx);
    const card = view.story.cardByCommand.get(command);
    if (card !== undefined) return present(ctx, views, { to: "card", id: card.id }, view);
    // Another story's card alias (it is in the command menu, which all stories share): not in this one.
    if (views.catalog.stories.some((story) => story.cardByCommand.has(command)))
      return replyScreen(ctx, missingScreen(view));
    return next();
  });
  onRoute(feature, views, "card", (ctx, route) => present(ctx, views, route));
  onRoute(feature, views, "card-sources", (ctx, route) => present(ctx, views, route));
  return feature;
}
