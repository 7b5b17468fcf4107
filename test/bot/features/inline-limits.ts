/**
 * Telegram's limits for `answerInlineQuery`, checked here on their own (independently of the fake Bot API's
 * model), so a result the bot sends is known to be one Telegram would take.
 */
import type { InlineKeyboardButton, MessageEntity } from "grammy/types";
import { expect } from "vitest";
import { DEFAULT_BOT_INFO } from "../../helpers/fake-telegram.js";

/** A result as the bot sends it (an article with a text message). */
export interface SentResult {
  type: string;
  id: string;
  title: string;
  description?: string;
  input_message_content: { message_text: string; entities?: MessageEntity[] };
  reply_markup?: { inline_keyboard: InlineKeyboardButton[][] };
}

/** The payload of one answerInlineQuery call. */
export interface SentAnswer {
  inline_query_id: string;
  results: SentResult[];
  cache_time?: number;
  is_personal?: boolean;
  next_offset?: string;
  button?: { text: string; start_parameter?: string };
}

const START_PARAMETER = /^[A-Za-z0-9_-]{1,64}$/;
const DEEP_LINK = new RegExp(`^https://t\\.me/${DEFAULT_BOT_INFO.username}\\?start=([A-Za-z0-9_-]{1,64})$`);

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const splitsPair = (text: string, at: number) =>
  at > 0 && at < text.length && isHigh(text.charCodeAt(at - 1));

/** Checks every limit of an answer; returns the deep-link payloads of its results' buttons. */
export function checkAnswer(answer: SentAnswer): string[] {
  expect(answer.results.length).toBeLessThanOrEqual(50);
  const ids = answer.results.map((r) => r.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const id of ids) {
    expect(Buffer.byteLength(id)).toBeGreaterThanOrEqual(1);
    expect(Buffer.byteLength(id)).toBeLessThanOrEqual(64);
  }
  expect(Buffer.byteLength(answer.next_offset ?? "")).toBeLessThanOrEqual(64);
  if (answer.button?.start_parameter !== undefined)
    expect(answer.button.start_parameter).toMatch(START_PARAMETER);
  const payloads: string[] = [];
  for (const result of answer.results) {
    expect(result.type).toBe("article");
    expect(result.title.trim()).not.toBe("");
    const { message_text: text, entities = [] } = result.input_message_content;
    expect(text.trim().length).toBeGreaterThan(0);
    expect(text.length).toBeLessThanOrEqual(4096);
    for (const e of entities) {
      expect(e.offset).toBeGreaterThanOrEqual(0);
      expect(e.length).toBeGreaterThanOrEqual(1);
      expect(e.offset + e.length).toBeLessThanOrEqual(text.length);
      expect(splitsPair(text, e.offset) || splitsPair(text, e.offset + e.length)).toBe(false);
    }
    for (const button of result.reply_markup?.inline_keyboard.flat() ?? []) {
      expect(button.text.length).toBeGreaterThan(0);
      if (!("url" in button)) throw new Error(`a result button that is not a URL: ${JSON.stringify(button)}`);
      const match = DEEP_LINK.exec(button.url);
      expect(match, button.url).not.toBeNull();
      if (match?.[1]) payloads.push(match[1]);
    }
  }
  return payloads;
}

/** Checks a Share or Copy button as Telegram would. */
export function checkShareButton(button: InlineKeyboardButton): void {
  expect([...button.text].length).toBeLessThanOrEqual(18);
  if ("copy_text" in button) {
    expect(button.copy_text.text.length).toBeGreaterThanOrEqual(1);
    expect(button.copy_text.text.length).toBeLessThanOrEqual(256);
  } else if ("switch_inline_query_chosen_chat" in button) {
    const chosen = button.switch_inline_query_chosen_chat;
    expect(chosen.query?.length ?? 0).toBeGreaterThan(0);
    expect(chosen.allow_user_chats && chosen.allow_group_chats && chosen.allow_channel_chats).toBe(true);
  } else throw new Error(`not a share or copy button: ${JSON.stringify(button)}`);
}
