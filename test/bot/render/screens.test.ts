import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createI18n, translator } from "../../../src/bot/i18n.js";
import { FSI, PDI, startsRtl } from "../../../src/bot/render/bidi.js";
import { renderRoute } from "../../../src/bot/render/screens/index.js";
import { sectionScreen } from "../../../src/bot/render/screens/sections.js";
import { MESSAGE_LIMIT } from "../../../src/bot/render/text.js";
import type { Screen, View } from "../../../src/bot/render/view.js";
import { decodeTarget, type Route } from "../../../src/bot/routes.js";
import type { Lang } from "../../../src/content/schema.js";
import { screenRoutes } from "../screen-routes.js";
import { exchangeCard, realStory } from "../story-fixture.js";

const story = realStory();
const exchange = exchangeCard(story);
const i18n = createI18n("ar");
const view = (lang: Lang): View => ({ story, lang, t: translator(i18n, lang), stories: [story] });
const render = (route: Route, lang: Lang): Screen => {
  const screen = renderRoute(route, view(lang));
  if (!screen) throw new Error(`no screen for ${JSON.stringify(route)}`);
  return screen;
};
const textOf = (screen: Screen) => screen.messages.map((m) => m.text).join("\n");
/** Every page of the full text in one language, as the reader pages through them. */
const fullPages = (lang: Lang, ui: Lang): Screen[] => {
  const out: Screen[] = [];
  for (let page = 0; page < 20; page++) {
    const screen = render({ to: "full", lang, page }, ui);
    if (out.length > 0 && textOf(screen) === textOf(out[out.length - 1] as Screen)) break;
    out.push(screen);
  }
  return out;
};
const labels = (screen: Screen) => screen.keyboard?.inline_keyboard.flat().map((b) => b.text) ?? [];
const routes = (screen: Screen) =>
  screen.keyboard?.inline_keyboard
    .flat()
    .flatMap((b) => ("callback_data" in b ? [decodeTarget(b.callback_data)?.route] : [])) ?? [];

const SCREENS = screenRoutes(story);

describe.each(["ar", "en"] as const)("every screen in %s", (lang) => {
  it.each(SCREENS)("%j fits Telegram, has live buttons and resolved strings", (route) => {
    const screen = render(route, lang);
    expect(screen.messages.length).toBeGreaterThan(0);
    for (const message of screen.messages) {
      expect(message.text.length).toBeGreaterThan(0);
      expect(message.text.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
      for (const e of message.entities) expect(e.offset + e.length).toBeLessThanOrEqual(message.text.length);
      // Fluent prints an unknown key or variable as its name in braces.
      expect(message.text).not.toMatch(/\{\s*\$|[a-z]+-[a-z]+-?[a-z]*$/m);
    }
    for (const target of routes(screen)) expect(target).toBeDefined();
  });
});

describe("the Arabic interface displays right-to-left", () => {
  // The English translation is English content: its lines keep their own direction.
  it.each(SCREENS.filter((r) => !(r.to === "full" && r.lang === "en")))(
    "%j: every line and button label starts right-to-left; Latin runs are isolated",
    (route) => {
      const screen = render(route, "ar");
      for (const message of screen.messages) {
        for (const line of message.text.split("\n"))
          if (line !== "") expect(startsRtl(line), line).toBe(true);
        const bare = message.text.replace(new RegExp(`${FSI}[^${PDI}]*${PDI}`, "g"), "");
        expect(bare).not.toMatch(/[A-Za-z]/);
      }
      for (const label of labels(screen)) {
        expect(startsRtl(label), label).toBe(true);
        expect(label.replace(new RegExp(`${FSI}[^${PDI}]*${PDI}`, "g"), "")).not.toMatch(/[A-Za-z0-9]/);
      }
    },
  );
});

describe("full text", () => {
  const paragraphs = story.data.sections.flatMap((s) => s.paragraphs);

  it("is pages of one message each holding every paragraph of the original verbatim, in order", () => {
    const pages = fullPages("ar", "ar");
    for (const page of pages) expect(page.messages).toHaveLength(1);
    const text = pages.map(textOf).join("\n");
    let from = 0;
    for (const p of paragraphs) {
      const at = text.indexOf(p.ar ?? "", from);
      expect(at, p.id).toBeGreaterThanOrEqual(from);
      from = at + (p.ar ?? "").length;
    }
    const source = readFileSync("test/fixtures/stories/putin-trump-call/source.ar.txt", "utf8").split("\n");
    for (const line of source) expect(text).toContain(line);
  });

  it("shows only the original's own subheading in bold, no editorial titles", () => {
    const bold = fullPages("ar", "ar").flatMap(({ messages: [message] }) =>
      (message?.entities ?? [])
        .filter((e) => e.type === "bold")
        .map((e) => message?.text.slice(e.offset, e.offset + e.length)),
    );
    expect(bold).toEqual(["صفقة تبادل للسجناء"]);
  });

  it("the original offers its translation and the translation its original, in either interface", () => {
    expect(routes(render({ to: "full", lang: "ar" }, "en"))).toContainEqual({ to: "full", lang: "en" });
    expect(routes(render({ to: "full", lang: "ar" }, "ar"))).toContainEqual({ to: "full", lang: "en" });
    expect(routes(render({ to: "full", lang: "en" }, "en"))).toContainEqual({ to: "full", lang: "ar" });
    expect(routes(render({ to: "full" }, "en"))).toContainEqual({ to: "full", lang: "ar" });
    const english = fullPages("en", "en").map(textOf).join("\n");
    for (const p of paragraphs) expect(english).toContain(p.en);
    const inArabicUi = fullPages("en", "ar")
      .map((page) => page.messages[0]?.text ?? "")
      .join("\n");
    for (const p of paragraphs) expect(inArabicUi).toContain(`\n${p.en}`);
  });
});

describe("sections", () => {
  it("open in one message each, with edges handled", () => {
    const ids = story.data.sections.map((s) => s.id);
    ids.forEach((id, i) => {
      for (const lang of ["ar", "en"] as const) {
        const screen = sectionScreen(view(lang), id);
        expect(screen?.messages).toHaveLength(1);
        const nav = screen ? routes(screen) : [];
        expect(nav.some((r) => r?.to === "section" && r.id === ids[i - 1])).toBe(i > 0);
        expect(nav.some((r) => r?.to === "section" && r.id === ids[i + 1])).toBe(i < ids.length - 1);
      }
    });
  });

  it("an unknown section renders nothing (a stale button)", () => {
    expect(sectionScreen(view("ar"), "gone")).toBeUndefined();
  });
});

describe("quotes", () => {
  it("give every quote of a speaker with its section; English shows the translation alone, marked once", () => {
    const quotes = story.quotesBy.get("trump") ?? [];
    expect(quotes).toHaveLength(7);
    const ar = textOf(render({ to: "quotes", id: "trump" }, "ar"));
    const en = textOf(render({ to: "quotes", id: "trump" }, "en"));
    for (const q of quotes) {
      expect(ar).toContain(q.ar);
      expect(ar).not.toContain(q.en);
      expect(en).not.toContain(q.ar);
      expect(en).toContain(q.en);
    }
    expect(en.split("Translated from the Arabic report.")).toHaveLength(2);
    expect(ar).toContain("تصريح ترامب");
    expect(en).toContain("Trump's statement");
  });

  it("speaker buttons show each speaker's number of quotes", () => {
    expect(labels(render({ to: "speakers" }, "en"))).toEqual(
      expect.arrayContaining(["Donald Trump (7)", "Dmitry Peskov (2)"]),
    );
    expect(labels(render({ to: "speakers" }, "ar"))).toContain(`دونالد ترامب (${FSI}7${PDI})`);
  });

  it("a person without quotes is told apart, with their role and what the story says", () => {
    const text = textOf(render({ to: "person", id: "zelensky" }, "en"));
    expect(text).toContain("The story does not quote Zelensky directly.");
    expect(text).toContain(story.people.get("zelensky")?.role?.en);
    expect(text).not.toContain(story.paragraphs.get("statement-4")?.en);
    expect(text).toContain(
      "Donald Trump said:\n“…We also agreed that our teams will begin negotiations immediately",
    );
  });

  it("a quoted person's button leads to their quotes", () => {
    expect(textOf(render({ to: "person", id: "peskov" }, "ar"))).toContain(
      story.quotesBy.get("peskov")?.[0]?.ar,
    );
  });
});

describe("exchange", () => {
  it("shows every fact in the reader's language and links to its sources", () => {
    for (const lang of ["ar", "en"] as const) {
      const screen = render({ to: "card", id: "exchange" }, lang);
      const text = textOf(screen);
      for (const fact of exchange.groups.flatMap((g) => g.facts)) expect(text).toContain(fact.text[lang]);
      expect(routes(screen)).toContainEqual({ to: "card-sources", id: "exchange" });
    }
    const sources = textOf(render({ to: "card-sources", id: "exchange" }, "ar"));
    expect(sources).toContain(story.paragraphs.get("exchange-2")?.ar);
  });
});

describe("locales", () => {
  it("define the same keys in Arabic and English", () => {
    const keys = (file: string) =>
      new Set([...readFileSync(file, "utf8").matchAll(/^([a-z][a-z0-9-]*) =/gm)].map((m) => m[1]));
    expect(keys("locales/ar.ftl")).toEqual(keys("locales/en.ftl"));
  });
});
