import { FormattedString } from "@grammyjs/parse-mode";
import type { InlineKeyboardButton, InlineQueryResultArticle, MessageEntity } from "grammy/types";
import { quoteTexts } from "../../../content/quote-text.js";
import type { Lang, Localized } from "../../../content/schema.js";
import { localize } from "../../../content/story.js";
import type { TextRange } from "../../../text/search-index.js";
import { targetPayload } from "../../routes.js";
import { rtl } from "../bidi.js";
import { laidOut } from "../rtl-rows.js";
import { sectionTitle } from "../screens/sections.js";
import { sourceFoot } from "../source.js";
import { directed, MESSAGE_LIMIT } from "../text.js";
import { translatedAttribution } from "../translated.js";
import { localizer, type View } from "../view.js";
import { type InlineItem, itemId, itemRoute } from "./items.js";

/** Room left in a message for the attribution, headings and direction marks around the passages. */
const FRAME_ROOM = 600;
/** The most one passage (or the passages of a screen-sized item) may take of a message. */
const PASSAGE_ROOM = MESSAGE_LIMIT - FRAME_ROOM;
/** Descriptions under a result's title: the opening words, about two lines on a phone. */
const DESCRIPTION_LENGTH = 96;

/** A run of story text in one language, with the ranges to bold. */
interface Passage {
  text: string;
  lang: Lang;
  ranges: readonly TextRange[];
}

/** Text and entities of a block, directed for its own language. */
interface Block {
  text: FormattedString;
  lang: Lang;
}

/** `text` cut at a space (never inside a surrogate pair) so it fits `limit`, with an ellipsis; ranges clipped. */
export function clip(passage: Passage, limit: number): Passage {
  if (passage.text.length <= limit) return passage;
  let at = passage.text.lastIndexOf(" ", limit - 1);
  if (at <= 0) at = limit - 1;
  const code = passage.text.charCodeAt(at - 1);
  if (code >= 0xd800 && code <= 0xdbff) at--;
  const ranges = passage.ranges
    .filter((range) => range.start < at)
    .map((range) => ({ start: range.start, end: Math.min(range.end, at) }));
  // The sentence's own stop or comma before the cut goes: "ago.…" reads as a typo.
  const kept = passage.text.slice(0, at).replace(/[\s.,،؛;:]+$/u, "");
  return { text: `${kept}…`, lang: passage.lang, ranges };
}

function formatted(passage: Passage): FormattedString {
  const entities: MessageEntity[] = passage.ranges
    .filter((range) => range.end > range.start)
    .map((range) => ({ type: "bold", offset: range.start, length: range.end - range.start }));
  return new FormattedString(passage.text, entities);
}

/** The opening words of a text, for a result's description. */
export function openingWords(text: string, limit = DESCRIPTION_LENGTH): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return clip({ text: flat, lang: "en", ranges: [] }, limit).text;
}

/**
 * Renders an inline result: pure. The item's text in the reader's language (or, for a search hit, in the
 * language it matched in, with the match in bold), its attribution, the story's title, and a "Read the
 * story" button that opens the bot at the item's screen.
 */
export function inlineArticle(view: View, item: InlineItem, botUsername: string): InlineQueryResultArticle {
  const { story, lang, t } = view;
  const text = localizer(view);
  const original = story.data.language;
  /** A localized story text as a passage: the reader's language, else the original. */
  const own = (field: Localized | { ar?: string; en?: string }): Passage => {
    const picked = localize(field, lang, original);
    return { text: picked.text, lang: picked.fallback ? original : lang, ranges: [] };
  };
  // A search hit is sent in the language it matched in, without the search's bold: the message goes into
  // someone else's chat, where the reader's query means nothing.
  const matched = (field: { ar?: string; en?: string }): Passage =>
    item.match ? { text: field[item.match.lang] ?? "", lang: item.match.lang, ranges: [] } : own(field);
  const storyTitle: Block = { text: FormattedString.b(`📰 ${text.say(story.data.title)}`), lang };
  const ui = (line: string | FormattedString): Block => ({
    text: typeof line === "string" ? new FormattedString(line) : line,
    lang,
  });
  /** A matched quote's ranges moved past the bracketed subject put before its words (they are the words'). */
  const shifted = (passage: Passage, quote: { ar?: string; en?: string }): Passage => {
    const by = passage.text.length - (quote[passage.lang]?.length ?? passage.text.length);
    if (!item.match || by === 0) return passage;
    const ranges = passage.ranges.map((r) => ({ start: r.start + by, end: r.end + by }));
    return { ...passage, ranges };
  };
  /** "— name" under someone's words, saying so when they are translated (once per message). */
  const attribution = (name: string, wordsLang: Lang): Block =>
    ui(wordsLang === original ? `— ${name}` : `— ${name}, ${translatedAttribution(view)}`);
  const quoteBlock = (passage: Passage): Block => ({
    text: FormattedString.blockquote(formatted(passage)),
    lang: passage.lang,
  });

  let title: string;
  let body: Passage;
  let blocks: Block[];
  switch (item.kind) {
    case "quote": {
      const speaker = story.people.get(item.quote.speaker);
      const name = speaker ? text.say(speaker.name) : "";
      title = t("inline-quote-title", { name });
      body = shifted(matched(quoteTexts(item.quote, original)), item.quote);
      blocks = [quoteBlock(clip(body, PASSAGE_ROOM)), attribution(name, body.lang), storyTitle];
      break;
    }
    case "statement": {
      // Reported speech: attributed, but not the speaker's words, so never in quotation marks or a quote box.
      const speaker = story.people.get(item.statement.speaker);
      const name = speaker ? text.say(speaker.name) : "";
      title = t("inline-statement-title", { name });
      body = matched(item.statement);
      blocks = [
        { text: formatted(clip(body, PASSAGE_ROOM)), lang: body.lang },
        ui(t("inline-statement-by", { name })),
        storyTitle,
      ];
      break;
    }
    case "paragraph": {
      const index = story.data.sections.indexOf(item.section);
      title = sectionTitle(view, item.section, index, text.say);
      body = matched(item.paragraph);
      blocks = [quoteBlock(clip(body, PASSAGE_ROOM)), ui(`— ${title}`), storyTitle];
      break;
    }
    case "fact": {
      const label = text.say(item.fact.label);
      title = label;
      // The search indexes a fact's text alone, so its match ranges are in that text; the label comes first.
      body = matched(item.fact.text);
      const shownLabel = item.fact.label[body.lang] ?? label;
      const labelled = FormattedString.b(`${shownLabel}: `).concat(formatted(clip(body, PASSAGE_ROOM)));
      blocks = [
        { text: FormattedString.blockquote(labelled), lang: body.lang },
        ui(`— ${text.say(item.card.title)}`),
        storyTitle,
      ];
      break;
    }
    case "point": {
      title = t("summary-title");
      body = matched(item.point);
      blocks = [quoteBlock(clip(body, PASSAGE_ROOM)), ui(`— ${t("summary-title")}`), storyTitle];
      break;
    }
    case "speaker": {
      const name = text.say(item.person.name);
      const quotes = story.quotesBy.get(item.person.id) ?? [];
      title = t("quotes-title", { name, count: quotes.length, gender: item.person.gender ?? "other" });
      const passages = quotes.map((quote) => own(quoteTexts(quote, original)));
      body = passages[0] ?? own({});
      blocks = [
        ui(FormattedString.b(title)),
        ...fitting(passages.map(quoteBlock), view),
        attribution(name, passages.some((p) => p.lang !== original) ? lang : original),
        storyTitle,
      ];
      break;
    }
    case "section": {
      const index = story.data.sections.indexOf(item.section);
      title = sectionTitle(view, item.section, index, text.say);
      const passages = item.section.paragraphs.map((p) => own(p));
      body = passages[0] ?? own({});
      blocks = [
        ui(FormattedString.b(title)),
        ...fitting(
          passages.map((p) => ({ text: formatted(p), lang: p.lang })),
          view,
        ),
        storyTitle,
      ];
      break;
    }
    case "summary": {
      title = t("summary-title");
      const points = story.data.summary.map((point) => own(point));
      body = points[0] ?? own({});
      blocks = [
        ui(FormattedString.b(`${t("summary-title")} · ${text.say(story.data.title)}`)),
        ...fitting(
          points.map((p) => ({ text: new FormattedString(`• ${p.text}`), lang: p.lang })),
          view,
        ),
      ];
      break;
    }
    case "card": {
      title = text.say(item.card.title);
      const facts = item.card.groups.flatMap((group) => group.facts);
      body = own({ [lang]: facts.map((f) => `${text.say(f.label)}: ${text.say(f.text)}`).join(" · ") });
      blocks = [
        ui(FormattedString.b(title)),
        ...fitting(
          facts.map((fact) => ui(FormattedString.b(`${text.say(fact.label)}: `).plain(text.say(fact.text)))),
          view,
        ),
        storyTitle,
      ];
      break;
    }
    case "full": {
      title = t("inline-full-title");
      body = own(story.data.standfirst);
      blocks = [
        storyTitle,
        { text: new FormattedString(body.text), lang: body.lang },
        ui(t("inline-full-hint")),
      ];
      break;
    }
  }

  // Every shared passage ends with where the story comes from, when the story names it.
  const foot = sourceFoot(view);
  if (foot !== undefined) blocks.push(ui(foot));
  const message = FormattedString.join(
    blocks.map((block) => directed(block.text, block.lang)),
    "\n",
  );
  const payload = targetPayload(story.key, itemRoute(item, lang)) ?? `${story.key}_menu`;
  const label = item.kind === "full" ? t("inline-read-full") : t("inline-read");
  const read: InlineKeyboardButton.UrlButton = {
    text: lang === "ar" ? rtl(label) : label,
    url: `https://t.me/${botUsername}?start=${payload}`,
  };
  return {
    type: "article",
    id: itemId(item),
    title: lang === "ar" ? rtl(title) : title,
    description: openingWords(body.text),
    input_message_content: {
      message_text: message.rawText,
      entities: message.rawEntities,
      link_preview_options: { is_disabled: true },
    },
    reply_markup: { inline_keyboard: laidOut([[read]], lang) },
  };
}

/**
 * As many blocks as fit one message, in order; when some are left out, a last line says the rest is in the
 * bot (behind the "Read the story" button).
 */
function fitting(blocks: readonly Block[], view: View): Block[] {
  const out: Block[] = [];
  let size = 0;
  for (const block of blocks) {
    const length = block.text.rawText.length + 2;
    if (size + length > PASSAGE_ROOM) {
      out.push({ text: new FormattedString(view.t("inline-more")), lang: view.lang });
      break;
    }
    size += length;
    out.push(block);
  }
  return out;
}
