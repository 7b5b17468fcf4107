import type { Route } from "../../src/bot/routes.js";
import type { Story } from "../../src/content/story.js";

/** Every screen a story can show, one route each: what the render tests check and the walk must reach. */
export function screenRoutes(story: Story): Route[] {
  return [
    { to: "menu" },
    { to: "summary" },
    { to: "full", lang: "ar" },
    { to: "full", lang: "en" },
    { to: "toc" },
    ...story.data.sections.map((s): Route => ({ to: "section", id: s.id })),
    { to: "speakers" },
    ...story.speakers.map((p): Route => ({ to: "quotes", id: p.id })),
    ...story.data.cards.flatMap((c): Route[] => [
      { to: "card", id: c.id },
      { to: "card-sources", id: c.id },
    ]),
    { to: "people" },
    ...story.data.people.map((p): Route => ({ to: "person", id: p.id })),
    { to: "language" },
    { to: "help" },
  ];
}
