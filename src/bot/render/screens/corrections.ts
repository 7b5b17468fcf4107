import { FormattedString } from "@grammyjs/parse-mode";
import type { Correction } from "../../../content/schema.js";
import type { Story } from "../../../content/story.js";
import { formatDay } from "../dates.js";
import { lines, setApart } from "../text.js";
import { button, localizer, menuButton, rows, type Screen, screen, type View } from "../view.js";
import { sectionTitle } from "./sections.js";

/** The latest correction of a story (by date; the later in the file on the same date), if it has any. */
export function latestCorrection(story: Story): Correction | undefined {
  let latest: Correction | undefined;
  for (const correction of story.data.corrections) {
    if (latest === undefined || Date.parse(correction.date) >= Date.parse(latest.date)) latest = correction;
  }
  return latest;
}

/** The "Corrected <date>" line a corrected story shows under its standfirst; none for a story never corrected. */
export function correctedLine(view: View): FormattedString[] {
  const latest = latestCorrection(view.story);
  if (latest === undefined) return [];
  return [setApart(view.t("corrected-on", { date: formatDay(latest.date, view.lang) }))];
}

/** The button from a corrected story's first screen to its corrections; none for a story never corrected. */
export function correctionsButton(view: View) {
  return view.story.data.corrections.length === 0
    ? undefined
    : button(view, view.t("btn-corrections"), { to: "corrections" });
}

/** The sections holding the paragraphs a correction touched, in reading order, each once. */
function touchedSections(view: View, correction: Correction) {
  const ids = new Set(correction.paragraphs ?? []);
  return view.story.data.sections
    .map((section, index) => ({ section, index }))
    .filter(({ section }) => section.paragraphs.some((p) => ids.has(p.id)));
}

/**
 * The editors' corrections of a story, newest first: each with its date, its note (the original where a
 * translation is missing, marked as such in one line) and the sections it touched, with a button to each.
 * `undefined` for a story never corrected (a stale button).
 */
export function correctionsScreen(view: View): Screen | undefined {
  const { story, t } = view;
  if (story.data.corrections.length === 0) return undefined;
  const text = localizer(view);
  // Reversed first, so that of two corrections on one date the later in the file (the later made) leads.
  const newestFirst = [...story.data.corrections]
    .reverse()
    .sort((a, b) => Date.parse(b.date) - Date.parse(a.date));
  const opened = new Set<string>();
  const go: ReturnType<typeof button>[] = [];
  const entries = newestFirst.flatMap((correction) => {
    const sections = touchedSections(view, correction);
    const titles = sections.map(({ section, index }) => sectionTitle(view, section, index, text.say));
    sections.forEach(({ section }, i) => {
      if (opened.has(section.id)) return;
      opened.add(section.id);
      go.push(button(view, `📄 ${titles[i] ?? ""}`, { to: "section", id: section.id }));
    });
    return [
      lines(
        FormattedString.b(formatDay(correction.date, view.lang)),
        ...(titles.length > 0
          ? [setApart(t("correction-sections", { sections: titles.join(t("list-sep")) }))]
          : []),
      ),
      text.block(correction, (note) => new FormattedString(note)),
    ];
  });
  return screen(
    view,
    [
      lines(FormattedString.b(t("corrections-title")), FormattedString.b(text.say(story.data.title))),
      ...entries,
      ...text.note(),
    ],
    [...rows(go, 1), [menuButton(view)]],
  );
}
