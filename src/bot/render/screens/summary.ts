import { FormattedString } from "@grammyjs/parse-mode";
import { shareRow } from "../inline/share.js";
import { lines } from "../text.js";
import { isTranslated, translatedMark } from "../translated.js";
import { button, localizer, menuButton, type Screen, screen, type View } from "../view.js";

/** The editorial summary, with ways on to the full text, the quotes and the menu; none without points. */
export function summaryScreen(view: View): Screen | undefined {
  const { story, t } = view;
  if (story.data.summary.length === 0) return undefined;
  const text = localizer(view);
  const points = story.data.summary.map((point) => `• ${text.say(point)}`);
  // A point that quotes someone («لم تكن لتحدث لو كنت رئيسا») carries their words in translation: said once.
  const quoting = story.data.summary.some(
    (point) => isTranslated(view, point) && /["“”«»]/u.test(point[view.lang] ?? ""),
  );
  const ways = [button(view, t("btn-full"), { to: "full", lang: view.lang })];
  if (story.speakers.length > 0)
    ways.push(button(view, t("btn-quotes"), { to: "speakers", back: { to: "summary" } }));
  return screen(
    view,
    [
      lines(FormattedString.b(t("summary-title")), FormattedString.b(text.say(story.data.title))),
      lines(...points),
      ...(quoting ? [translatedMark(view)] : []),
      ...text.note(),
    ],
    [shareRow(view, { story, kind: "summary" }), ways, [menuButton(view)]],
  );
}
