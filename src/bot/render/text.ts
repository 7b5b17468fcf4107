import { FormattedString } from "@grammyjs/parse-mode";
import type { MessageEntity } from "grammy/types";
import type { Lang } from "../../content/schema.js";
import { RLM, startsRtl } from "./bidi.js";

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

/**
 * Makes every line of an Arabic-interface text start right-to-left, inserting a mark where a line does not
 * already start with Arabic, and moving the entities so they still cover the same characters. English text
 * is returned unchanged: its lines take their own direction.
 */
export function directed(text: FormattedString, lang: Lang): FormattedString {
  if (lang !== "ar") return text;
  const raw = text.rawText;
  const inserts: number[] = [];
  let start = 0;
  while (start <= raw.length) {
    const end = raw.indexOf("\n", start);
    const line = raw.slice(start, end === -1 ? raw.length : end);
    if (line !== "" && !startsRtl(line)) inserts.push(start);
    if (end === -1) break;
    start = end + 1;
  }
  if (inserts.length === 0) return text;
  let out = "";
  let from = 0;
  for (const at of inserts) {
    out += raw.slice(from, at) + RLM;
    from = at;
  }
  out += raw.slice(from);
  const shifted = text.rawEntities.map((entity): MessageEntity => {
    const before = inserts.filter((at) => at <= entity.offset).length;
    const inside = inserts.filter((at) => at > entity.offset && at < entity.offset + entity.length).length;
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
