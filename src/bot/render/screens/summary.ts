import { FormattedString } from "@grammyjs/parse-mode";
import { lines } from "../text.js";
import { button, menuButton, type Screen, screen, type View } from "../view.js";

/** The editorial summary, with ways on to the full text, the quotes and the menu. */
export function summaryScreen(view: View): Screen {
  const { story, lang, t } = view;
  const points = story.data.summary.map((point) => `• ${point[lang]}`);
  return screen(
    view,
    [
      lines(FormattedString.b(t("summary-title")), FormattedString.b(story.data.title[lang])),
      lines(...points),
    ],
    [
      [
        button(view, t("btn-full"), { to: "full", lang: "ar" }),
        button(view, t("btn-quotes"), { to: "speakers" }),
      ],
      [menuButton(view)],
    ],
  );
}
