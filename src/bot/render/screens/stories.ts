import { FormattedString } from "@grammyjs/parse-mode";
import { localize } from "../../../content/story.js";
import { storyState } from "../../../content/story-state.js";
import { pagerLabel } from "../rtl-rows.js";
import { sourceLine } from "../source.js";
import { lines, setApart } from "../text.js";
import { button, menuButton, rows, type Screen, screen, stateMark, type View } from "../view.js";

/** Stories per page of /stories: each takes a title, a standfirst and a button. */
export const STORIES_PER_PAGE = 5;

/** Button labels are cut here, about what a full-width button shows on a phone. */
const LABEL_LIMIT = 34;

/** A label cut at the last whole word that fits, with "…": never in the middle of a word. */
function cut(text: string): string {
  if ([...text].length <= LABEL_LIMIT) return text;
  const head = [...text].slice(0, LABEL_LIMIT - 1).join("");
  const space = head.lastIndexOf(" ");
  return `${(space > 0 ? head.slice(0, space) : head).replace(/[\s.,،؛:]+$/u, "")}…`;
}

/**
 * The stories served, newest first, a page at a time: each with its title and standfirst (the original's
 * where a translation is missing) and a button that opens it. A page past the end shows the last one.
 */
export function storiesScreen(view: View, page: number): Screen {
  const { t, lang, stories } = view;
  const pages = Math.max(1, Math.ceil(stories.length / STORIES_PER_PAGE));
  const at = Math.min(Math.max(0, page), pages - 1);
  const shown = stories.slice(at * STORIES_PER_PAGE, (at + 1) * STORIES_PER_PAGE);
  let fellBack = false;
  const say = (story: (typeof stories)[number], field: "title" | "standfirst") => {
    const picked = localize(story.data[field], lang, story.data.language);
    if (picked.fallback) fellBack = true;
    return picked.text;
  };
  const entries = shown.map((story, i) => {
    const mark = stateMark(view, story);
    const source = sourceLine(view, story);
    return lines(
      FormattedString.b(`${at * STORIES_PER_PAGE + i + 1}. ${say(story, "title")}`),
      ...(mark === undefined ? [] : [mark]),
      setApart(say(story, "standfirst")),
      ...(source !== undefined ? [source] : []),
    );
  });
  const head = [FormattedString.b(t("stories-title"))];
  if (pages > 1) head.push(setApart(t("stories-page", { n: at + 1, total: pages })));
  const open = shown.map((story, i) => {
    const state = storyState(story);
    const badge = state === "draft" ? "🚧 " : state === "scheduled" ? "🕒 " : "";
    return button(
      view,
      cut(`${badge}${at * STORIES_PER_PAGE + i + 1}. ${say(story, "title")}`),
      { to: "menu" },
      story,
    );
  });
  const nav = [
    at > 0
      ? button(view, pagerLabel("previous", t("btn-prev"), lang), { to: "stories", page: at - 1 })
      : undefined,
    at < pages - 1
      ? button(view, pagerLabel("next", t("btn-next"), lang), { to: "stories", page: at + 1 })
      : undefined,
  ].filter((b) => b !== undefined);
  // Each entry carries its own story's mark; the list itself belongs to no one story.
  return screen(
    view,
    [lines(...head), ...entries, ...(fellBack ? [setApart(t("untranslated-note"))] : [])],
    [...rows(open, 1), nav, [menuButton(view)]],
    view.lang,
    { mark: false },
  );
}
