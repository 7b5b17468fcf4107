import { FormattedString } from "@grammyjs/parse-mode";
import type { Person } from "../../../content/schema.js";
import { lines, MESSAGE_LIMIT } from "../text.js";
import { button, menuButton, rows, type Screen, screen, type View } from "../view.js";

/** One button per quoted speaker, with their number of quotes. */
function speakerButtons(view: View, except?: string) {
  const { story, lang, t } = view;
  return story.speakers
    .filter((person) => person.id !== except)
    .map((person) =>
      button(
        view,
        t("btn-speaker", { name: person.name[lang], count: story.quotesBy.get(person.id)?.length ?? 0 }),
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
export function speakersScreen(view: View, options: { inConversation: boolean; lead?: string[] }): Screen {
  const { t } = view;
  const ask = options.inConversation ? t("quotes-ask") : t("quotes-ask-buttons");
  const last = options.inConversation ? button(view, t("btn-cancel"), { to: "cancel" }) : menuButton(view);
  return screen(view, [lines(...(options.lead ?? []), ask)], [...rows(speakerButtons(view), 2), [last]]);
}

/**
 * The answer to a name that matches no one: says so, lists the speakers and asks again. Inside the
 * conversation it says how many tries are left; outside (`/quotes <name>` in a group) the buttons remain.
 */
export function unknownNameScreen(view: View, triesLeft?: number): Screen {
  const { story, lang, t } = view;
  const names = story.speakers.map((person) => person.name[lang]).join(lang === "ar" ? "، " : ", ");
  const lead = [t("quotes-unknown"), t("quotes-speakers", { names })];
  if (triesLeft === undefined) return speakersScreen(view, { inConversation: false, lead });
  return speakersScreen(view, {
    inConversation: true,
    lead: [...lead, t("quotes-tries-left", { count: triesLeft })],
  });
}

/** Several people match a typed name (e.g. a title like «الرئيس»): the reader picks one. */
export function ambiguousNameScreen(
  view: View,
  people: readonly Person[],
  options: { inConversation: boolean },
): Screen {
  const { lang, t } = view;
  const last = options.inConversation ? button(view, t("btn-cancel"), { to: "cancel" }) : menuButton(view);
  return screen(
    view,
    [lines(t("quotes-ambiguous"))],
    [
      ...rows(
        people.map((person) => button(view, person.name[lang], { to: "person", id: person.id })),
        2,
      ),
      [last],
    ],
  );
}

/** A speaker's quotes in one message, each with the section it comes from (and its translation in English). */
export function quotesScreen(view: View, personId: string): Screen | undefined {
  const { story, lang, t } = view;
  const person = story.people.get(personId);
  const quotes = story.quotesBy.get(personId);
  if (!person || !quotes) return undefined;
  const parts = [FormattedString.b(t("quotes-title", { name: person.name[lang], count: quotes.length }))];
  for (const quote of quotes) {
    const section = story.sectionOf.get(quote.paragraph);
    const body = lang === "ar" ? quote.ar : `${quote.ar}\n${quote.en}`;
    parts.push(
      lines(
        FormattedString.blockquote(body),
        FormattedString.i(t("quotes-from", { section: section?.title[lang] ?? "" })),
      ),
    );
  }
  return screen(view, parts, [
    ...rows(speakerButtons(view, personId), 2),
    [button(view, t("btn-people"), { to: "people" }), menuButton(view)],
  ]);
}

/**
 * A person of the story: their quotes when they have any; otherwise a clear "not quoted directly" with
 * their role and the paragraphs that mention them, as many as fit in one message.
 */
export function personScreen(view: View, personId: string): Screen | undefined {
  const { story, lang, t } = view;
  const person = story.people.get(personId);
  if (!person) return undefined;
  if (story.quotesBy.has(personId)) return quotesScreen(view, personId);
  const head = lines(
    FormattedString.b(person.name[lang]),
    person.role[lang],
    "",
    t("quotes-none", { name: person.name[lang] }),
    FormattedString.i(t("person-mentions")),
  );
  const parts: FormattedString[] = [head];
  // Keep a margin for the direction marks the Arabic interface adds and the "more" line.
  let size = head.rawText.length + 200;
  let shown = 0;
  for (const id of person.mentions) {
    const paragraph = story.paragraphs.get(id);
    if (!paragraph) continue;
    const text = lang === story.data.language ? paragraph.ar : paragraph.en;
    if (size + text.length + 2 > MESSAGE_LIMIT) break;
    size += text.length + 2;
    parts.push(FormattedString.blockquote(text));
    shown++;
  }
  if (shown < person.mentions.length)
    parts.push(lines(t("person-more", { count: person.mentions.length - shown })));
  return screen(view, parts, [[button(view, t("btn-people"), { to: "people" }), menuButton(view)]]);
}
