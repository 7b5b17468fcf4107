import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { QUOTES_CONVERSATION, type QuotesArgs } from "../conversations/quotes.js";
import { present } from "../helpers/present.js";
import { resolveName } from "../helpers/resolve-name.js";
import { onRoute } from "../helpers/routing.js";
import { answerWithScreen, replyScreen } from "../helpers/show-screen.js";
import type { Views } from "../helpers/views.js";
import { renderRoute } from "../render/screens/index.js";
import { missingScreen } from "../render/screens/menu.js";
import { ambiguousNameScreen, speakersScreen, unknownNameScreen } from "../render/screens/quotes.js";

/**
 * Starts the quotes question. In private chats it is a conversation that also accepts a typed name; in
 * groups the bot does not read plain messages (privacy mode), so it offers the speaker buttons alone.
 */
export function startQuotes(views: Views) {
  return async (ctx: BotContext, input?: string): Promise<void> => {
    const view = views.of(ctx);
    if (view.story.speakers.length === 0 && !input) {
      // A story that quotes no one has no question to ask.
      const none = missingScreen(view);
      await (ctx.callbackQuery ? answerWithScreen(ctx, none) : replyScreen(ctx, none));
      return;
    }
    views.remember(ctx, view.story);
    if (ctx.chat?.type === "private") {
      const story = view.story.data.id;
      const { key } = view.story;
      const args: QuotesArgs = input
        ? { lang: view.lang, story, key, input }
        : { lang: view.lang, story, key };
      await ctx.conversation.enter(QUOTES_CONVERSATION, args);
      return;
    }
    if (input) {
      const outcome = resolveName(view.story, input);
      const screen =
        outcome.kind === "one"
          ? renderRoute({ to: "person", id: outcome.person.id }, view)
          : outcome.kind === "many"
            ? ambiguousNameScreen(view, outcome.people, { inConversation: false })
            : unknownNameScreen(view);
      if (screen) await replyScreen(ctx, screen);
      return;
    }
    const ask = speakersScreen(view, { inConversation: false });
    await (ctx.callbackQuery ? answerWithScreen(ctx, ask) : replyScreen(ctx, ask));
  };
}

/** `/quotes [name]`: a speaker's quotes; without a name it asks whose. */
export function quotesFeature(views: Views): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  const start = startQuotes(views);
  feature.command("quotes", (ctx) => start(ctx, ctx.match.trim() || undefined));
  onRoute(feature, views, "speakers", (ctx) => start(ctx));
  onRoute(feature, views, "quotes", (ctx, route) => present(ctx, views, route));
  return feature;
}
