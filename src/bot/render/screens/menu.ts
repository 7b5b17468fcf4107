import { FormattedString } from "@grammyjs/parse-mode";
import { BUILT_IN_COMMANDS, type BuiltInCommand } from "../../../content/built-in-commands.js";
import type { Lang } from "../../../content/schema.js";
import type { Story } from "../../../content/story.js";
import { isolate } from "../bidi.js";
import { sourceLine } from "../source.js";
import { lines, setApart } from "../text.js";
import { button, localizer, reportButton, rows, type Screen, screen, type View } from "../view.js";
import { cardLabel } from "./card.js";
import { correctedLine, correctionsButton } from "./corrections.js";

export { BUILT_IN_COMMANDS, type BuiltInCommand } from "../../../content/built-in-commands.js";

/** A command as help and Telegram's command menu show it. */
export interface CommandEntry {
  command: string;
  description: string;
}

/** Whether a story has what a built-in command shows (`/stories` needs other stories to list). */
function offers(story: Story, command: BuiltInCommand, others: boolean): boolean {
  switch (command) {
    case "stories":
      return others;
    case "summary":
      return story.data.summary.length > 0;
    case "quotes":
      return story.speakers.length > 0;
    case "people":
      return story.data.people.length > 0;
    default:
      return true;
  }
}

/**
 * The commands for some stories, in help order: the built-in ones any of them offers, each card's command
 * alias after `/quotes`. One story gives its /help list; every served story gives the command menu.
 */
export function commandEntries(stories: readonly View[], others: boolean): CommandEntry[] {
  const entries: CommandEntry[] = [];
  const seen = new Set<string>();
  const add = (command: string, description: () => string) => {
    if (seen.has(command)) return;
    seen.add(command);
    entries.push({ command, description: description() });
  };
  for (const command of BUILT_IN_COMMANDS) {
    for (const view of stories) {
      // Reports go to an editors' chat: without one, the command is not offered.
      if (command === "report" && view.reports !== true) continue;
      if (offers(view.story, command, others)) add(command, () => view.t(`cmd-${command}`));
    }
    if (command !== "quotes") continue;
    for (const view of stories) {
      for (const card of view.story.data.cards) {
        if (card.command !== undefined) add(card.command, () => cardLabel(view, card, "command"));
      }
    }
  }
  return entries;
}

/** The main menu's buttons, shared by the start screen and the plain-text hint: only what the story has. */
export function menuKeyboard(view: View) {
  const { story, t } = view;
  const items = [
    story.data.summary.length > 0 ? button(view, t("btn-summary"), { to: "summary" }) : undefined,
    button(view, t("btn-full"), { to: "full", lang: view.lang }),
    button(view, t("btn-sections"), { to: "toc" }),
    story.speakers.length > 0 ? button(view, t("btn-quotes"), { to: "speakers" }) : undefined,
    ...story.data.cards.map((card) =>
      button(view, cardLabel(view, card, "button"), { to: "card", id: card.id }),
    ),
    story.data.people.length > 0 ? button(view, t("btn-people"), { to: "people" }) : undefined,
    correctionsButton(view),
    button(view, t("btn-language"), { to: "language" }),
    button(view, t("btn-help"), { to: "help" }),
  ].filter((item) => item !== undefined);
  // The 🔔 button follows new stories and opens the follow settings (this story's corrections among them).
  const last = [
    ...(view.stories.length > 1 ? [button(view, t("btn-stories"), { to: "stories", page: 0 })] : []),
    button(view, t("btn-follow"), { to: "follow" }),
  ];
  return [...rows(items, 2), last, reportButton(view)];
}

/**
 * A story's first screen: its title, standfirst ("Corrected <date>" under it once the editors corrected
 * the story) and source line, and the main menu. `lead` is a line put above it all (why the reader got the
 * menu instead of what they asked for); `greet` puts the greeting first, which only `/start` does: a
 * reader opening a story from /stories or pressing "Main menu" has been greeted already.
 */
export function menuScreen(view: View, lead?: string, greet = false): Screen {
  const { story, t } = view;
  const text = localizer(view);
  const source = sourceLine(view);
  return screen(
    view,
    [
      ...(lead === undefined ? [] : [lines(lead)]),
      lines(
        ...(greet ? [t("start-greeting", { count: view.stories.length }), ""] : []),
        FormattedString.b(text.say(story.data.title)),
        setApart(text.say(story.data.standfirst)),
        ...correctedLine(view),
        ...(source !== undefined ? [source] : []),
        ...text.note(),
        "",
        t("menu-hint"),
      ),
    ],
    menuKeyboard(view),
  );
}

/** What `/start` shows: the greeting (which counts the stories served) above the story's first screen. */
export function startScreen(view: View, lead?: string): Screen {
  return menuScreen(view, lead, true);
}

/** The answer to a command for a part this story does not have (no summary, no quotes…): says so, and the menu. */
export function missingScreen(view: View): Screen {
  return screen(view, [lines(view.t("not-in-story"))], menuKeyboard(view));
}

/** The answer to plain text outside a conversation: a short hint and the menu. */
export function hintScreen(view: View): Screen {
  return screen(view, [lines(view.t("hint-text"))], menuKeyboard(view));
}

/** The ways of reading the story that help's introduction names: only those it has. */
function ways(view: View): string {
  const { story, t } = view;
  const list = [
    story.data.summary.length > 0 ? t("help-way-summary") : undefined,
    t("help-way-full"),
    t("help-way-sections"),
    story.speakers.length > 0 ? t("help-way-quotes") : undefined,
    ...story.data.cards.map((card) => cardLabel(view, card, "help")),
  ].filter((way) => way !== undefined);
  const last = list.pop() ?? "";
  if (list.length === 0) return last;
  if (list.length === 1) return `${list[0]}${t("help-list-pair")}${last}`;
  return `${list.join(t("help-list-sep"))}${t("help-list-last")}${last}`;
}

/** What the bot does and its commands (those of this story). */
export function helpScreen(view: View): Screen {
  const { t } = view;
  const commands = commandEntries([view], view.stories.length > 1).map(
    ({ command, description }) => `${isolate(`/${command}`)} — ${description}`,
  );
  return screen(
    view,
    [
      lines(
        FormattedString.b(t("help-title")),
        t("help-intro", { ways: ways(view), count: view.stories.length }),
      ),
      lines(...commands),
    ],
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
