import { FormattedString } from "@grammyjs/parse-mode";
import type { Lang } from "../../../content/schema.js";
import { isolate } from "../bidi.js";
import { lines } from "../text.js";
import { button, rows, type Screen, screen, type View } from "../view.js";

/** The commands the bot offers, in the order help and Telegram's command menu list them. */
export const COMMANDS = [
  "start",
  "summary",
  "full",
  "sections",
  "quotes",
  "exchange",
  "people",
  "language",
  "help",
  "cancel",
] as const;

/** The main menu's buttons, shared by the start screen and the plain-text hint. */
function menuKeyboard(view: View) {
  const { t } = view;
  return rows(
    [
      button(view, t("btn-summary"), { to: "summary" }),
      button(view, t("btn-full"), { to: "full", lang: "ar" }),
      button(view, t("btn-sections"), { to: "toc" }),
      button(view, t("btn-quotes"), { to: "speakers" }),
      button(view, t("btn-exchange"), { to: "exchange" }),
      button(view, t("btn-people"), { to: "people" }),
      button(view, t("btn-language"), { to: "language" }),
      button(view, t("btn-help"), { to: "help" }),
    ],
    2,
  );
}

/** The start screen: a greeting, the story's title and standfirst, and the main menu. */
export function menuScreen(view: View): Screen {
  const { story, lang, t } = view;
  return screen(
    view,
    [
      lines(
        t("start-greeting"),
        "",
        FormattedString.b(story.data.title[lang]),
        FormattedString.i(story.data.standfirst[lang]),
        "",
        t("menu-hint"),
      ),
    ],
    menuKeyboard(view),
  );
}

/** The answer to plain text outside a conversation: a short hint and the menu. */
export function hintScreen(view: View): Screen {
  return screen(view, [lines(view.t("hint-text"))], menuKeyboard(view));
}

/** What the bot does and its commands. */
export function helpScreen(view: View): Screen {
  const { t } = view;
  const commands = COMMANDS.map((command) => `${isolate(`/${command}`)} — ${t(`cmd-${command}`)}`);
  return screen(
    view,
    [lines(FormattedString.b(t("help-title")), t("help-intro")), lines(...commands)],
    [[button(view, t("btn-menu"), { to: "menu" })]],
  );
}

const LANGUAGE_NAMES: Record<Lang, string> = { ar: "العربية", en: "English" };

/** The interface-language choice, marking the current one. */
export function languageScreen(view: View): Screen {
  const { t, lang } = view;
  const choice = (code: Lang) =>
    button(
      view,
      `${code === lang ? "✓ " : ""}${lang === "ar" ? isolate(LANGUAGE_NAMES[code]) : LANGUAGE_NAMES[code]}`,
      {
        to: "set-language",
        lang: code,
      },
    );
  return screen(
    view,
    [lines(t("language-title"))],
    [[choice("ar"), choice("en")], [button(view, t("btn-menu"), { to: "menu" })]],
  );
}
