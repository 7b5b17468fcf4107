import { FormattedString } from "@grammyjs/parse-mode";
import type { Card, CardLabels } from "../../../content/schema.js";
import { shareRow } from "../inline/share.js";
import { lines } from "../text.js";
import { button, localizer, menuButton, type Part, type Screen, screen, type View } from "../view.js";

/**
 * The interface wording of a card: its own label where the story gives one, else generic wording built from
 * its title (a football story's card must not be called a prisoner exchange).
 */
export function cardLabel(view: View, card: Card, which: keyof CardLabels): string {
  const { say } = localizer(view);
  const own = card.labels?.[which];
  if (own !== undefined) return say(own);
  const title = say(card.title);
  switch (which) {
    case "button":
    case "back":
      return view.t("btn-card", { title });
    case "command":
      return title;
    case "help":
      return view.t("card-help", { title });
    case "sources":
      return view.t("card-sources-title", { title });
  }
}

/** A fact card: each group of facts under its title, one fact a line. */
export function cardScreen(view: View, id: string): Screen | undefined {
  const { story, t } = view;
  const card = story.cards.get(id);
  if (!card) return undefined;
  const text = localizer(view);
  const groups = card.groups.map((group) =>
    lines(
      FormattedString.b(text.say(group.title)),
      ...group.facts.map((fact) => FormattedString.b(`${text.say(fact.label)}: `).plain(text.say(fact.text))),
    ),
  );
  const head = FormattedString.b(text.say(card.title));
  const ways = [button(view, t("btn-sources"), { to: "card-sources", id })];
  if (story.speakers.length > 0)
    ways.push(button(view, t("btn-quotes"), { to: "speakers", back: { to: "card", id } }));
  const facts = card.groups.flatMap((group) => group.facts);
  // A card of one fact is shared (and copied) as that fact; a fuller card as the whole card.
  const [only] = facts;
  const item =
    facts.length === 1 && only
      ? { story, kind: "fact" as const, fact: only, card }
      : { story, kind: "card" as const, card };
  return screen(view, [head, ...groups, ...text.note()], [shareRow(view, item), ways, [menuButton(view)]]);
}

/** The paragraphs a card rests on, in reading order. */
export function cardSourcesScreen(view: View, id: string): Screen | undefined {
  const { story } = view;
  const card = story.cards.get(id);
  if (!card) return undefined;
  const cited = new Set(card.groups.flatMap((group) => group.facts.flatMap((fact) => fact.paragraphs)));
  const text = localizer(view);
  const paragraphs: Part[] = story.data.sections
    .flatMap((section) => section.paragraphs)
    .filter((paragraph) => cited.has(paragraph.id))
    .map((paragraph) => text.block(paragraph, (body) => FormattedString.blockquote(body)));
  return screen(
    view,
    [FormattedString.b(cardLabel(view, card, "sources")), ...paragraphs, ...text.note()],
    [[button(view, cardLabel(view, card, "back"), { to: "card", id }), menuButton(view)]],
  );
}
