import { FormattedString } from "@grammyjs/parse-mode";
import type { MessageEntity } from "grammy/types";
import type { Lang } from "../../content/schema.js";
import { FSI, PDI, RLM, startsRtl } from "./bidi.js";

/** Telegram's limit for one message's text, in UTF-16 code units (the unit both JS and Telegram count). */
export const MESSAGE_LIMIT = 4096;

const ARABIC_SCRIPT = /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/u;

/**
 * A line set apart (a standfirst, a note, "Section 1 of 4"): italic in Latin script, plain in Arabic, which
 * has no italic (a slanted Arabic line is only harder to read).
 */
export function setApart(text: string): FormattedString {
  return ARABIC_SCRIPT.test(text) ? new FormattedString(text) : FormattedString.i(text);
}

/** Joins lines (formatted or plain) with a newline. */
export function lines(...parts: Array<FormattedString | string>): FormattedString {
  return FormattedString.join(parts, "\n");
}

/** Joins blocks with an empty line between them. */
export function blocks(parts: Array<FormattedString | string>): FormattedString {
  return FormattedString.join(parts, "\n\n");
}

/** A line whose first letter is Latin: a line of English text, not an Arabic one led by an emoji or digit. */
const LATIN_FIRST = /^[^\p{L}]*[A-Za-z\u00c0-\u024f]/u;

/**
 * Makes every line of an Arabic-interface text start right-to-left, inserting a mark where a line does not
 * already start with Arabic, and moving the entities so they still cover the same characters. A line of
 * English text (an untranslated title or standfirst) is also isolated after the mark (FSI…PDI): it sits on
 * the right like the lines around it but reads left to right, its full stop at its end rather than thrown to
 * the far side. English text is returned unchanged: its lines take their own direction.
 */
export function directed(text: FormattedString, lang: Lang): FormattedString {
  if (lang !== "ar") return text;
  const raw = text.rawText;
  // Where to insert what, in order: a mark (and an isolate's start) at a line's start, its end at the line's end.
  const inserts: Array<{ at: number; text: string; opens: boolean }> = [];
  let start = 0;
  while (start <= raw.length) {
    const end = raw.indexOf("\n", start);
    const stop = end === -1 ? raw.length : end;
    const line = raw.slice(start, stop);
    if (line !== "" && !startsRtl(line)) {
      const english = LATIN_FIRST.test(line) && !line.includes(FSI);
      inserts.push({ at: start, text: english ? RLM + FSI : RLM, opens: true });
      if (english) inserts.push({ at: stop, text: PDI, opens: false });
    }
    if (end === -1) break;
    start = end + 1;
  }
  if (inserts.length === 0) return text;
  let out = "";
  let from = 0;
  for (const insert of inserts) {
    out += raw.slice(from, insert.at) + insert.text;
    from = insert.at;
  }
  out += raw.slice(from);
  const added = (keep: (insert: { at: number; opens: boolean }) => boolean) =>
    inserts.filter(keep).reduce((sum, insert) => sum + insert.text.length, 0);
  const shifted = text.rawEntities.map((entity): MessageEntity => {
    const endAt = entity.offset + entity.length;
    // A mark at the entity's start goes before it; an isolate's end at the entity's end goes after it.
    const before = added((i) => i.at < entity.offset || (i.at === entity.offset && i.opens));
    const inside = added((i) => i.at > entity.offset && i.at < endAt);
    return { ...entity, offset: entity.offset + before, length: entity.length + inside };
  });
  return new FormattedString(out, shifted);
}

/** Cuts one oversized block at the last line break, else the last space, before the limit. */
function cut(block: FormattedString, limit: number): FormattedString[] {
  const parts: FormattedString[] = [];
  let rest = block;
  while (rest.rawText.length > limit) {
    const head = rest.rawText.slice(0, limit);
    let at = head.lastIndexOf("\n");
    if (at <= 0) at = head.lastIndexOf(" ");
    if (at <= 0) at = limit;
    // Never split a surrogate pair: the half characters would be invalid UTF-16.
    const code = rest.rawText.charCodeAt(at - 1);
    if (code >= 0xd800 && code <= 0xdbff) at--;
    parts.push(rest.slice(0, at));
    rest =
      rest.slice(at).rawText.startsWith("\n") || rest.slice(at).rawText.startsWith(" ")
        ? rest.slice(at + 1)
        : rest.slice(at);
  }
  if (rest.rawText.length > 0) parts.push(rest);
  return parts;
}

/**
 * Packs blocks (paragraphs) into as few messages as the limit allows, splitting only between blocks. A
 * single block longer than a whole message is the one exception: it is cut at a line break or a space.
 */
export function pack(parts: readonly FormattedString[], limit = MESSAGE_LIMIT): FormattedString[] {
  const messages: FormattedString[] = [];
  let current: FormattedString[] = [];
  let size = 0;
  const flush = () => {
    if (current.length > 0) messages.push(blocks(current));
    current = [];
    size = 0;
  };
  for (const part of parts.flatMap((p) => (p.rawText.length > limit ? cut(p, limit) : [p]))) {
    const added = (current.length > 0 ? 2 : 0) + part.rawText.length;
    if (size + added > limit) flush();
    size += (current.length > 0 ? 2 : 0) + part.rawText.length;
    current.push(part);
  }
  flush();
  return messages;
}
