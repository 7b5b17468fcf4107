import { Composer } from "grammy";
import type { InlineKeyboardButton, InlineKeyboardMarkup } from "grammy/types";
import type { FollowStore, PushPrefs, Topic } from "../../push/follow-store.js";
import { zoneOfCode } from "../../push/zones.js";
import { type ChatAdmins, isGroupChat } from "../chats/chat-admins.js";
import type { BotContext } from "../context.js";
import type { ReaderViews } from "../reader-views.js";
import {
  type FollowState,
  followScreen,
  follows,
  hourLabel,
  knownPerson,
  quietScreen,
  topicText,
  unfollowAllScreen,
  whenScreen,
  zoneLabel,
  zonesScreen,
} from "../render/screens/follow.js";
import { renderRoute } from "../render/screens/index.js";
import { button, type Screen, type View } from "../render/view.js";
import type { Route } from "../routes.js";
import { onRoute, type RouteContext } from "../routing.js";
import { markAnswered } from "../show/answered.js";
import { answerWithScreen, replyScreen } from "../show/show-screen.js";
import { isNotModified, isQueryTooOld, isUneditable } from "../telegram-errors.js";
import { resolveName } from "../typed/resolve-name.js";

/** The routes a `/start` deep link may carry into this feature (`follow`, `following`, `follow-<person>`). */
export type FollowLink = Extract<Route, { to: "follow" } | { to: "following" } | { to: "follow-topic" }>;

/** Whether a deep link's route is one of this feature's. */
export function isFollowLink(route: Route): route is FollowLink {
  return route.to === "follow" || route.to === "following" || route.to === "follow-topic";
}

/** What the feature needs besides the views. */
export interface FollowDeps {
  views: ReaderViews;
  follows: FollowStore;
  admins: ChatAdmins;
}

/**
 * Following: `/follow` (new stories at once, then the settings), `/following` (the settings), `/unfollow`
 * (everything, after one question), their deep links, the 🔔 button of the menu, the settings' own
 * buttons (follow or stop one topic, when pushes come, quiet hours, the time zone) and the two buttons
 * every push carries besides its reading ones (🔕 Stop these, and its Undo; and screens opened from a push
 * as new messages, so the push stays as sent). Pushes go to the chat: a reader's private chat, or a group,
 * where only admins may change anything and the chat's language is the pushes' language.
 */
export class FollowFeature {
  constructor(private readonly deps: FollowDeps) {}

  /** The chat's follow state, as the screens show it. */
  private async state(ctx: BotContext): Promise<FollowState> {
    const chatId = this.chatId(ctx);
    const [topics, prefs] = await Promise.all([
      this.deps.follows.topicsOf(chatId),
      this.deps.follows.prefsOf(chatId),
    ]);
    return { topics, prefs, group: isGroupChat(ctx) };
  }

  private chatId(ctx: BotContext): number {
    const id = ctx.chat?.id;
    if (id === undefined) throw new Error("following needs a chat");
    return id;
  }

  /** The prefs a chat starts with: instant pushes in the chat's language. */
  private defaults(ctx: BotContext): PushPrefs {
    return { lang: this.deps.views.lang(ctx), mode: "instant" };
  }

  /** Whether the sender may change what the chat follows; a refused one is told why. */
  private async allowed(ctx: BotContext, view: View): Promise<boolean> {
    if (await this.deps.admins.mayChange(ctx)) return true;
    const refusal = view.t("group-admins-only");
    if (ctx.callbackQuery) await answerWithScreen(ctx, undefined, refusal);
    else await replyScreen(ctx, followScreen(view, await this.state(ctx), refusal));
    return false;
  }

  /** A topic this bot can follow now: a served story, a person some served story names. */
  private followable(view: View, topic: Topic): boolean {
    if (topic.kind === "story") return view.stories.some((story) => story.data.id === topic.storyId);
    if (topic.kind === "person") return knownPerson(view, topic.personId);
    return true;
  }

  /** Shows a screen: in place of the pressed message with a toast, or as a reply with the same words on top. */
  private async show(ctx: BotContext, render: (lead?: string) => Screen, notice?: string): Promise<void> {
    if (ctx.callbackQuery) await answerWithScreen(ctx, render(), notice);
    else await replyScreen(ctx, render(notice));
  }

  private async follow(ctx: BotContext, view: View, topic: Topic): Promise<void> {
    if (!(await this.allowed(ctx, view))) return;
    if (!this.followable(view, topic)) {
      const state = await this.state(ctx);
      await this.show(ctx, (lead) => followScreen(view, state, lead), view.t("follow-unknown"));
      return;
    }
    const before = await this.state(ctx);
    const already = follows(before, topic);
    if (!already) await this.deps.follows.follow(this.chatId(ctx), topic, this.defaults(ctx));
    const state = await this.state(ctx);
    const notice = already
      ? view.t("follow-already", { topic: topicText(view, topic) })
      : topic.kind === "new"
        ? view.t(state.group ? "followed-new-group" : "followed-new")
        : view.t("followed-topic", { topic: topicText(view, topic) });
    await this.show(ctx, (lead) => followScreen(view, state, lead), notice);
  }

  /**
   * `/follow <name>`: the person a typed name means (in any spelling the name index takes), in the story
   * the reader is in, else in the first other served story that knows it; a name several people share, or
   * nobody's, gets the settings with a line saying so (their buttons offer the story's people).
   */
  private async followName(ctx: BotContext, view: View, name: string): Promise<void> {
    let many = false;
    for (const story of [view.story, ...view.stories]) {
      const outcome = resolveName(story, name);
      if (outcome.kind === "one")
        return this.follow(ctx, view, { kind: "person", personId: outcome.person.id });
      if (outcome.kind === "many") {
        many = true;
        break;
      }
    }
    const state = await this.state(ctx);
    await replyScreen(
      ctx,
      followScreen(view, state, view.t(many ? "follow-name-many" : "follow-name-none", { name })),
    );
  }

  private async following(ctx: BotContext, view: View): Promise<void> {
    const state = await this.state(ctx);
    await this.show(ctx, (lead) => followScreen(view, state, lead));
  }

  private async unfollowAll(ctx: BotContext, view: View, sure: boolean): Promise<void> {
    if (!(await this.allowed(ctx, view))) return;
    const state = await this.state(ctx);
    if (state.topics.length === 0) {
      await this.show(ctx, (lead) => followScreen(view, state, lead), view.t("unfollow-nothing"));
      return;
    }
    if (!sure) {
      await this.show(ctx, () => unfollowAllScreen(view));
      return;
    }
    await this.deps.follows.forget(this.chatId(ctx));
    const after = await this.state(ctx);
    await this.show(ctx, (lead) => followScreen(view, after, lead), view.t("unfollowed-all"));
  }

  /**
   * Changes the chat's prefs. A chat that follows nothing has none (and nothing to time): it gets the
   * settings, which offer something to follow first. Setting an hour while the chat has no time zone asks
   * for one, once.
   */
  private async setPrefs(
    ctx: BotContext,
    view: View,
    change: (prefs: PushPrefs) => PushPrefs,
    notice: (prefs: PushPrefs) => string,
    asksHour: boolean,
  ): Promise<void> {
    if (!(await this.allowed(ctx, view))) return;
    const state = await this.state(ctx);
    if (state.prefs === undefined || state.topics.length === 0) {
      await this.show(ctx, (lead) => followScreen(view, state, lead), view.t("follow-first"));
      return;
    }
    const prefs = change(state.prefs);
    await this.deps.follows.setPrefs(this.chatId(ctx), prefs);
    if (asksHour && prefs.timeZone === undefined) {
      await this.show(ctx, () => zonesScreen(view, prefs, false, `${notice(prefs)} ${view.t("zone-ask")}`));
      return;
    }
    await this.show(ctx, (lead) => followScreen(view, { ...state, prefs }, lead), notice(prefs));
  }

  /** 🔕 Stop these on a push: stops its topic and turns the button into Undo (and Undo back). */
  private async stop(ctx: RouteContext, view: View, topic: Topic, stop: boolean): Promise<void> {
    if (!(await this.allowed(ctx, view))) return;
    const chatId = this.chatId(ctx);
    if (stop) await this.deps.follows.unfollow(chatId, topic);
    else await this.deps.follows.follow(chatId, topic, this.defaults(ctx));
    const swapped: InlineKeyboardButton.CallbackButton = stop
      ? button(view, view.t("btn-undo"), { to: "undo-stop", topic })
      : button(view, view.t("btn-stop-these"), { to: "stop", topic });
    const markup = swapButton(ctx.callbackQuery.message?.reply_markup, ctx.callbackQuery.data, swapped);
    markAnswered(ctx.callbackQuery.id);
    const notice = view.t(stop ? "stopped-these" : "stop-undone", { topic: topicText(view, topic) });
    const [answered, edited] = await Promise.allSettled([
      ctx.answerCallbackQuery({ text: notice }),
      markup ? ctx.editMessageReplyMarkup({ reply_markup: markup }) : undefined,
    ]);
    if (edited.status === "rejected" && !isNotModified(edited.reason) && !isUneditable(edited.reason))
      throw edited.reason;
    if (answered.status === "rejected" && !isQueryTooOld(answered.reason)) throw answered.reason;
  }

  /** A screen opened from a push: sent as a new message below it, so the push keeps what it says. */
  private async open(ctx: RouteContext, view: View, route: Route): Promise<void> {
    const shown = renderRoute(route, view);
    if (shown === undefined) {
      await answerWithScreen(ctx, undefined, view.t("stale-button"));
      return;
    }
    this.deps.views.remember(ctx, view.story);
    markAnswered(ctx.callbackQuery.id);
    const [answered, sent] = await Promise.allSettled([ctx.answerCallbackQuery(), replyScreen(ctx, shown)]);
    if (sent.status === "rejected") throw sent.reason;
    if (answered.status === "rejected" && !isQueryTooOld(answered.reason)) throw answered.reason;
  }

  /** Answers a follow deep link (`/start follow`, `/start following`, `/start follow-<person>`). */
  async link(ctx: BotContext, route: FollowLink, view: View): Promise<void> {
    if (route.to === "following") return this.following(ctx, view);
    return this.follow(ctx, view, route.to === "follow" ? { kind: "new" } : route.topic);
  }

  /** The feature's commands and buttons, as one Composer. */
  composer(): Composer<BotContext> {
    const { views } = this.deps;
    const composer = new Composer<BotContext>();
    composer.command("follow", (ctx) => {
      const view = views.of(ctx);
      const name = ctx.match.trim();
      if (name === "") return this.follow(ctx, view, { kind: "new" });
      return this.followName(ctx, view, name);
    });
    composer.command("following", (ctx) => this.following(ctx, views.of(ctx)));
    composer.command("unfollow", (ctx) => this.unfollowAll(ctx, views.of(ctx), false));
    onRoute(composer, views, "follow", (ctx) => this.follow(ctx, views.of(ctx), { kind: "new" }));
    onRoute(composer, views, "following", (ctx) => this.following(ctx, views.of(ctx)));
    onRoute(composer, views, "follow-topic", (ctx, route) => this.follow(ctx, views.of(ctx), route.topic));
    onRoute(composer, views, "unfollow-topic", async (ctx, route) => {
      const view = views.of(ctx);
      if (!(await this.allowed(ctx, view))) return;
      await this.deps.follows.unfollow(this.chatId(ctx), route.topic);
      const state = await this.state(ctx);
      await answerWithScreen(
        ctx,
        followScreen(view, state),
        view.t("unfollowed-topic", { topic: topicText(view, route.topic) }),
      );
    });
    onRoute(composer, views, "unfollow-all", (ctx, route) =>
      this.unfollowAll(ctx, views.of(ctx), route.sure === true),
    );
    onRoute(composer, views, "when", async (ctx) => {
      const view = views.of(ctx);
      await answerWithScreen(ctx, whenScreen(view, (await this.state(ctx)).prefs));
    });
    onRoute(composer, views, "set-when", (ctx, route) => {
      const view = views.of(ctx);
      const hour = route.hour;
      return this.setPrefs(
        ctx,
        view,
        (prefs) => {
          const { digestHour: _, ...rest } = prefs;
          return hour === undefined
            ? { ...rest, mode: "instant" }
            : { ...rest, mode: "digest", digestHour: hour };
        },
        () =>
          hour === undefined
            ? view.t("when-set-instant")
            : view.t("when-set-digest", { hour: hourLabel(hour) }),
        hour !== undefined,
      );
    });
    onRoute(composer, views, "quiet", async (ctx) => {
      const view = views.of(ctx);
      await answerWithScreen(ctx, quietScreen(view, (await this.state(ctx)).prefs));
    });
    onRoute(composer, views, "set-quiet", (ctx, route) => {
      const view = views.of(ctx);
      const window = route.window;
      return this.setPrefs(
        ctx,
        view,
        (prefs) => {
          const { quiet: _, ...rest } = prefs;
          return window === undefined ? rest : { ...rest, quiet: window };
        },
        () =>
          window === undefined
            ? view.t("quiet-set-off")
            : view.t("quiet-set", { from: hourLabel(window.from), to: hourLabel(window.to) }),
        window !== undefined,
      );
    });
    onRoute(composer, views, "zones", async (ctx, route) => {
      const view = views.of(ctx);
      await answerWithScreen(ctx, zonesScreen(view, (await this.state(ctx)).prefs, route.offsets === true));
    });
    onRoute(composer, views, "set-zone", (ctx, route) => {
      const view = views.of(ctx);
      const timeZone = zoneOfCode(route.zone);
      if (timeZone === undefined) return answerWithScreen(ctx, undefined, view.t("stale-button"));
      return this.setPrefs(
        ctx,
        view,
        (prefs) => ({ ...prefs, timeZone }),
        () => view.t("zone-set", { zone: zoneLabel(view.lang, timeZone) }),
        false,
      );
    });
    onRoute(composer, views, "stop", (ctx, route) => this.stop(ctx, views.of(ctx), route.topic, true));
    onRoute(composer, views, "undo-stop", (ctx, route) => this.stop(ctx, views.of(ctx), route.topic, false));
    onRoute(composer, views, "open", (ctx, route) => this.open(ctx, views.of(ctx), route.route));
    return composer;
  }

  /**
   * Keeps a chat's push language with the interface language chosen in it (`/language`): a reader's own
   * choice in private, the chat's in a group.
   */
  async languageChosen(ctx: BotContext, lang: PushPrefs["lang"]): Promise<void> {
    if (ctx.chat === undefined) return;
    const prefs = await this.deps.follows.prefsOf(ctx.chat.id);
    if (prefs !== undefined && prefs.lang !== lang)
      await this.deps.follows.setPrefs(ctx.chat.id, { ...prefs, lang });
  }
}

/** The pressed message's keyboard with one button (by its data) replaced, or `undefined` without it. */
export function swapButton(
  markup: InlineKeyboardMarkup | undefined,
  data: string,
  replacement: InlineKeyboardButton.CallbackButton,
): InlineKeyboardMarkup | undefined {
  if (markup === undefined) return undefined;
  let found = false;
  const inline_keyboard = markup.inline_keyboard.map((row) =>
    row.map((b) => {
      if (!("callback_data" in b) || b.callback_data !== data) return b;
      found = true;
      return replacement;
    }),
  );
  return found ? { inline_keyboard } : undefined;
}
