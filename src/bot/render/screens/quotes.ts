import { FormattedString } from "@grammyjs/parse-mode";
import type { InlineKeyboardButton } from "grammy/types";
import type { Person } from "../../../content/schema.js";
import type { Back, Route } from "../../routes.js";
import { shareRow } from "../inline/share.js";
import { lines, MESSAGE_LIMIT, setApart } from "../text.js";
import { button, localizer, menuButton, type Part, rows, type Screen, screen, type View } from "../view.js";
import { sectionTitle } from "./sections.js";

/** The Cancel button's route: back to the screen the question was asked from, when it was not the menu. */
function cancelRoute(back: Back | undefined): Route {
  return back ? { to: "cancel", back } : { to: "cancel" };
}

/** One button per quoted speaker, with their number of quotes. */
function speakerButtons(view: View, except?: string) {
  const { story, t } = view;
  const { say } = localizer(view);
  return story.speakers
    .filter((person) => person.id !== except)
    .map((person) =>
      button(
        view,
        t("btn-speaker", { name: say(person.name), count: story.quotesBy.get(person.id)?.length ?? 0 }),
        {
          to: "quotes",
          id: person.id,
        },
      ),
    );
}

/**
 * Asks whose quotes the reader wants. Inside the quotes conversation it offers Cancel (and accepts a typed
 * name); elsewhere, e.g. in groups where the bot does not read plain messages, it offers the menu instead.
 */
export function speakersScreen(
  view: View,
  options: {
    inConversation: boolean;
    lead?: string[];
    /** Rows above the speakers ("did you mean" offers). */
    above?: InlineKeyboardButton.CallbackButton[][];
    /** The screen the question was asked from, where Cancel returns (default: the menu). */
    back?: Back;
  },
): Screen {
  const { t } = view;
  const ask = options.inConversation ? t("quotes-ask") : t("quotes-ask-buttons");
  const last = options.inConversation
    ? [button(view, t("btn-cancel"), cancelRoute(options.back)), menuButton(view)]
    : [menuButton(view)];
  return screen(
    view,
    [lines(...(options.lead ?? []), ask)],
    [...(options.above ?? []), ...rows(speakerButtons(view), 2), last],
  );
}

/**
 * The answer to a name that matches no one: says so, lists the speakers and asks again. Inside the
 * conversation it says how many tries are left; outside (`/quotes <name>` in a group) the buttons remain.
 */
export function unknownNameScreen(
  view: View,
  triesLeft?: number,
  near: readonly Person[] = [],
  back?: Back,
): Screen {
  const { story, lang, t } = view;
  const { say } = localizer(view);
  const names = story.speakers.map((person) => say(person.name)).join(lang === "ar" ? "، " : ", ");
  const lead = [t("quotes-unknown"), t("quotes-speakers", { names })];
  if (near.length > 0) lead.push(t("search-did-you-mean"));
  const offers = near.map((person) =>
    button(view, t("btn-suggest", { text: say(person.name) }), { to: "person", id: person.id }),
  );
  const above = rows(offers, 1);
  const ask =
    triesLeft === undefined
      ? speakersScreen(view, { inConversation: false, lead, above })
      : speakersScreen(view, {
          inConversation: true,
          lead: [...lead, t("quotes-tries-left", { count: triesLeft })],
          above,
          ...(back ? { back } : {}),
        });
  return ask;
}

/** Several people match a typed name (e.g. a title like «الرئيس»): the reader picks one. */
export function ambiguousNameScreen(
  view: View,
  people: readonly Person[],
  options: { inConversation: boolean; back?: Back },
): Screen {
  const { t } = view;
  const { say } = localizer(view);
  const last = options.inConversation
    ? [button(view, t("btn-cancel"), cancelRoute(options.back)), menuButton(view)]
    : [menuButton(view)];
  return screen(
    view,
    [lines(t("quotes-ambiguous"))],
    [
      ...rows(
        people.map((person) => button(view, say(person.name), { to: "person", id: person.id })),
        2,
      ),
      last,
    ],
  );
}

/**
 * A speaker's quotes in one message, each with the section it comes from. The other interface shows the
 * original words with their translation under them (or the original alone, noted, where there is none).
 */
export function quotesScreen(view: View, personId: string): Screen | undefined {
  const { story, lang, t } = view;
  const person = story.people.get(personId);
  const quotes = story.quotesBy.get(personId);
  if (!person || !quotes) return undefined;
  const text = localizer(view);
  const language = story.data.language;
  const parts: Part[] = [
    FormattedString.b(t("quotes-title", { name: text.say(person.name), count: quotes.length })),
  ];
  for (const quote of quotes) {
    const section = story.sectionOf.get(quote.paragraph);
    const index = section ? story.data.sections.indexOf(section) : -1;
    const from = setApart(
      t("quotes-from", { section: section ? sectionTitle(view, section, index, text.say) : "" }),
    );
    const original = quote[language] ?? "";
    const translation = lang === language ? undefined : quote[lang];
    if (lang !== language && translation === undefined) {
      parts.push(
        text.block(quote, (words) => FormattedString.blockquote(words)),
        from,
      );
    } else {
      const body = translation === undefined ? original : `${original}\n${translation}`;
      parts.push(lines(FormattedString.blockquote(body), from));
    }
  }
  // One quote is shared (and copied) as itself; several as the speaker's quotes, the whole screen.
  const [only] = quotes;
  const item =
    quotes.length === 1 && only
      ? { story, kind: "quote" as const, quote: only }
      : { story, kind: "speaker" as const, person };
  return screen(
    view,
    [...parts, ...text.note()],
    [
      shareRow(view, item),
      ...rows(speakerButtons(view, personId), 2),
      [button(view, t("btn-people"), { to: "people" }), menuButton(view)],
    ],
  );
}

/**
 * A person of the story: their quotes when they have any; otherwise a clear "not quoted directly" with
 * their role and the paragraphs that mention them, as many as fit in one message.
 */
export function personScreen(view: View, personId: string): Screen | undefined {
  const { story, t } = view;
  const person = story.people.get(personId);
  if (!person) return undefined;
  if (story.quotesBy.has(personId)) return quotesScreen(view, personId);
  const text = localizer(view);
  const name = text.say(person.name);
  const head = lines(
    FormattedString.b(name),
    ...(person.role === undefined ? [] : [text.say(person.role)]),
    "",
    t("quotes-none", { name }),
    setApart(t("person-mentions")),
  );
  const parts: Part[] = [head];
  // Keep a margin for the direction marks the Arabic interface adds and the "more" line.
  let size = head.rawText.length + 200;
  let shown = 0;
  for (const id of person.mentions) {
    const paragraph = story.paragraphs.get(id);
    if (!paragraph) continue;
    const body = text.block(paragraph, (s) => FormattedString.blockquote(s));
    const length = body instanceof FormattedString ? body.rawText.length : body.foreign.rawText.length;
    if (size + length + 2 > MESSAGE_LIMIT) break;
    size += length + 2;
    parts.push(body);
    shown++;
  }
  if (shown < person.mentions.length)
    parts.push(lines(t("person-more", { count: person.mentions.length - shown })));
  parts.push(...text.note());
  return screen(view, parts, [[button(view, t("btn-people"), { to: "people" }), menuButton(view)]]);
}

/** The quotes question given up after three misses: says so, with a fresh try and the menu. */
export function gaveUpScreen(view: View): Screen {
  const { t } = view;
  return screen(
    view,
    [lines(t("quotes-gave-up"))],
    [[button(view, t("btn-try-again"), { to: "speakers" }), menuButton(view)]],
  );
}
