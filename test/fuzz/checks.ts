/**
 * Checks on the Bot API calls the bot made, written against Telegram's documented limits rather than the
 * fake's validation, so the fuzz properties hold even if the fake changed; and compact printing of updates
 * and calls for failure messages.
 */
import { decodeTarget } from "../../src/bot/routes.js";
import type { ApiCall } from "../helpers/fake-telegram.js";

/** Message text after entity parsing, in UTF-16 code units. */
const MAX_TEXT = 4096;
/** callback_data, in UTF-8 bytes. */
const MAX_CALLBACK_DATA_BYTES = 64;
/** answerCallbackQuery text, in characters. */
const MAX_ANSWER_TEXT = 200;
/** Buttons in one inline keyboard. */
const MAX_BUTTONS = 100;

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/** Whether a UTF-16 offset falls between the two halves of a surrogate pair. */
function splitsPair(text: string, at: number): boolean {
  return (
    at > 0 &&
    at < text.length &&
    isHighSurrogate(text.charCodeAt(at - 1)) &&
    isLowSurrogate(text.charCodeAt(at))
  );
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function textProblems(text: unknown, entities: unknown, parseMode: unknown): string[] {
  if (typeof text !== "string") return [`text is ${typeof text}, not a string`];
  const problems: string[] = [];
  if (parseMode !== undefined)
    problems.push(
      `parse_mode ${JSON.stringify(parseMode)} is set: these checks only understand explicit entities`,
    );
  if (text.trim() === "") problems.push("text is empty after trimming (Telegram: message text is empty)");
  if (text.length > MAX_TEXT) problems.push(`text is ${text.length} UTF-16 units, over ${MAX_TEXT}`);
  if (entities === undefined) return problems;
  if (!Array.isArray(entities)) return [...problems, "entities is not an array"];
  entities.forEach((entity: unknown, i) => {
    if (!isRecord(entity) || typeof entity.type !== "string") {
      problems.push(`entity #${i} is not an entity`);
      return;
    }
    const { offset, length } = entity;
    if (
      typeof offset !== "number" ||
      typeof length !== "number" ||
      !Number.isInteger(offset) ||
      !Number.isInteger(length)
    ) {
      problems.push(`entity #${i} (${entity.type}) has a non-integer offset or length`);
      return;
    }
    if (offset < 0 || length < 1 || offset + length > text.length)
      problems.push(
        `entity #${i} (${entity.type}) at ${offset}+${length} lies outside the text of ${text.length} units`,
      );
    if (splitsPair(text, offset))
      problems.push(`entity #${i} (${entity.type}) starts inside a surrogate pair`);
    if (splitsPair(text, offset + length))
      problems.push(`entity #${i} (${entity.type}) ends inside a surrogate pair`);
  });
  return problems;
}

function markupProblems(markup: unknown): string[] {
  if (markup === undefined) return [];
  if (!isRecord(markup)) return ["reply_markup is not an object"];
  if (!("inline_keyboard" in markup)) return [];
  const rows = markup.inline_keyboard;
  if (!Array.isArray(rows) || !rows.every(Array.isArray))
    return ["inline_keyboard is not an array of arrays"];
  const problems: string[] = [];
  const buttons: unknown[] = rows.flat();
  if (buttons.length > MAX_BUTTONS) problems.push(`${buttons.length} buttons, over ${MAX_BUTTONS}`);
  buttons.forEach((button, i) => {
    if (!isRecord(button) || typeof button.text !== "string" || button.text.trim() === "") {
      problems.push(`button #${i} has no text`);
      return;
    }
    const data = button.callback_data;
    if (data === undefined) return;
    if (typeof data !== "string") {
      problems.push(`button #${i} has non-string callback_data`);
      return;
    }
    const bytes = Buffer.byteLength(data, "utf8");
    if (bytes < 1 || bytes > MAX_CALLBACK_DATA_BYTES)
      problems.push(
        `button #${i} callback_data ${JSON.stringify(data)} is ${bytes} bytes, not 1–${MAX_CALLBACK_DATA_BYTES}`,
      );
    // Not a Telegram limit, but the same contract: the bot must be able to read back its own buttons.
    else if (decodeTarget(data) === undefined)
      problems.push(`button #${i} callback_data ${JSON.stringify(data)} does not decode to a route`);
  });
  return problems;
}

/** Results per answer; result ids and next_offset, in bytes; a start parameter's form. */
const MAX_RESULTS = 50;
const MAX_RESULT_ID_BYTES = 64;
const MAX_NEXT_OFFSET_BYTES = 64;
const START_PARAMETER = /^[A-Za-z0-9_-]{1,64}$/;
const DEEP_LINK = /^https:\/\/t\.me\/[A-Za-z0-9_]+\?start=[A-Za-z0-9_-]{1,64}$/;

function inlineAnswerProblems(p: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const results = p.results;
  if (!Array.isArray(results)) return ["answerInlineQuery results is not an array"];
  if (results.length > MAX_RESULTS) problems.push(`${results.length} results, over ${MAX_RESULTS}`);
  const ids = new Set<string>();
  results.forEach((result: unknown, i) => {
    if (!isRecord(result) || typeof result.id !== "string") {
      problems.push(`result #${i} has no id`);
      return;
    }
    const bytes = Buffer.byteLength(result.id, "utf8");
    if (bytes < 1 || bytes > MAX_RESULT_ID_BYTES) problems.push(`result id ${result.id} is ${bytes} bytes`);
    if (ids.has(result.id)) problems.push(`result id ${result.id} is used twice`);
    ids.add(result.id);
    const content = result.input_message_content;
    if (!isRecord(content)) problems.push(`result #${i} has no message content`);
    else problems.push(...textProblems(content.message_text, content.entities, content.parse_mode));
    problems.push(...markupProblems(result.reply_markup));
    const markup = result.reply_markup;
    const buttons: unknown[] =
      isRecord(markup) && Array.isArray(markup.inline_keyboard) ? markup.inline_keyboard.flat() : [];
    for (const button of buttons)
      if (!isRecord(button) || typeof button.url !== "string" || !DEEP_LINK.test(button.url))
        problems.push(`result #${i} has a button that is not a deep link: ${JSON.stringify(button)}`);
  });
  const offset = p.next_offset;
  if (
    offset !== undefined &&
    (typeof offset !== "string" || Buffer.byteLength(offset) > MAX_NEXT_OFFSET_BYTES)
  )
    problems.push(
      `next_offset ${JSON.stringify(offset)} is not a string of at most ${MAX_NEXT_OFFSET_BYTES} bytes`,
    );
  const button = p.button;
  if (button !== undefined) {
    if (!isRecord(button) || typeof button.text !== "string" || button.text === "")
      problems.push("the answer's button has no text");
    else if (typeof button.start_parameter !== "string" || !START_PARAMETER.test(button.start_parameter))
      problems.push(`start_parameter ${JSON.stringify(button.start_parameter)} is not 1–64 of [A-Za-z0-9_-]`);
  }
  return problems;
}

/** Every way one call breaks Telegram's limits (property 3); empty when it keeps to them. */
export function limitProblems(call: ApiCall): string[] {
  const p = call.payload;
  const problems = markupProblems(p.reply_markup);
  switch (call.method) {
    case "sendMessage":
    case "editMessageText":
      problems.push(...textProblems(p.text, p.entities, p.parse_mode));
      break;
    case "answerInlineQuery":
      problems.push(...inlineAnswerProblems(p));
      break;
    case "answerCallbackQuery":
      if (typeof p.callback_query_id !== "string" || p.callback_query_id === "")
        problems.push("answerCallbackQuery without a callback_query_id");
      if (p.text !== undefined) {
        if (typeof p.text !== "string") problems.push("answerCallbackQuery text is not a string");
        else if ([...p.text].length > MAX_ANSWER_TEXT)
          problems.push(
            `answerCallbackQuery text is ${[...p.text].length} characters, over ${MAX_ANSWER_TEXT}`,
          );
      }
      break;
  }
  return problems;
}

/** The chat a call is addressed to: a number, `undefined` when it names none. */
export function chatIdOf(call: ApiCall): number | undefined {
  const id = call.payload.chat_id;
  if (id === undefined) return undefined;
  return typeof id === "number" ? id : Number(id);
}

/** Shortens long strings so a failure message stays readable (a 4097-character text shows its ends). */
function shorten(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (_key, v: unknown) =>
      typeof v === "string" && v.length > 160 ? `${v.slice(0, 80)}…(${v.length} units)…${v.slice(-40)}` : v,
    ),
  );
}

/** One line of JSON, long strings shortened. */
export function compact(value: unknown): string {
  return JSON.stringify(shorten(value));
}

/** A call as it went out and how it came back. */
export function describeCall(call: ApiCall): string {
  const outcome = call.error ? ` → ${call.error.error_code} ${call.error.description}` : "";
  return `${call.method} ${compact(call.payload)}${outcome}`;
}
