import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { FluentBundle, FluentResource, type FluentVariable } from "@fluent/bundle";
import type { Lang } from "../content/schema.js";
import { packageRoot } from "../package-root.js";
import { isolate } from "./render/bidi.js";
import type { Translate } from "./render/view.js";

/** The interface languages; every `.ftl` file in `locales/` must define the same keys. */
export const LANGS: readonly Lang[] = ["ar", "en"];

// Found from the package root, so the same code works bundled in dist/ (see scripts/build.mjs).
const LOCALES_DIR = join(packageRoot(import.meta.url), "locales");

/** Renders UI strings: `t("ar", "btn-menu")`, `t("en", "quotes-tries-left", { count: 2 })`. */
export interface Translations {
  t(locale: string, key: string, variables?: Record<string, string | number>): string;
}

/**
 * The Fluent translations of `locales/<lang>.ftl`, through @fluent/bundle directly. (@grammyjs/i18n did the
 * same through a Deno compatibility layer whose loading was the largest part of start-up; the bot uses
 * none of its middleware.) Behaviour is the plugin's: a key missing in a language falls back to the default
 * language, a key missing everywhere renders as `{key}` with a warning, `key.attr` reads an attribute.
 *
 * `useIsolating` is off deliberately: Fluent would wrap every placeable in FSI…PDI, and a line that starts
 * with an isolate has no strong character outside it, so Telegram would show it left-to-right. We isolate
 * Latin runs ourselves (see `translator`) and direct lines in the renderer.
 */
export class FluentTranslations implements Translations {
  private readonly bundles = new Map<string, FluentBundle>();

  constructor(
    private readonly defaultLocale: Lang,
    directory: string = LOCALES_DIR,
  ) {
    for (const file of readdirSync(directory).sort()) {
      if (!file.endsWith(".ftl")) continue;
      const locale = file.slice(0, -4);
      const bundle = new FluentBundle(locale, {
        useIsolating: false,
        // ISOLATE($n) in a message: the number shown in an isolate, while `$n` still selects the plural form.
        functions: { ISOLATE: ([value]) => isolate(String(fluentValue(value))) },
      });
      const errors = bundle.addResource(new FluentResource(readFileSync(join(directory, file), "utf8")));
      if (errors.length > 0) throw new Error(`${file}: ${errors.map((e) => e.message).join("; ")}`);
      this.bundles.set(locale, bundle);
    }
  }

  t(locale: string, key: string, variables?: Record<string, string | number>): string {
    const [id = key, attribute] = key.split(".", 2);
    const own = this.bundles.get(locale) ?? this.bundles.get(locale.split("-")[0]?.toLowerCase() ?? "");
    const fallback = this.bundles.get(this.defaultLocale);
    for (const bundle of own === fallback ? [own] : [own, fallback]) {
      const message = bundle?.getMessage(id);
      if (!bundle || !message) continue;
      const pattern = attribute === undefined ? message.value : message.attributes[attribute];
      if (pattern) return bundle.formatPattern(pattern, variables as Record<string, FluentVariable>);
    }
    console.warn(`The translation "${key}" is missing in the locales: ${locale}`);
    return `{${key}}`;
  }
}

/** The translations, with `defaultLocale` as the fallback for keys a language lacks. */
export function createI18n(defaultLocale: Lang): FluentTranslations {
  return new FluentTranslations(defaultLocale);
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

/** Variables that only select a variant (`$gender -> [m] … [f] …`) and are never shown: never isolated. */
const SELECTORS: ReadonlySet<string> = new Set(["gender"]);

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
      safe[name] = typeof value === "string" && !SELECTORS.has(name) ? isolate(value) : value;
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
