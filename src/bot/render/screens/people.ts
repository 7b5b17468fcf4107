import { FormattedString } from "@grammyjs/parse-mode";
import { lines } from "../text.js";
import { button, localizer, menuButton, rows, type Screen, screen, type View } from "../view.js";

/** Who is who: every person of the story with their role; a button per person. None without people. */
export function peopleScreen(view: View): Screen | undefined {
  const { story, t } = view;
  if (story.data.people.length === 0) return undefined;
  const text = localizer(view);
  const entries = story.data.people.map((person) => {
    const name = FormattedString.b(text.say(person.name));
    return person.role === undefined ? name : name.plain(` — ${text.say(person.role)}`);
  });
  const buttons = story.data.people.map((person) =>
    button(view, text.say(person.name), { to: "person", id: person.id }),
  );
  return screen(
    view,
    [lines(FormattedString.b(t("people-title")), t("people-hint")), ...entries, ...text.note()],
    [...rows(buttons, 2), [menuButton(view)]],
  );
}
