/** Telegram's MarkdownV2 parse mode, with its strict escaping rules. */
import type { MessageEntity } from "grammy/types";
import { badRequest } from "./errors.js";
import { sortEntities, utf8Length } from "./values.js";

const MARKDOWN_V2_RESERVED = new Set("_*[]()~`>#+-=|{}.!".split(""));
const MARKDOWN_V2_NAMES: Record<string, string> = {
  bold: "Bold",
  italic: "Italic",
  underline: "Underline",
  strikethrough: "Strikethrough",
  spoiler: "Spoiler",
  link: "TextUrl",
  emoji: "CustomEmoji",
};

/**
 * Parses MarkdownV2 into text and entities. Covers what bots write in practice — the inline styles, code,
 * pre, links, custom emoji and block quotes — and, above all, rejects unescaped reserved characters the
 * way Telegram does, the classic MarkdownV2 bug with dynamic text.
 */
export function parseMarkdownV2(input: string): { text: string; entities: MessageEntity[] } {
  const fail = (what: string): never => {
    throw badRequest(`can't parse entities: ${what}`);
  };
  const byteOffset = (i: number): number => utf8Length(input.slice(0, i));
  let text = "";
  const entities: MessageEntity[] = [];
  const stack: { kind: string; start: number; at: number }[] = [];
  let quoteStart: number | undefined;
  let quoteExpandable = false;
  const closeQuote = (): void => {
    if (quoteStart === undefined) return;
    let end = text.length;
    if (text.endsWith("\n")) end--;
    if (end > quoteStart) {
      entities.push({
        type: quoteExpandable ? "expandable_blockquote" : "blockquote",
        offset: quoteStart,
        length: end - quoteStart,
      });
    }
    quoteStart = undefined;
    quoteExpandable = false;
  };
  const toggle = (kind: string, at: number): void => {
    const top = stack[stack.length - 1];
    if (top?.kind === kind) {
      stack.pop();
      if (text.length > top.start) {
        entities.push({ type: kind, offset: top.start, length: text.length - top.start } as MessageEntity);
      }
    } else {
      stack.push({ kind, start: text.length, at });
    }
  };
  let i = 0;
  while (i < input.length) {
    const ch = input[i] ?? "";
    const lineStart = i === 0 || input[i - 1] === "\n";
    if (lineStart) {
      if (input.startsWith("**>", i) || ch === ">") {
        if (quoteStart === undefined) {
          quoteStart = text.length;
          quoteExpandable = input.startsWith("**>", i);
        }
        i += input.startsWith("**>", i) ? 3 : 1;
        continue;
      }
      closeQuote();
    }
    if (ch === "\\") {
      const next = input[i + 1];
      if (next === undefined) fail(`Character '\\' is reserved and must be escaped with the preceding '\\'`);
      text += next;
      i += 2;
      continue;
    }
    if (ch === "`") {
      const isPre = input.startsWith("```", i);
      const fence = isPre ? "```" : "`";
      let j = i + fence.length;
      let language: string | undefined;
      if (isPre) {
        const newline = input.indexOf("\n", j);
        const end = input.indexOf("```", j);
        if (newline !== -1 && (end === -1 || newline < end)) {
          language = input.slice(j, newline) || undefined;
          j = newline + 1;
        }
      }
      const start = text.length;
      let closed = false;
      while (j < input.length) {
        if (input[j] === "\\" && j + 1 < input.length) {
          text += input[j + 1];
          j += 2;
          continue;
        }
        if (input.startsWith(fence, j)) {
          closed = true;
          break;
        }
        text += input[j];
        j++;
      }
      if (!closed) fail(`Can't find end of ${isPre ? "Pre" : "Code"} entity at byte offset ${byteOffset(i)}`);
      if (text.length > start) {
        const base = { offset: start, length: text.length - start };
        entities.push(
          isPre
            ? language
              ? { ...base, type: "pre", language }
              : { ...base, type: "pre" }
            : { ...base, type: "code" },
        );
      }
      i = j + fence.length;
      continue;
    }
    if (ch === "*") {
      toggle("bold", i);
      i++;
      continue;
    }
    if (ch === "_") {
      if (input[i + 1] === "_") {
        toggle("underline", i);
        i += 2;
      } else {
        toggle("italic", i);
        i++;
      }
      continue;
    }
    if (ch === "~") {
      toggle("strikethrough", i);
      i++;
      continue;
    }
    if (ch === "|" && input[i + 1] === "|") {
      // "||" closing the last line of an expandable quote, or a spoiler.
      if (
        quoteExpandable &&
        stack[stack.length - 1]?.kind !== "spoiler" &&
        /^\|\|(\n|$)/.test(input.slice(i))
      ) {
        i += 2;
        continue;
      }
      toggle("spoiler", i);
      i += 2;
      continue;
    }
    if (ch === "[" || (ch === "!" && input[i + 1] === "[")) {
      stack.push({ kind: ch === "!" ? "emoji" : "link", start: text.length, at: i });
      i += ch === "!" ? 2 : 1;
      continue;
    }
    if (ch === "]") {
      const top = stack[stack.length - 1];
      if ((top?.kind === "link" || top?.kind === "emoji") && input[i + 1] === "(") {
        let j = i + 2;
        let url = "";
        while (j < input.length && input[j] !== ")") {
          if (input[j] === "\\" && j + 1 < input.length) {
            url += input[j + 1];
            j += 2;
            continue;
          }
          url += input[j];
          j++;
        }
        if (j >= input.length) fail(`Can't find end of a URL at byte offset ${byteOffset(i + 1)}`);
        stack.pop();
        const base = { offset: top.start, length: text.length - top.start };
        if (base.length > 0) {
          if (top.kind === "emoji") {
            const id = /[?&]id=(\d+)/.exec(url)?.[1] ?? "";
            entities.push({ ...base, type: "custom_emoji", custom_emoji_id: id });
          } else {
            entities.push({ ...base, type: "text_link", url });
          }
        }
        i = j + 1;
        continue;
      }
    }
    if (MARKDOWN_V2_RESERVED.has(ch)) {
      fail(`Character '${ch}' is reserved and must be escaped with the preceding '\\'`);
    }
    text += ch;
    i++;
  }
  closeQuote();
  const open = stack.pop();
  if (open)
    fail(
      `Can't find end of ${MARKDOWN_V2_NAMES[open.kind] ?? open.kind} entity at byte offset ${byteOffset(open.at)}`,
    );
  return { text, entities: sortEntities(entities) };
}
