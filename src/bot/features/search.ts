import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import type { ReaderViews } from "../reader-views.js";
import { searchUsageScreen } from "../render/screens/search.js";
import { onRoute } from "../routing.js";
import { answerWithScreen, replyScreen } from "../show/show-screen.js";
import { answerText, rememberQuery, resultsPage } from "../typed/typed-text.js";

/** A message that starts with a command (`/foo`): not a question to the story, whatever follows. */
function isCommand(ctx: BotContext): boolean {
  return ctx.message?.entities?.some((e) => e.type === "bot_command" && e.offset === 0) ?? false;
}

/**
 * Typed text is a question to the story the reader is in: in a private chat any text that is not a command,
 * and in every chat `/search <words>` (bots do not read plain group messages). A name opens that person,
 * other words search the story, and nothing found says so with what is near. Results pages are buttons
 * that carry the query's token; the query waits in the reader's session.
 */
export function searchFeature(views: ReaderViews): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  const answer = async (ctx: BotContext, input: string) => {
    const view = views.of(ctx);
    const answered = answerText(view, input);
    views.remember(ctx, view.story);
    if (answered.remember !== undefined) rememberQuery(ctx, view.story, answered.remember);
    await replyScreen(ctx, answered.screen);
  };
  feature.command("search", async (ctx) => {
    const words = ctx.match.trim();
    if (words === "") await replyScreen(ctx, searchUsageScreen(views.of(ctx)));
    else await answer(ctx, words);
  });
  onRoute(feature, views, "results", async (ctx, route) => {
    const view = views.of(ctx);
    const shown = resultsPage(ctx, view, route.token, route.page);
    await answerWithScreen(ctx, shown, shown ? undefined : view.t("stale-button"));
  });
  feature
    .chatType("private")
    .on("message:text", (ctx, next) => (isCommand(ctx) ? next() : answer(ctx, ctx.message.text)));
  return feature;
}
