import { FormattedString } from "@grammyjs/parse-mode";
import type { InlineKeyboardButton } from "grammy/types";
import { sentencesAbout } from "../../../content/person-sentences.js";
import { quoteTexts, quoteWords } from "../../../content/quote-text.js";
import type { Person } from "../../../content/schema.js";
import type { Back, Route } from "../../routes.js";
import { shareRow } from "../inline/share.js";
import { lines, MESSAGE_LIMIT, setApart } from "../text.js";
import { isTranslated, translatedMark } from "../translated.js";
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
    /** Lines after the question, right above the buttons (the "did you mean" that the first rows answer). */
    after?: string[];
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
    [lines(...(options.lead ?? []), ask, ...(options.after ?? []))],
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
  if (triesLeft !== undefined) lead.push(t("quotes-tries-left", { count: triesLeft }));
  const offers = near.map((person) =>
    button(view, t("btn-suggest", { text: say(person.name) }), { to: "person", id: person.id }),
  );
  const above = rows(offers, 1);
  // "Did you mean" is the last line, right above the buttons it asks about.
  const after = near.length > 0 ? [t("search-did-you-mean")] : [];
  return triesLeft === undefined
    ? speakersScreen(view, { inConversation: false, lead, above, after })
    : speakersScreen(view, { inConversation: true, lead, above, after, ...(back ? { back } : {}) });
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
    FormattedString.b(
      t("quotes-title", { name: text.say(person.name), count: quotes.length, gender: genderOf(person) }),
    ),
  ];
  // Quotes come grouped under the section they are from: one heading per run of quotes of a section.
  let headed: string | undefined;
  let translated = false;
  for (const quote of quotes) {
    const section = story.sectionOf.get(quote.paragraph);
    const index = section ? story.data.sections.indexOf(section) : -1;
    const heading =
      section === undefined || section.id === headed
        ? undefined
        : setApart(t("quotes-from", { section: sectionTitle(view, section, index, text.say) }));
    if (section !== undefined) headed = section.id;
    /** The quote's block, under its section's heading when it opens a run. */
    const under = (block: FormattedString): FormattedString => (heading ? lines(heading, block) : block);
    const translation = lang === language ? undefined : quote[lang];
    if (lang !== language && translation === undefined) {
      // A foreign block keeps its own direction, so its heading stays a block of its own.
      if (heading) parts.push(heading);
      parts.push(text.block(quoteTexts(quote, language), (words) => FormattedString.blockquote(words)));
    } else {
      // A translation stands alone (the original is a button away, in the full text), marked once below.
      if (translation !== undefined) translated = true;
      const body = translation ?? quoteWords(quote, language, language) ?? "";
      parts.push(under(FormattedString.blockquote(body)));
    }
  }
  if (translated) parts.push(translatedMark(view));
  // One quote is shared (and copied) as itself; several as the speaker's quotes, the whole screen.
  const [only] = quotes;
  const item =
    quotes.length === 1 && only
      ? { story, kind: "quote" as const, quote: only }
      : { story, kind: "speaker" as const, person };
  return screen(
    view,
    [...parts, ...reportedParts(view, personId), ...text.note()],
    [
      shareRow(view, item),
      ...rows(speakerButtons(view, personId), 2),
      [button(view, t("btn-people"), { to: "people" }), menuButton(view)],
    ],
  );
}

/** A person's reported statements (attributed, not their own words): a labelled block, never in quotation marks. */
function reportedParts(view: View, personId: string): Part[] {
  const { story, lang, t } = view;
  const statements = story.data.statements.filter((statement) => statement.speaker === personId);
  if (statements.length === 0) return [];
  const text = localizer(view);
  const language = story.data.language;
  const items = statements.map((statement) => {
    const original = statement[language] ?? "";
    const translation = lang === language ? undefined : statement[lang];
    return `• ${translation ?? original}`;
  });
  const person = story.people.get(personId);
  return [
    lines(
      FormattedString.b(
        t("person-reported", { name: person ? text.say(person.name) : "", gender: genderOf(person) }),
      ),
      ...items,
    ),
  ];
}

/** The grammatical gender a person's strings agree with; `other` where the story gives none. */
function genderOf(person: Person | undefined): string {
  return person?.gender ?? "other";
}

/**
 * A person of the story: their quotes when they have any; otherwise a clear "not quoted directly", their
 * reported statements, and the sentences that name them (within a budget of story text), attributed where
 * they are someone's quoted words, with a button to the whole paragraphs.
 */
export function personScreen(view: View, personId: string): Screen | undefined {
  const { story, lang, t } = view;
  const person = story.people.get(personId);
  if (!person) return undefined;
  if (story.quotesBy.has(personId)) return quotesScreen(view, personId);
  const text = localizer(view);
  const name = text.say(person.name);
  const gender = genderOf(person);
  const parts: Part[] = [
    lines(
      FormattedString.b(name),
      ...(person.role === undefined ? [] : [text.say(person.role)]),
      "",
      // In the neutral form the name leads (a group such as «مسؤولان أميركيان» would need its case after عن).
      t("quotes-none", { name, gender }),
    ),
    ...reportedParts(view, personId),
  ];
  const found = sentencesAbout(story, personId, lang);
  let translated = false;
  if (found.picked.length > 0) {
    parts.push(setApart(t("person-mentions", { name, gender })));
    for (const passage of found.picked) {
      const speaker = passage.speaker === undefined ? undefined : story.people.get(passage.speaker);
      if (speaker === undefined) {
        parts.push(FormattedString.blockquote(passage.text));
        continue;
      }
      if (isTranslated(view, story.paragraphs.get(passage.paragraph) ?? {})) translated = true;
      parts.push(
        lines(
          t("person-said", { name: text.say(speaker.name), gender: genderOf(speaker) }),
          FormattedString.blockquote(quoted(trimmed(passage), lang)),
        ),
      );
    }
  }
  if (translated) parts.push(translatedMark(view));
  if (found.more > 0) parts.push(lines(t("person-more", { count: found.more, gender })));
  parts.push(...text.note());
  const full =
    person.mentions.length > 0
      ? [[button(view, t("btn-person-paragraphs"), { to: "mentions", id: personId })]]
      : [];
  return screen(view, parts, [...full, [button(view, t("btn-people"), { to: "people" }), menuButton(view)]]);
}

/** The whole paragraphs that mention a person, as many as fit in one message. */
export function mentionsScreen(view: View, personId: string): Screen | undefined {
  const { story, t } = view;
  const person = story.people.get(personId);
  if (!person) return undefined;
  const text = localizer(view);
  const name = text.say(person.name);
  const head = lines(FormattedString.b(t("person-paragraphs-title", { name, gender: genderOf(person) })));
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
    parts.push(lines(t("person-more-paragraphs", { count: person.mentions.length - shown })));
  parts.push(...text.note());
  return screen(view, parts, [
    [button(view, t("btn-back-person", { name }), { to: "person", id: personId })],
    [button(view, t("btn-people"), { to: "people" }), menuButton(view)],
  ]);
}

/**
 * A part of someone's words with "…" where it is cut, without the sentence's own full stop or comma
 * before a cut (".…" reads as a typo).
 */
function trimmed(passage: { text: string; cutStart: boolean; cutEnd: boolean }): string {
  let words = passage.text.trim();
  if (passage.cutEnd) words = `${words.replace(/[.,،؛;:!?؟]+$/u, "")}…`;
  if (passage.cutStart) words = `…${words}`;
  return words;
}

/** Words in the quotation marks of the interface's language: «…» in Arabic, “…” in English. */
function quoted(words: string, lang: string): string {
  return lang === "ar" ? `«${words}»` : `“${words}”`;
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
