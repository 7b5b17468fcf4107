import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { QUOTES_CONVERSATION, type QuotesArgs } from "../conversations/quotes.js";
import type { QuotesQuestions } from "../conversations/quotes-question.js";
import type { ReaderViews } from "../reader-views.js";
import { askScreen } from "../render/screens/conversation-screens.js";
import { renderRoute } from "../render/screens/index.js";
import { missingScreen } from "../render/screens/menu.js";
import { ambiguousNameScreen, speakersScreen, unknownNameScreen } from "../render/screens/quotes.js";
import type { Back } from "../routes.js";
import { onRoute } from "../routing.js";
import { present } from "../show/present.js";
import { answerWithScreen, replyScreen } from "../show/show-screen.js";
import { resolveName } from "../typed/resolve-name.js";
import { answerText, rememberQuery } from "../typed/typed-text.js";

/**
 * Starts the quotes question. In private chats it is a conversation that also accepts a typed name; in
 * groups the bot does not read plain messages (privacy mode), so it offers the speaker buttons alone.
 */
export function startQuotes(views: ReaderViews, questions: QuotesQuestions) {
  return async (ctx: BotContext, input?: string, back?: Back): Promise<void> => {
    const view = views.of(ctx);
    if (view.story.speakers.length === 0 && !input) {
      // A story that quotes no one has no question to ask.
      const none = missingScreen(view);
      await (ctx.callbackQuery ? answerWithScreen(ctx, none) : replyScreen(ctx, none));
      return;
    }
    views.remember(ctx, view.story);
    if (input !== undefined && resolveName(view.story, input).kind === "none") {
      // Words that name no one but that the story holds (`/quotes exchange`): answer them as a search.
      const answered = answerText(view, input);
      if (answered.kind === "search") {
        if (answered.remember !== undefined) rememberQuery(ctx, view.story, answered.remember);
        await replyScreen(ctx, answered.screen);
        return;
      }
    }
    if (ctx.chat?.type === "private") {
      const story = view.story.data.id;
      const { key } = view.story;
      const args: QuotesArgs = {
        lang: view.lang,
        story,
        key,
        ...(input ? { input } : {}),
        ...(back ? { back } : {}),
      };
      // With a typed name it is the first answer: the conversation starts with it.
      if (input) {
        await ctx.conversation.enter(QUOTES_CONVERSATION, args);
        return;
      }
      // The question goes out here, and only a record of it is kept: the conversation is entered with the
      // reader's answer (see QuotesQuestions). Entering it here cost five commands for an update that only
      // waits; a step inside it would also be stored and replayed on every later update of it.
      const ask = askScreen(view, back);
      await (ctx.callbackQuery ? answerWithScreen(ctx, ask) : replyScreen(ctx, ask));
      await questions.ask(ctx, args);
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
export function quotesFeature(views: ReaderViews, questions: QuotesQuestions): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  const start = startQuotes(views, questions);
  feature.command("quotes", (ctx) => start(ctx, ctx.match.trim() || undefined));
  onRoute(feature, views, "speakers", (ctx, route) => start(ctx, undefined, route.back));
  onRoute(feature, views, "quotes", (ctx, route) => present(ctx, views, route));
  return feature;
}
