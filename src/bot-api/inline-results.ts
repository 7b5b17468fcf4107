/** The results of answerInlineQuery, checked as Telegram checks them. */
import { formattedText } from "./entities.js";
import { badRequest } from "./errors.js";
import { LIMITS } from "./limits.js";
import { validateReplyMarkup } from "./markup.js";
import { isRecord } from "./values.js";

/** Checks an answerInlineQuery payload (everything but the query id); throws Telegram's 400 on a problem. */
export function validateInlineAnswer(p: Record<string, unknown>): void {
  const results = Array.isArray(p.results) ? p.results : [];
  if (results.length > LIMITS.inlineQueryResults) throw badRequest("RESULTS_TOO_MUCH");
  const ids = new Set<string>();
  for (const result of results) {
    if (!isRecord(result) || typeof result.id !== "string" || result.id === "") {
      throw badRequest("RESULT_ID_INVALID");
    }
    if (ids.has(result.id)) throw badRequest("RESULT_ID_DUPLICATE");
    ids.add(result.id);
    validateReplyMarkup(result.reply_markup);
    const content = result.input_message_content;
    if (isRecord(content) && "message_text" in content) {
      formattedText(content, "message_text", "entities", "parse_mode");
    }
  }
}
