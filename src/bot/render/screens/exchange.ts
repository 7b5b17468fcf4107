import { FormattedString } from "@grammyjs/parse-mode";
import { lines } from "../text.js";
import { button, menuButton, type Screen, screen, type View } from "../view.js";

/** The prisoner exchange as a card: each group of facts under its title, one fact a line. */
export function exchangeScreen(view: View): Screen {
  const { story, lang, t } = view;
  const { exchange } = story.data;
  const groups = exchange.groups.map((group) =>
    lines(
      FormattedString.b(group.title[lang]),
      ...group.facts.map((fact) => FormattedString.b(`${fact.label[lang]}: `).plain(fact.text[lang])),
    ),
  );
  return screen(
    view,
    [FormattedString.b(exchange.title[lang]), ...groups],
    [
      [button(view, t("btn-sources"), { to: "sources" }), button(view, t("btn-quotes"), { to: "speakers" })],
      [menuButton(view)],
    ],
  );
}

/** The paragraphs the exchange card rests on, in reading order. */
export function sourcesScreen(view: View): Screen {
  const { story, lang, t } = view;
  const cited = new Set(
    story.data.exchange.groups.flatMap((group) => group.facts.flatMap((fact) => fact.paragraphs)),
  );
  const original = lang === story.data.language;
  const paragraphs = story.data.sections
    .flatMap((section) => section.paragraphs)
    .filter((paragraph) => cited.has(paragraph.id))
    .map((paragraph) => FormattedString.blockquote(original ? paragraph.ar : paragraph.en));
  return screen(
    view,
    [FormattedString.b(t("sources-title")), ...paragraphs],
    [[button(view, t("btn-back-exchange"), { to: "exchange" }), menuButton(view)]],
  );
}
