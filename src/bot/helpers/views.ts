import type { Lang } from "../../content/schema.js";
import type { Story } from "../../content/story.js";
import type { BotContext } from "../context.js";
import { LANGS, langFromTelegram, type Translations, translator } from "../i18n.js";
import type { View } from "../render/view.js";

/** What every feature needs to render for a reader. */
export interface ReaderDeps {
  readonly story: Story;
  readonly i18n: Translations;
  /** The language for readers whose Telegram client sends no language code. */
  readonly defaultLang: Lang;
}

/** Decides each reader's language and hands out the (cached, immutable) view for it. */
export class Views {
  private readonly byLang: ReadonlyMap<Lang, View>;

  constructor(readonly deps: ReaderDeps) {
    this.byLang = new Map(
      LANGS.map((lang) => [lang, { story: deps.story, lang, t: translator(deps.i18n, lang) }]),
    );
  }

  /**
   * The reader's language: their own choice if they made one, else their Telegram client's. Updates with
   * no sender have no session, so they get the client-less default.
   */
  lang(ctx: BotContext): Lang {
    if (ctx.from === undefined) return this.deps.defaultLang;
    return ctx.session?.lang ?? langFromTelegram(ctx.from.language_code, this.deps.defaultLang);
  }

  /** The view for a language. */
  for(lang: Lang): View {
    const view = this.byLang.get(lang);
    if (!view) throw new Error(`no interface language "${lang}"`);
    return view;
  }

  /** The view for the reader behind an update. */
  of(ctx: BotContext): View {
    return this.for(this.lang(ctx));
  }
}
