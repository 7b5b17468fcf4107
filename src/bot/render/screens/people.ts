import { FormattedString } from "@grammyjs/parse-mode";
import { lines } from "../text.js";
import { button, menuButton, rows, type Screen, screen, type View } from "../view.js";

/** Who is who: every person of the story with their role; a button per person. */
export function peopleScreen(view: View): Screen {
  const { story, lang, t } = view;
  const entries = story.data.people.map((person) =>
    FormattedString.b(person.name[lang]).plain(` — ${person.role[lang]}`),
  );
  const buttons = story.data.people.map((person) =>
    button(view, person.name[lang], { to: "person", id: person.id }),
  );
  return screen(
    view,
    [lines(FormattedString.b(t("people-title")), t("people-hint")), ...entries],
    [...rows(buttons, 2), [menuButton(view)]],
  );
}
