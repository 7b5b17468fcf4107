import {
  type ConversationData,
  conversations,
  createConversation,
  type VersionedState,
} from "@grammyjs/conversations";
import { Bot, type BotConfig, type Context, type MiddlewareFn, session } from "grammy";
import type { Logger } from "pino";
import type { StorySource } from "../content/library.js";
import type { Lang } from "../content/schema.js";
import type { FollowStore } from "../push/follow-store.js";
import { skipUnchanged } from "../storage/skip-unchanged.js";
import type { Store } from "../storage/types.js";
import { ChatAdmins } from "./chats/chat-admins.js";
import { type ChatRecord, chatLanguage } from "./chats/chat-language.js";
import type { BotContext, ConversationContext, SessionData } from "./context.js";
import {
  createQuotesConversation,
  QUOTES_CONVERSATION,
  QUOTES_CONVERSATION_VERSION,
} from "./conversations/quotes.js";
import { QuotesQuestions, type StoredQuestion } from "./conversations/quotes-question.js";
import { handleError } from "./errors.js";
import { cancelFeature } from "./features/cancel.js";
import { cardsFeature } from "./features/cards.js";
import { correctionsFeature } from "./features/corrections.js";
import { fallbackFeature } from "./features/fallback.js";
import { FollowFeature } from "./features/follow.js";
import { fullTextFeature } from "./features/full-text.js";
import { guestFeature } from "./features/guest.js";
import { helpFeature } from "./features/help.js";
import { type InlineOptions, inlineFeature } from "./features/inline.js";
import { languageFeature } from "./features/language.js";
import { peopleFeature } from "./features/people.js";
import { quotesFeature, startQuotes } from "./features/quotes.js";
import {
  REPORT_REPLY_TTL_SECONDS,
  type ReportReply,
  reportFeature,
  reportUnavailable,
} from "./features/report.js";
import { searchFeature } from "./features/search.js";
import { sectionsFeature } from "./features/sections.js";
import { startFeature } from "./features/start.js";
import { storiesFeature } from "./features/stories.js";
import { summaryFeature } from "./features/summary.js";
import { withdrawnFeature } from "./features/withdrawn.js";
import { createI18n, langFromTelegram, type Translations } from "./i18n.js";
import { ReaderViews } from "./reader-views.js";
import { withdrawnNotice } from "./render/screens/withdrawn.js";
import { decodeTarget } from "./routes.js";
import { takeAnswered } from "./show/answered.js";

/** How long a reader may leave the quotes question unanswered before it lapses. */
export const CONVERSATION_WAIT_MS = 30 * 60 * 1000;
/** Abandoned conversations vanish from storage after a day without a write. */
export const CONVERSATION_TTL_SECONDS = 24 * 60 * 60;
/** Reader sessions (language, place) are kept for half a year after their last change. */
export const SESSION_TTL_SECONDS = 180 * 24 * 60 * 60;

/** Everything the bot is built from; the composition root owns no globals. */
export interface BotDeps {
  token: string;
  /** The stories served (a reloading library, or a fixed catalog); read anew for every update. */
  stories: StorySource;
  store: Store;
  logger: Logger;
  /** The interface language for readers whose client sends no language code. */
  defaultLang: Lang;
  /** Passed to grammY: `client` (Bot API root, fetch) and `botInfo` (skips `getMe`, for tests). */
  botConfig?: BotConfig<BotContext>;
  /** Middleware installed first, before anything reads state (de-duplication, rate limiting, ordering). */
  guards?: MiddlewareFn<BotContext>[];
  /** Middleware run on every context inside conversations (e.g. re-installing API transformers there). */
  conversationPlugins?: MiddlewareFn<ConversationContext>[];
  /** The inline-query rate limit per reader (default `INLINE_RATE_LIMIT`). */
  inline?: InlineOptions;
  /** What chats follow and how they want pushes (shared with the push engine). */
  follows: FollowStore;
  /** The chat readers' error reports go to; without one, "Report an error" is not offered. */
  editorsChatId?: number;
}

/** The built bot with the pieces the entry point and tests need alongside it. */
export interface BuiltBot {
  bot: Bot<BotContext>;
  i18n: Translations;
  views: ReaderViews;
}

/** Only updates from a person in a private chat or group reach the features and their state. */
function fromReader(ctx: Context): boolean {
  return ctx.from !== undefined && ctx.chat !== undefined && ctx.chat.type !== "channel";
}

/**
 * The composition root: plugins in a fixed order, then one Composer per feature, the catch-all last.
 *
 * Order matters. Inline queries are answered first, from the stories alone. Guards run next. The session
 * comes before conversations, which see only updates with a chat and a sender: chat-less updates would
 * otherwise share one storage record under the key "undefined". `/cancel` sits before the conversation so
 * it can end it; the features sit after it so they can enter it.
 */
export function createBot(deps: BotDeps): BuiltBot {
  const bot = new Bot<BotContext>(deps.token, deps.botConfig);
  const i18n = createI18n(deps.defaultLang);
  const views = new ReaderViews({
    stories: deps.stories,
    i18n,
    defaultLang: deps.defaultLang,
    reports: deps.editorsChatId !== undefined,
  });
  const questions = new QuotesQuestions(
    deps.store.adapter<StoredQuestion>("question", { ttlSeconds: CONVERSATION_TTL_SECONDS }),
    CONVERSATION_WAIT_MS,
  );

  bot.use(async (ctx, next) => {
    ctx.logger = deps.logger.child({ update_id: ctx.update.update_id });
    try {
      await next();
    } finally {
      if (ctx.callbackQuery) takeAnswered(ctx.callbackQuery.id);
    }
  });
  const guarded = bot.errorBoundary(handleError(views));
  // Inline queries read no reader state and write nothing, not even a de-duplication mark: they come
  // before the guards (they have their own rate limit) and the session.
  guarded.use(inlineFeature(views, deps.inline));
  // Guest messages (a mention in a chat the bot is not in) likewise: answered once, from no reader state.
  guarded.use(guestFeature(views, deps.inline));
  for (const guard of deps.guards ?? []) guarded.use(guard);

  const readers = guarded.filter(fromReader);
  readers.use(
    session<SessionData | undefined, BotContext>({
      getSessionKey: (ctx) => ctx.from?.id.toString(),
      storage: skipUnchanged(
        deps.store.adapter<SessionData | undefined>("session", { ttlSeconds: SESSION_TTL_SECONDS }),
      ),
    }),
  );
  readers.use(
    chatLanguage(views, deps.store.adapter<ChatRecord>("chat", { ttlSeconds: SESSION_TTL_SECONDS })),
  );
  readers.use(
    conversations<BotContext, ConversationContext>({
      // Keyed by chat id, the plugin's default; abandoned conversations expire with the TTL.
      storage: {
        type: "key",
        version: QUOTES_CONVERSATION_VERSION,
        adapter: deps.store.adapter<VersionedState<ConversationData>>("conv", {
          ttlSeconds: CONVERSATION_TTL_SECONDS,
        }),
      },
      plugins: deps.conversationPlugins ?? [],
    }),
  );
  readers.use(questions.load());
  readers.use(cancelFeature(views, questions));
  // A withdrawn story's buttons and links say so, whatever else (a waiting question) would take them.
  readers.use(withdrawnFeature(views));
  readers.use(
    createConversation(createQuotesConversation(views), {
      id: QUOTES_CONVERSATION,
      maxMillisecondsToWait: CONVERSATION_WAIT_MS,
    }),
  );
  readers.use(questions.answers(views));
  if (deps.editorsChatId !== undefined) {
    readers.use(
      reportFeature({
        views,
        editorsChatId: deps.editorsChatId,
        replies: deps.store.adapter<ReportReply>("report", { ttlSeconds: REPORT_REPLY_TTL_SECONDS }),
      }),
    );
  } else readers.use(reportUnavailable(views));
  const askQuotes = startQuotes(views, questions);
  const following = new FollowFeature({ views, follows: deps.follows, admins: new ChatAdmins() });
  readers.use(
    startFeature(
      views,
      (ctx) => askQuotes(ctx),
      (ctx, route, view) => following.link(ctx, route, view),
    ),
    storiesFeature(views),
    summaryFeature(views),
    fullTextFeature(views),
    sectionsFeature(views),
    quotesFeature(views, questions),
    cardsFeature(views),
    peopleFeature(views),
    correctionsFeature(views),
    languageFeature(views, (ctx, lang) => following.languageChosen(ctx, lang)),
    helpFeature(views),
    searchFeature(views),
    following.composer(),
    fallbackFeature(views),
  );
  // Button presses without a chat (on inline messages) still deserve an answer: a withdrawn story's say so.
  guarded.on("callback_query", (ctx) => {
    const lang = langFromTelegram(ctx.from.language_code, deps.defaultLang);
    const target = ctx.callbackQuery.data === undefined ? undefined : decodeTarget(ctx.callbackQuery.data);
    const withdrawn = target && !views.storyOfTarget(target) ? views.withdrawnOfTarget(target) : undefined;
    const view = views.for(lang);
    return ctx.answerCallbackQuery({
      text: withdrawn ? withdrawnNotice(view, withdrawn) : view.t("stale-button"),
    });
  });
  return { bot, i18n, views };
}
