import { FormattedString } from "@grammyjs/parse-mode";
import { Composer, type StorageAdapter } from "grammy";
import type { InlineKeyboardButton } from "grammy/types";
import type { Lang } from "../../content/schema.js";
import { localize } from "../../content/story.js";
import type { BotContext } from "../context.js";
import type { ReaderViews } from "../reader-views.js";
import { sectionTitle } from "../render/screens/sections.js";
import { lines } from "../render/text.js";
import { button, menuButton, screen, type View } from "../render/view.js";
import { decodeRoute, encodeRoute, type Reported } from "../routes.js";
import { onRoute } from "../routing.js";

/** How long the editors may answer a report by replying to it. */
export const REPORT_REPLY_TTL_SECONDS = 30 * 24 * 60 * 60;
/** Reports one reader may send in a day (UTC). */
export const REPORTS_PER_DAY = 3;
/** How long the bot waits for the reader's words after "Report an error". */
export const REPORT_WAIT_MS = 30 * 60 * 1000;
/** The reader's words are cut here; a report is a note, not an article. */
const MAX_WORDS = 3000;
/** A quoted passage is cut here. */
const MAX_PASSAGE = 400;

/** What the bot keeps about a report the reader allowed the editors to answer: where to send the answer. */
export interface ReportReply {
  chat: number;
  lang: Lang;
  story: string;
}

/** What the report feature needs. */
export interface ReportDeps {
  views: ReaderViews;
  editorsChatId: number;
  /** Report messages in the editors' chat (by message id) to the reader who may be answered. */
  replies: StorageAdapter<ReportReply>;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function cut(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

/** The prompt's buttons: the "let the editors answer me" switch and Cancel. */
function promptKeyboard(view: View, answerable: boolean): InlineKeyboardButton[][] {
  return [
    [
      button(view, view.t(answerable ? "btn-report-answerable-on" : "btn-report-answerable-off"), {
        to: "report-answerable",
      }),
    ],
    [button(view, view.t("btn-report-cancel"), { to: "report-cancel" })],
  ];
}

/** The screen a report came from, in the editors' words. */
function describeScreen(view: View, data: string): string {
  const route = decodeRoute(data);
  const { story, t } = view;
  const say = (text: Parameters<typeof localize>[0]) => localize(text, view.lang, story.data.language).text;
  switch (route?.to) {
    case "full":
      return t("report-screen-full", { lang: route.lang ?? "" });
    case "section": {
      const section = story.sections.get(route.id);
      const index = section ? story.data.sections.indexOf(section) : -1;
      const title = section ? sectionTitle(view, section, index, say) : route.id;
      return t("report-screen-section", { title, id: route.id });
    }
    case "summary":
      return t("report-screen-summary");
    case "card":
    case "person":
    case "quotes":
      return t("report-screen-item", { kind: route.to, id: route.id });
    default:
      return t("report-screen-menu");
  }
}

/**
 * "Report an error": the ✍️ button of a story screen and `/report` ask the reader, in a private chat, to
 * write what is wrong; their next text goes to the editors' chat with the story, the screen and the passage,
 * without their name or id unless they ticked "let the editors answer me". A reply to that message in the
 * editors' chat is relayed to the reader who allowed it. A few reports per reader per day; nothing the
 * reader wrote is logged or stored (only where to send an answer, when they asked for one).
 */
export function reportFeature(deps: ReportDeps): Composer<BotContext> {
  const { views, editorsChatId, replies } = deps;
  const composer = new Composer<BotContext>();
  const editors = () => views.for(views.deps.defaultLang);

  // The editors' chat: a reply to a report is an answer for its reader; everything else there is theirs.
  composer.on("message", async (ctx, next) => {
    if (ctx.chat.id !== editorsChatId) return next();
    if (ctx.message.text?.startsWith("/")) return next();
    const replied = ctx.message.reply_to_message;
    if (replied === undefined || replied.from?.id !== ctx.me.id) return;
    const t = editors().t;
    const answer = (text: string) =>
      ctx.reply(text, { reply_parameters: { message_id: ctx.message.message_id } });
    const record = await replies.read(String(replied.message_id));
    if (record === undefined) return answer(t("report-no-answer"));
    if (ctx.message.text === undefined) return answer(t("report-answer-text-only"));
    const story = views.catalog.byId.get(record.story);
    const reader = views.for(record.lang, story ?? views.catalog.newest);
    const title = story ? localize(story.data.title, record.lang, story.data.language).text : record.story;
    const relayed = lines(
      FormattedString.b(reader.t("report-answer-head", { title })),
      FormattedString.blockquote(cut(ctx.message.text, MAX_WORDS)),
    );
    try {
      await ctx.api.sendMessage(record.chat, relayed.rawText, { entities: relayed.rawEntities });
    } catch {
      ctx.logger.warn("an editors' answer could not reach its reader");
      return answer(t("report-relay-failed"));
    }
    ctx.logger.info("an editors' answer was relayed to its reader");
    return answer(t("report-relayed"));
  });

  /** Asks the reader for their words, remembering the story, screen and passage the report is about. */
  const ask = async (ctx: BotContext, from: Reported | undefined, passage?: string) => {
    const view = views.of(ctx);
    const { t } = view;
    if (ctx.callbackQuery) await ctx.answerCallbackQuery();
    if (ctx.chat?.type !== "private") {
      await ctx.reply(t("report-private-only"));
      return;
    }
    const count = ctx.session?.reported?.day === today() ? ctx.session.reported.count : 0;
    if (count >= REPORTS_PER_DAY) {
      const shown = screen(
        view,
        [lines(t("report-limit", { count: REPORTS_PER_DAY }))],
        [[menuButton(view)]],
      );
      await ctx.reply(shown.messages[0]?.rawText ?? "", { reply_markup: shown.keyboard });
      return;
    }
    const title = localize(view.story.data.title, view.lang, view.story.data.language).text;
    const shown = screen(view, [lines(t("report-ask", { title }))], promptKeyboard(view, false));
    const message = shown.messages[0] ?? new FormattedString("");
    const sent = await ctx.reply(message.rawText, {
      entities: message.rawEntities,
      reply_markup: shown.keyboard,
    });
    ctx.session = {
      ...ctx.session,
      report: {
        story: view.story.data.id,
        screen: encodeRoute(from ?? { to: "menu" }),
        ...(passage !== undefined ? { passage } : {}),
        answerable: false,
        at: Date.now(),
        prompt: sent.message_id,
      },
    };
  };

  composer.command("report", (ctx) => {
    const reply = ctx.message?.reply_to_message;
    const quoted = ctx.message?.quote?.text ?? reply?.text;
    return ask(ctx, undefined, quoted === undefined ? undefined : cut(quoted, MAX_PASSAGE));
  });
  onRoute(composer, views, "report", (ctx, route) => {
    let passage: string | undefined;
    if (route.from?.to === "section") {
      const view = views.of(ctx);
      const section = view.story.sections.get(route.from.id);
      const first = section?.paragraphs[0];
      if (first !== undefined) passage = cut(first[view.story.data.language] ?? "", MAX_PASSAGE);
    }
    return ask(ctx, route.from, passage);
  });
  onRoute(composer, views, "report-answerable", async (ctx) => {
    const view = views.of(ctx);
    const report = ctx.session?.report;
    if (report === undefined) {
      await ctx.answerCallbackQuery({ text: view.t("stale-button") });
      return;
    }
    const answerable = !report.answerable;
    ctx.session = { ...ctx.session, report: { ...report, answerable } };
    await ctx.answerCallbackQuery();
    const keyboard = screen(view, [], promptKeyboard(view, answerable)).keyboard;
    await ctx.editMessageReplyMarkup(keyboard ? { reply_markup: keyboard } : {});
  });
  onRoute(composer, views, "report-cancel", async (ctx) => {
    const view = views.of(ctx);
    if (ctx.session?.report !== undefined) {
      const { report: _dropped, ...rest } = ctx.session;
      ctx.session = rest;
    }
    await ctx.answerCallbackQuery();
    const shown = screen(view, [lines(view.t("report-cancelled"))], [[menuButton(view)]]);
    await ctx.editMessageText(shown.messages[0]?.rawText ?? "", {
      entities: shown.messages[0]?.rawEntities ?? [],
      ...(shown.keyboard ? { reply_markup: shown.keyboard } : {}),
    });
  });

  // The reader's words, while a report waits for them.
  composer.on("message", async (ctx, next) => {
    const report = ctx.session?.report;
    if (report === undefined || ctx.chat.type !== "private") return next();
    if (ctx.message.text?.startsWith("/")) return next();
    const { report: _taken, ...rest } = ctx.session ?? {};
    if (Date.now() - report.at > REPORT_WAIT_MS) {
      ctx.session = rest;
      return next();
    }
    const view = views.of(ctx);
    const { t } = view;
    const words = ctx.message.text;
    if (words === undefined || words.trim() === "") {
      await ctx.reply(t("report-text-only"));
      return;
    }
    const story = views.catalog.byId.get(report.story) ?? view.story;
    const staff = views.for(views.deps.defaultLang, story);
    const et = staff.t;
    const title = localize(story.data.title, staff.lang, story.data.language).text;
    const parts: Array<FormattedString | string> = [
      FormattedString.b(et("report-editors-head")),
      et("report-editors-story", { title, id: story.data.id }),
      et("report-editors-screen", { screen: describeScreen(staff, report.screen) }),
    ];
    if (report.passage !== undefined && report.passage !== "") {
      parts.push(et("report-editors-passage"), FormattedString.blockquote(report.passage));
    }
    parts.push(et("report-editors-words"), FormattedString.blockquote(cut(words, MAX_WORDS)));
    // The reader's name only when they asked to be answered; their id never leaves the bot's store.
    parts.push(
      report.answerable
        ? et("report-editors-answerable", { name: ctx.from.first_name })
        : et("report-editors-anonymous"),
    );
    const message = lines(...parts);
    let sent: { message_id: number };
    try {
      sent = await ctx.api.sendMessage(editorsChatId, message.rawText, { entities: message.rawEntities });
    } catch {
      ctx.logger.warn({ story: story.data.id }, "a report could not reach the editors' chat");
      await ctx.reply(t("report-failed"));
      return;
    }
    if (report.answerable) {
      await replies.write(String(sent.message_id), {
        chat: ctx.chat.id,
        lang: view.lang,
        story: story.data.id,
      });
    }
    const count = rest.reported?.day === today() ? rest.reported.count : 0;
    ctx.session = { ...rest, reported: { day: today(), count: count + 1 } };
    ctx.logger.info({ story: story.data.id }, "a reader's report was sent to the editors' chat");
    const thanks = screen(
      view,
      [lines(t(report.answerable ? "report-sent-answerable" : "report-sent"))],
      [[menuButton(view)]],
    );
    await ctx.reply(thanks.messages[0]?.rawText ?? "", {
      entities: thanks.messages[0]?.rawEntities ?? [],
      ...(thanks.keyboard ? { reply_markup: thanks.keyboard } : {}),
    });
  });
  return composer;
}

/**
 * `/report` on a bot without an editors' chat: says that reports are not taken here, with the menu, rather
 * than leaving a command the bot knows unanswered.
 */
export function reportUnavailable(views: ReaderViews): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command("report", async (ctx) => {
    const view = views.of(ctx);
    const shown = screen(view, [lines(view.t("report-unavailable"))], [[menuButton(view)]]);
    const message = shown.messages[0] ?? new FormattedString("");
    await ctx.reply(message.rawText, {
      entities: message.rawEntities,
      ...(shown.keyboard ? { reply_markup: shown.keyboard } : {}),
    });
  });
  return composer;
}
