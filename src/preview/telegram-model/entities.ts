/**
 * Message text as Telegram reads it: explicit entities checked against the text, and the text limits
 * applied. The bot sends entities, never a parse mode, so the model parses none.
 */
import type { MessageEntity } from "grammy/types";
import { LIMITS } from "../../telegram-limits.js";
import { badRequest } from "./errors.js";
import { isRecord } from "./values.js";

const ENTITY_TYPES = new Set([
  "mention",
  "hashtag",
  "cashtag",
  "bot_command",
  "url",
  "email",
  "phone_number",
  "bold",
  "italic",
  "underline",
  "strikethrough",
  "spoiler",
  "blockquote",
  "expandable_blockquote",
  "code",
  "pre",
  "text_link",
  "text_mention",
  "custom_emoji",
  "date_time",
]);

/**
 * Reads a text field the way Telegram does for explicit entities, then applies the limits. A parse mode is
 * refused: the bot never sends one, and a model that accepted it unparsed would show markup as text.
 */
export function formattedText(
  p: Record<string, unknown>,
  textField: string,
  entitiesField: string,
  parseModeField: string,
): { text: string; entities: MessageEntity[] } {
  const raw = p[textField];
  const text = typeof raw === "string" ? raw : typeof raw === "number" ? String(raw) : "";
  let entities: MessageEntity[] = [];
  if (p[entitiesField] !== undefined) {
    entities = validateEntities(p[entitiesField], text);
  } else if (p[parseModeField] !== undefined && p[parseModeField] !== "") {
    throw badRequest("unsupported parse_mode: this model reads explicit entities only");
  }
  if (text.trim() === "") throw badRequest("message text is empty");
  if (text.length > LIMITS.messageText) throw badRequest("message is too long");
  return { text, entities };
}

/** Checks explicit entities against the text they describe, as Telegram does. */
export function validateEntities(value: unknown, text: string): MessageEntity[] {
  if (!Array.isArray(value)) throw badRequest("can't parse entities JSON object");
  const out: MessageEntity[] = [];
  value.forEach((entity, index) => {
    const where = `entity #${index}`;
    if (!isRecord(entity)) throw badRequest(`can't parse entities: ${where} is not an object`);
    const { type, offset, length } = entity;
    if (typeof type !== "string" || !ENTITY_TYPES.has(type)) {
      throw badRequest(`can't parse entities: ${where} has unsupported type ${JSON.stringify(type)}`);
    }
    if (!Number.isInteger(offset) || !Number.isInteger(length)) {
      throw badRequest(`can't parse entities: ${where} (${type}) needs integer offset and length`);
    }
    const o = offset as number;
    const l = length as number;
    if (o < 0 || l < 0 || o + l > text.length) {
      throw badRequest(
        `can't parse entities: ${where} (${type}) at offset ${o} with length ${l} lies outside the text of ${text.length} UTF-16 code units`,
      );
    }
    if (type === "text_link" && typeof entity.url !== "string") {
      throw badRequest(`can't parse entities: ${where} (text_link) has no url`);
    }
    if (type === "text_mention" && !isRecord(entity.user)) {
      throw badRequest(`can't parse entities: ${where} (text_mention) has no user`);
    }
    if (type === "custom_emoji" && typeof entity.custom_emoji_id !== "string") {
      throw badRequest(`can't parse entities: ${where} (custom_emoji) has no custom_emoji_id`);
    }
    // Checked field by field above; Telegram silently drops empty entities.
    if (l > 0) out.push(structuredClone(entity) as unknown as MessageEntity);
  });
  return out;
}
