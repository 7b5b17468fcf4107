import { FormattedString } from "@grammyjs/parse-mode";
import { localize, type Story } from "../../../content/story.js";
import { LIMITS } from "../../../telegram-limits.js";
import { formatDay } from "../dates.js";
import { lines, setApart } from "../text.js";
import { button, menuButton, type Part, type Screen, screen, type View } from "../view.js";

/**
 * What a withdrawn story's buttons and deep links answer: the story's title, "withdrawn by the editors" with
 * the date and their note (the original where a translation is missing, marked as such), and the way back
 * to the menu of the stories still served. `view` is a served story's (the newest), whose menu it leads to.
 */
export function withdrawnScreen(view: View, withdrawn: Story): Screen {
  const { t, lang } = view;
  const original = withdrawn.data.language;
  const mark = withdrawn.data.withdrawn;
  const title = localize(withdrawn.data.title, lang, original);
  const note = localize(mark, lang, original);
  const noteBlock: Part = note.fallback
    ? { foreign: new FormattedString(note.text), lang: original }
    : new FormattedString(note.text);
  const more = view.stories.length > 1 ? [button(view, t("btn-stories"), { to: "stories", page: 0 })] : [];
  return screen(
    view,
    [
      lines(
        FormattedString.b(title.text),
        t("withdrawn-by", { date: mark === undefined ? "" : formatDay(mark.date, lang) }),
      ),
      ...(note.text === "" ? [] : [noteBlock]),
      ...(title.fallback || note.fallback ? [setApart(t("untranslated-note"))] : []),
    ],
    [[menuButton(view), ...more]],
  );
}

/**
 * The short notice a withdrawn story's button answers with (over the chat, or where its message cannot be
 * edited): "Withdrawn by the editors: <note>", in the reader's language or the note's original, cut to
 * Telegram's limit for a callback answer.
 */
export function withdrawnNotice(view: View, withdrawn: Story): string {
  const note = localize(withdrawn.data.withdrawn, view.lang, withdrawn.data.language).text;
  const chars = [...view.t("withdrawn-toast", { note })];
  return chars.length <= LIMITS.callbackAnswerText
    ? chars.join("")
    : `${chars.slice(0, LIMITS.callbackAnswerText - 1).join("")}…`;
}
