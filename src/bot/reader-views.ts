import { type Catalog, LEGACY_STORY_ID, type StorySource } from "../content/library.js";
import type { Lang } from "../content/schema.js";
import type { Story } from "../content/story.js";
import type { BotContext } from "./context.js";
import { LANGS, langFromTelegram, type Translations, translator } from "./i18n.js";
import type { View } from "./render/view.js";
import { decodeTarget, parseTargetPayload, type Target } from "./routes.js";

/** What every feature needs to render for a reader. */
export interface ReaderDeps {
  /** The stories served; read anew for every update, so a reload takes effect at once. */
  readonly stories: StorySource;
  readonly i18n: Translations;
  /** The language for readers whose Telegram client sends no language code. */
  readonly defaultLang: Lang;
  /** Whether "Report an error" is offered (an editors' chat is configured). */
  readonly reports?: boolean;
}

/** `/start <payload>` (or `/start@bot <payload>`): the payload, if the message is one. */
function startPayload(ctx: BotContext): string | undefined {
  const match = /^\/start(?:@\S+)?\s+(\S+)/.exec(ctx.message?.text ?? "");
  return match?.[1];
}

/**
 * Decides each reader's language and story, and hands out the (cached, immutable) view for them. ReaderViews are
 * cached per catalog, so a reload starts with fresh ones (and fresh screen caches).
 */
export class ReaderViews {
  private readonly translators: ReadonlyMap<Lang, ReturnType<typeof translator>>;
  private cached: { catalog: Catalog; views: Map<string, View> } | undefined;
  private readonly resolved = new WeakMap<object, Story | undefined>();

  constructor(readonly deps: ReaderDeps) {
    this.translators = new Map(LANGS.map((lang) => [lang, translator(deps.i18n, lang)]));
  }

  /** The catalog in force now. */
  get catalog(): Catalog {
    return this.deps.stories.current;
  }

  /**
   * The reader's language: their own choice if they made one, else their Telegram client's; in a group, the
   * chat's (see `chatLanguage`). Updates with no sender have no session, so they get the client-less default.
   */
  lang(ctx: BotContext): Lang {
    if (ctx.from === undefined) return this.deps.defaultLang;
    if (ctx.chatLang !== undefined) return ctx.chatLang;
    return ctx.session?.lang ?? langFromTelegram(ctx.from.language_code, this.deps.defaultLang);
  }

  /** The view for a language and a story (by default the newest). */
  for(lang: Lang, story: Story = this.catalog.newest): View {
    const catalog = this.catalog;
    if (this.cached?.catalog !== catalog) this.cached = { catalog, views: new Map() };
    const id = `${story.data.id}|${lang}`;
    let view = this.cached.views.get(id);
    if (view === undefined) {
      const t = this.translators.get(lang);
      if (!t) throw new Error(`no interface language "${lang}"`);
      view = { story, lang, t, stories: catalog.stories, reports: this.deps.reports === true };
      this.cached.views.set(id, view);
    }
    return view;
  }

  /** The served story a target names: its key's, or for keyless data the legacy story; else `undefined`. */
  storyOfTarget(target: Pick<Target, "key">): Story | undefined {
    const catalog = this.catalog;
    return target.key === undefined ? catalog.byId.get(LEGACY_STORY_ID) : catalog.byKey.get(target.key);
  }

  /**
   * The withdrawn story a target names (its key's, or for keyless data the legacy story's), if the editors
   * withdrew it: its buttons and deep links then say so instead of going stale.
   */
  withdrawnOfTarget(target: Pick<Target, "key">): Story | undefined {
    const withdrawn = this.catalog.withdrawn;
    if (target.key !== undefined) return withdrawn.get(target.key);
    for (const story of withdrawn.values()) if (story.data.id === LEGACY_STORY_ID) return story;
    return undefined;
  }

  /** The story the reader is in: the one they last opened, while it is served, else the newest. */
  currentStory(ctx: BotContext): Story {
    const id = ctx.session?.story;
    return (id === undefined ? undefined : this.catalog.byId.get(id)) ?? this.catalog.newest;
  }

  /**
   * The story an update is about: a button's or deep link's own story, else the reader's current one. A
   * button of a story no longer served resolves to the current story only for the wording of its notice
   * (its route is refused, see `routeOf`).
   */
  storyOf(ctx: BotContext): Story {
    const key = ctx.update;
    if (this.resolved.has(key)) return this.resolved.get(key) ?? this.currentStory(ctx);
    let story: Story | undefined;
    const data = ctx.callbackQuery?.data;
    const payload = startPayload(ctx);
    if (data !== undefined) {
      const target = decodeTarget(data);
      story = target ? this.storyOfTarget(target) : undefined;
    } else if (payload !== undefined) {
      const target = parseTargetPayload(payload);
      story = target ? this.storyOfTarget(target) : undefined;
    } else if (/^\/start(?:@\S+)?\s*$/.test(ctx.message?.text ?? "x")) {
      story = this.catalog.newest;
    }
    this.resolved.set(key, story);
    return story ?? this.currentStory(ctx);
  }

  /** The view for the reader behind an update. */
  of(ctx: BotContext): View {
    return this.for(this.lang(ctx), this.storyOf(ctx));
  }

  /**
   * Remembers the story the reader is now in, writing the session only when that changes what they would
   * get anyway (readers who stay with the newest story keep no state).
   */
  remember(ctx: BotContext, story: Story): void {
    if (ctx.from === undefined || this.currentStory(ctx).data.id === story.data.id) return;
    const { section: _, ...rest } = ctx.session ?? {};
    ctx.session = { ...rest, story: story.data.id };
  }

  /** The section the reader last opened, if it belongs to this story. */
  placeIn(ctx: BotContext, story: Story): string | undefined {
    const session = ctx.session;
    if (session?.section === undefined) return undefined;
    return (session.story ?? LEGACY_STORY_ID) === story.data.id ? session.section : undefined;
  }
}
