import type { Conversation } from "@grammyjs/conversations";
import type { Context } from "grammy";
import { LEGACY_STORY_ID } from "../../content/library.js";
import type { Lang } from "../../content/schema.js";
import type { BotContext, ConversationContext } from "../context.js";
import type { ReaderViews } from "../reader-views.js";
import { renderRoute } from "../render/screens/index.js";
import {
  ambiguousNameScreen,
  gaveUpScreen,
  speakersScreen,
  unknownNameScreen,
} from "../render/screens/quotes.js";
import { lines } from "../render/text.js";
import { menuButton, screen, type View } from "../render/view.js";
import { type Back, decodeTarget } from "../routes.js";
import { answerWithScreen, replyScreen } from "../show/show-screen.js";
import { resolveName } from "../typed/resolve-name.js";

/** The conversation's id, for `ctx.conversation.enter`. Explicit, so minifiers cannot rename it. */
export const QUOTES_CONVERSATION = "quotes";

/**
 * The version of the conversation's recorded steps. Bump it whenever the sequence of waits and API calls
 * below changes: stored conversations of an older shape are then dropped instead of replayed wrongly.
 * 2: the question no longer re-edits a pressed message that already shows it (see `editScreen`).
 * 3: the question is asked before the conversation starts (see `startQuotes`), so it is no longer a step.
 * 4: each answer first checks (as a recorded step) that the conversation's story is still served.
 * 5: typed words that name no one but that the story holds leave the question for a search.
 * 6: the conversation is entered with the reader's answer (see `QuotesQuestions`): without `input`, the
 *    update that enters it is the first answer, handled before any wait.
 * 7: a recognised typo and a message without letters (an emoji, a sticker) no longer cost a try.
 */
export const QUOTES_CONVERSATION_VERSION = 7;

/**
 * Failed tries (unknown names, ambiguous names) before the conversation ends. A name one letter away from
 * someone's (offered as "did you mean") and a message without letters (an emoji, a sticker) cost none:
 * the reader was understood, or sent nothing to understand.
 */
export const MAX_TRIES = 3;

/** Arguments of `enter`: stored with the conversation, so they must be JSON. */
export interface QuotesArgs {
  /** The reader's interface language when they started. */
  lang: Lang;
  /** The story (id) whose quotes the reader asked for; absent in conversations begun before stories. */
  story?: string;
  /** That story's key, so its buttons are told from other stories' even after it is taken down. */
  key?: string;
  /** A name typed with the command (`/quotes trump`), handled as the first answer. */
  input?: string;
  /** The screen the question was asked from (its Quotes button's), where Cancel returns; absent: the menu. */
  back?: Back;
}

type QuotesConversation = Conversation<BotContext, ConversationContext>;

function isCommand(ctx: Context): boolean {
  return ctx.message?.entities?.some((e) => e.type === "bot_command" && e.offset === 0) ?? false;
}

/** Whether typed text is no one's name but words the story holds. */
function isSearch(view: View, text: string): boolean {
  return (
    resolveName(view.story, text).kind === "none" && view.story.search.search(text, { limit: 1 }).length > 0
  );
}

/** The question a conversation (or a waiting question) asks: its story, that story's view, its buttons. */
export interface Question {
  storyId: string;
  /** The reader's view of the story; of the newest if the story is gone (then nothing of it is sent). */
  view: View;
  /** Whether the story is still served. */
  served(): boolean;
  /** A button of this question's story: keyed with its key, or keyless data of the legacy story. */
  ours(target: { key: string | undefined }): boolean;
}

/** The question that `args` describe. */
export function questionOf(views: ReaderViews, args: QuotesArgs): Question {
  const storyId = args.story ?? LEGACY_STORY_ID;
  const found = views.catalog.byId.get(storyId);
  const key = args.key ?? found?.key;
  return {
    storyId,
    view: views.for(args.lang, found ?? views.catalog.newest),
    served: () => views.catalog.byId.has(storyId),
    ours: (target) => (target.key === undefined ? storyId === LEGACY_STORY_ID : target.key === key),
  };
}

/**
 * What an update is to the question: an answer (a button of it, a typed name, another message), an update
 * that leaves it (any other button or command, words the story holds that name no one), or one that passes
 * by (edits, reactions and the like). The conversation and the waiting question both decide by this.
 */
export function answerKind(ctx: Context, question: Question): "answer" | "leave" | "pass" {
  const data = ctx.callbackQuery?.data;
  if (data !== undefined) {
    const target = decodeTarget(data);
    const route = target && question.ours(target) ? target.route : undefined;
    return route?.to === "quotes" || route?.to === "person" || route?.to === "speakers" ? "answer" : "leave";
  }
  const text = ctx.message?.text;
  if (text !== undefined) return isCommand(ctx) || isSearch(question.view, text) ? "leave" : "answer";
  return ctx.message ? "answer" : "pass";
}

/**
 * The answer that settles the question by itself, if `ctx` is one: a speaker's or person's button of the
 * question's story that still exists, or a typed name that is one person's. Everything else (a miss,
 * several people, a stale button, a message without text) needs the conversation and its tries. Call it
 * only for an update {@link answerKind} calls an answer, of a question whose story is served.
 */
export async function answerAtOnce(ctx: Context, question: Question): Promise<boolean> {
  const { view } = question;
  const data = ctx.callbackQuery?.data;
  if (data !== undefined) {
    const route = decodeTarget(data)?.route;
    const shown = route?.to === "quotes" || route?.to === "person" ? renderRoute(route, view) : undefined;
    if (shown === undefined) return false;
    await answerWithScreen(ctx, shown);
    return true;
  }
  const text = ctx.message?.text;
  const outcome = text === undefined ? undefined : resolveName(view.story, text);
  const shown =
    outcome?.kind === "one" ? renderRoute({ to: "person", id: outcome.person.id }, view) : undefined;
  if (shown === undefined) return false;
  await replyScreen(ctx, shown);
  return true;
}

/** Whether typed text has no letters to read a name from (emoji, digits, punctuation). */
function letterless(text: string): boolean {
  return !/\p{L}/u.test(text);
}

/** A screen for a typed name, whether it settles the question, and whether it costs a try. */
function answerName(view: View, input: string, triesLeft: number, back: Back | undefined) {
  if (letterless(input))
    return {
      done: false,
      free: true,
      screen: speakersScreen(view, {
        inConversation: true,
        lead: [view.t("quotes-not-text")],
        ...(back ? { back } : {}),
      }),
    };
  const outcome = resolveName(view.story, input);
  if (outcome.kind === "one")
    return { done: true, free: false, screen: renderRoute({ to: "person", id: outcome.person.id }, view) };
  if (outcome.kind === "many")
    return {
      done: false,
      free: false,
      screen: ambiguousNameScreen(view, outcome.people, { inConversation: true, ...(back ? { back } : {}) }),
    };
  const near = view.story.names
    .suggest(input)
    .filter((found) => found.distance === 1)
    .map((found) => view.story.people.get(found.id))
    .filter((person) => person !== undefined);
  // A recognised typo is offered back without costing a try; a miss costs one.
  if (near.length > 0)
    return { done: false, free: true, screen: unknownNameScreen(view, triesLeft + 1, near, back) };
  return { done: false, free: false, screen: unknownNameScreen(view, triesLeft, near, back) };
}

/**
 * Asks whose quotes the reader wants and answers with them. The reader taps a speaker or types a name in any
 * spelling; an unknown name gets the list of speakers and another try, up to three. `/cancel` and the Cancel
 * button end it (handled before this conversation, see the cancel feature); any other command or button
 * leaves it and works as usual. It is replayed on every update, so it keeps its loop short and bounded.
 */
export function createQuotesConversation(views: ReaderViews) {
  // The question went out before: `startQuotes` asks, and the conversation is entered with the answer
  // (`ctx`), or, with a name typed after the command (`args.input`), with that command.
  return async function quotes(conversation: QuotesConversation, ctx: ConversationContext, args: QuotesArgs) {
    const question = questionOf(views, args);
    // Gone only when the story was taken down: the check before each answer then ends the conversation,
    // so what earlier replayed steps render is never sent.
    const { view } = question;
    const { t } = view;
    let failures = 0;
    let input = args.input;
    let current: Context = ctx;
    // Without a typed name the update that entered is the first answer, handled before any wait.
    let answered = input === undefined;

    for (;;) {
      if (input !== undefined) {
        const answer = answerName(view, input, MAX_TRIES - failures - 1, args.back);
        if (answer.done && answer.screen) {
          await replyScreen(current, answer.screen);
          return;
        }
        if (!answer.free) failures++;
        if (failures >= MAX_TRIES) {
          await replyScreen(current, gaveUpScreen(view));
          return;
        }
        if (answer.screen) await replyScreen(current, answer.screen);
        input = undefined;
      }

      if (answered) answered = false;
      else current = await conversation.wait();
      if (!(await conversation.external(() => question.served()))) {
        // The story was taken down while the reader was being asked: say so, never answer from another.
        if (current.callbackQuery) await answerWithScreen(current, undefined, t("stale-button"));
        else {
          // With the menu of a story still served, so the reader has a way on.
          const served = views.for(args.lang);
          await replyScreen(current, screen(served, [lines(t("story-gone"))], [[menuButton(served)]]));
        }
        return;
      }
      const kind = answerKind(current, question);
      // Edits, reactions and the like are not answers; let the rest of the bot see them.
      if (kind === "pass") await conversation.skip({ next: true });
      // Any other button or command leaves the conversation and does what it does anywhere else; words
      // that name no one but that the story holds are a question to the story: the search outside answers
      // them (it keeps the query in the session for its pages).
      if (kind === "leave") await conversation.halt({ next: true });
      // A speaker's button or a name that is one person's settles it, as it does the waiting question.
      if (await answerAtOnce(current, question)) return;
      const data = current.callbackQuery?.data;
      if (data !== undefined) {
        // Someone the story no longer has, or the question's own Quotes button (it already shows it).
        const speakers = decodeTarget(data)?.route.to === "speakers";
        await answerWithScreen(current, undefined, speakers ? undefined : t("stale-button"));
      } else if (current.message?.text !== undefined) {
        input = current.message.text;
      } else {
        // A sticker, a photo: nothing to read a name from, so no try is spent.
        await replyScreen(
          current,
          speakersScreen(view, {
            inConversation: true,
            lead: [t("quotes-not-text")],
            ...(args.back ? { back: args.back } : {}),
          }),
        );
      }
    }
  };
}
