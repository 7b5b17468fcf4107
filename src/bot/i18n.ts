import { fileURLToPath } from "node:url";
import { I18n } from "@grammyjs/i18n";
import type { Context } from "grammy";
import type { Lang } from "../content/schema.js";
import { isolate } from "./render/bidi.js";
import type { Translate } from "./render/view.js";

/** The interface languages; every `.ftl` file in `locales/` must define the same keys. */
export const LANGS: readonly Lang[] = ["ar", "en"];

const LOCALES_DIR = fileURLToPath(new URL("../../locales", import.meta.url));

/**
 * The Fluent translations. `useIsolating` is off deliberately: Fluent would wrap every placeable in
 * FSI…PDI, and a line that starts with an isolate has no strong character outside it, so Telegram would
 * show it left-to-right. We isolate Latin runs ourselves (see `translator`) and direct lines in the renderer.
 */
export function createI18n<C extends Context>(defaultLocale: Lang): I18n<C> {
  return new I18n<C>({
    defaultLocale,
    directory: LOCALES_DIR,
    fluentBundleOptions: {
      useIsolating: false,
      // ISOLATE($n) in a message: the number shown in an isolate, while `$n` still selects the plural form.
      functions: { ISOLATE: ([value]) => isolate(String(fluentValue(value))) },
    },
  });
}

/** The part of `I18n` that renders a string; any `I18n<C>` has it. */
export interface Translations {
  t(locale: string, key: string, variables?: Record<string, string | number>): string;
}

/** Fluent hands functions its own wrappers (FluentNumber has `.value`); plain strings come as they are. */
function fluentValue(value: unknown): unknown {
  return typeof value === "object" && value !== null && "value" in value ? value.value : value;
}

/** Maps Telegram's `language_code` (e.g. "ar-EG", "en-US") to an interface language. */
export function langFromTelegram(code: string | undefined, fallback: Lang): Lang {
  if (code === undefined || code === "") return fallback;
  return code.toLowerCase().startsWith("ar") ? "ar" : "en";
}

/** Distinct strings a translator remembers per language before it starts over (a bound, never reached). */
const TRANSLATION_CACHE_LIMIT = 5000;

/**
 * A `Translate` for one language. In the Arabic interface, string variables with Latin letters or digits are
 * isolated so they cannot reorder the Arabic around them; numbers stay numbers so Fluent picks the right
 * plural form and formats them for the locale.
 *
 * Results are remembered: a translation depends only on its key and variables, and `@grammyjs/i18n`
 * negotiates the locale against every bundle on each call, which made translating a tenth of the bot's CPU
 * time per update (see bench/).
 */
export function translator(i18n: Translations, lang: Lang): Translate {
  const translate: Translate = (key, vars) => {
    if (!vars || lang !== "ar") return i18n.t(lang, key, vars);
    const safe: Record<string, string | number> = {};
    for (const [name, value] of Object.entries(vars))
      safe[name] = typeof value === "string" ? isolate(value) : value;
    return i18n.t(lang, key, safe);
  };
  const cache = new Map<string, string>();
  return (key, vars) => {
    const id = vars === undefined ? key : `${key}\u0000${JSON.stringify(vars)}`;
    let text = cache.get(id);
    if (text === undefined) {
      text = translate(key, vars);
      if (cache.size >= TRANSLATION_CACHE_LIMIT) cache.clear();
      cache.set(id, text);
    }
    return text;
  };
}
