import type { Route } from "../../src/bot/routes.js";
import type { Story } from "../../src/content/story.js";
import { hasTranslation } from "../../src/content/story.js";

/**
 * Every screen a story can show, one route each: what the render tests check and the walk must reach. Only
 * the parts the story has: no summary screen without a summary, no translation without one.
 */
export function screenRoutes(story: Story): Route[] {
  const other = story.data.language === "ar" ? "en" : "ar";
  return [
    { to: "menu" },
    ...(story.data.summary.length > 0 ? [{ to: "summary" } as const] : []),
    { to: "full", lang: story.data.language },
    ...(hasTranslation(story, other) ? [{ to: "full", lang: other } as const] : []),
    { to: "toc" },
    ...story.data.sections.map((s): Route => ({ to: "section", id: s.id })),
    ...(story.speakers.length > 0 ? [{ to: "speakers" } as const] : []),
    ...story.speakers.map((p): Route => ({ to: "quotes", id: p.id })),
    ...story.data.cards.flatMap((c): Route[] => [
      { to: "card", id: c.id },
      { to: "card-sources", id: c.id },
    ]),
    ...(story.data.people.length > 0 ? [{ to: "people" } as const] : []),
    ...story.data.people.map((p): Route => ({ to: "person", id: p.id })),
    // The whole paragraphs behind the sentences a person screen shows of someone not quoted.
    ...story.data.people
      .filter((p) => !story.quotesBy.has(p.id) && p.mentions.length > 0)
      .map((p): Route => ({ to: "mentions", id: p.id })),
    { to: "language" },
    { to: "help" },
  ];
}
