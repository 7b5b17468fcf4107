import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { present } from "../helpers/present.js";
import { onRoute } from "../helpers/routing.js";
import type { Views } from "../helpers/views.js";

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
export function cardsFeature(views: Views): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.on("message:entities:bot_command", async (ctx, next) => {
    const command = commandOf(ctx);
    const card = command === undefined ? undefined : views.of(ctx).story.cardByCommand.get(command);
    if (card === undefined) return next();
    await present(ctx, views, { to: "card", id: card.id });
  });
  onRoute(feature, "card", (ctx, route) => present(ctx, views, route));
  onRoute(feature, "card-sources", (ctx, route) => present(ctx, views, route));
  return feature;
}
