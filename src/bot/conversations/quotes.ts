import type { Conversation } from "@grammyjs/conversations";
import type { Context } from "grammy";
import { LEGACY_STORY_ID } from "../../content/library.js";
import type { Lang } from "../../content/schema.js";
import type { BotContext, ConversationContext } from "../context.js";
import { resolveName } from "../helpers/resolve-name.js";
import { answerWithScreen, replyScreen } from "../helpers/show-screen.js";
import type { Views } from "../helpers/views.js";
import { renderRoute } from "../render/screens/index.js";
import {
  ambiguousNameScreen,
  gaveUpScreen,
  speakersScreen,
  unknownNameScreen,
} from "../render/screens/quotes.js";
import { lines } from "../render/text.js";
import { menuButton, screen, type View } from "../render/view.js";
import { decodeTarget } from "../routes.js";

/** The conversation's id, for `ctx.conversation.enter`. Explicit, so minifiers cannot rename it. */
export const QUOTES_CONVERSATION = "quotes";

/**
 * The version of the conversation's recorded steps. Bump it whenever the sequence of waits and API calls
 * below changes: stored conversations of an older shape are then dropped instead of replayed wrongly.
 * 2: the question no longer re-edits a pressed message that already shows it (see `editScreen`).
 * 3: each answer first checks (as a recorded step) that the conversation's story is still served.
 * 4: typed words that name no one but that the story holds leave the question for a search.
 */
export const QUOTES_CONVERSATION_VERSION = 4;

/** Failed tries (unknown names, ambiguous names, non-text) before the conversation ends. */
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

/** A screen for a typed name, and whether it settles the question. */
function answerName(view: View, input: string, triesLeft: number) {
  const outcome = resolveName(view.story, input);
  if (outcome.kind === "one")
    return { done: true, screen: renderRoute({ to: "person", id: outcome.person.id }, view) };
  if (outcome.kind === "many")
    return { done: false, screen: ambiguousNameScreen(view, outcome.people, { inConversation: true }) };
  const near = view.story.names
    .suggest(input)
    .filter((found) => found.distance === 1)
    .map((found) => view.story.people.get(found.id))
    .filter((person) => person !== undefined);
  return { done: false, screen: unknownNameScreen(view, triesLeft, near) };
}

/**
 * Asks whose quotes the reader wants and answers with them. The reader taps a speaker or types a name in any
 * spelling; an unknown name gets the list of speakers and another try, up to three. `/cancel` and the Cancel
 * button end it (handled before this conversation, see the cancel feature); any other command or button
 * leaves it and works as usual. It is replayed on every update, so it keeps its loop short and bounded.
 */
export function createQuotesConversation(views: Views) {
  return async function quotes(conversation: QuotesConversation, ctx: ConversationContext, args: QuotesArgs) {
    const storyId = args.story ?? LEGACY_STORY_ID;
    const found = views.catalog.byId.get(storyId);
    const key = args.key ?? found?.key;
    // Gone only when earlier steps are replayed after the story was taken down; the check after the next
    // wait then ends the conversation, so what these replayed steps render is never sent.
    const view = views.for(args.lang, found ?? views.catalog.newest);
    /** A button of this conversation's story: keyed with its key, or keyless data of the legacy story. */
    const ours = (target: { key: string | undefined }) =>
      target.key === undefined ? storyId === LEGACY_STORY_ID : target.key === key;
    const { t } = view;
    let failures = 0;
    let input = args.input;
    let current: Context = ctx;

    if (input === undefined) {
      const ask = speakersScreen(view, { inConversation: true });
      await (ctx.callbackQuery ? answerWithScreen(ctx, ask) : replyScreen(ctx, ask));
    }
    for (;;) {
      if (input !== undefined) {
        const answer = answerName(view, input, MAX_TRIES - failures - 1);
        if (answer.done && answer.screen) {
          await replyScreen(current, answer.screen);
          return;
        }
        failures++;
        if (failures >= MAX_TRIES) {
          await replyScreen(current, gaveUpScreen(view));
          return;
        }
        if (answer.screen) await replyScreen(current, answer.screen);
        input = undefined;
      }

      current = await conversation.wait();
      if (!(await conversation.external(() => views.catalog.byId.has(storyId)))) {
        // The story was taken down while the reader was being asked: say so, never answer from another.
        if (current.callbackQuery) await answerWithScreen(current, undefined, t("stale-button"));
        else {
          // With the menu of a story still served, so the reader has a way on.
          const served = views.for(args.lang);
          await replyScreen(current, screen(served, [lines(t("story-gone"))], [[menuButton(served)]]));
        }
        return;
      }
      const data = current.callbackQuery?.data;
      if (data !== undefined) {
        const target = decodeTarget(data);
        // Only buttons of this conversation's story answer it; any other leaves it (below).
        const route = target && ours(target) ? target.route : undefined;
        if (route?.to === "quotes" || route?.to === "person") {
          const shown = renderRoute(route, view);
          if (shown) {
            await answerWithScreen(current, shown);
            return;
          }
          await answerWithScreen(current, undefined, t("stale-button"));
        } else if (route?.to === "speakers") {
          await answerWithScreen(current, undefined);
        } else {
          // Any other button leaves the conversation and does what it does anywhere else.
          await conversation.halt({ next: true });
        }
      } else if (current.message?.text !== undefined) {
        if (isCommand(current)) await conversation.halt({ next: true });
        // Words that name no one but that the story holds are a question to the story: the question
        // ends and the search outside answers them (it keeps the query in the session for its pages).
        if (isSearch(view, current.message.text)) await conversation.halt({ next: true });
        input = current.message.text;
      } else if (current.message) {
        failures++;
        if (failures >= MAX_TRIES) {
          await replyScreen(current, gaveUpScreen(view));
          return;
        }
        await replyScreen(
          current,
          speakersScreen(view, { inConversation: true, lead: [t("quotes-not-text")] }),
        );
      } else {
        // Edits, reactions and the like are not answers; let the rest of the bot see them.
        await conversation.skip({ next: true });
      }
    }
  };
}
