/** Telegram's HTML parse mode: tags to entities, failing with Telegram's messages where Telegram fails. */
import type { MessageEntity } from "grammy/types";
import { badRequest } from "./errors.js";
import { sortEntities, utf8Length } from "./values.js";

const HTML_TAGS: Record<string, MessageEntity["type"] | "a" | "span" | "tg-emoji"> = {
  b: "bold",
  strong: "bold",
  i: "italic",
  em: "italic",
  u: "underline",
  ins: "underline",
  s: "strikethrough",
  strike: "strikethrough",
  del: "strikethrough",
  "tg-spoiler": "spoiler",
  span: "span",
  a: "a",
  code: "code",
  pre: "pre",
  blockquote: "blockquote",
  "tg-emoji": "tg-emoji",
};

interface OpenTag {
  name: string;
  start: number;
  attrs: Record<string, string>;
  /** Set on a <pre> when its inner <code class="language-x"> names a language. */
  language?: string;
}

/** Parses Telegram's HTML parse mode into text and entities, failing where Telegram fails. */
export function parseHtml(input: string): { text: string; entities: MessageEntity[] } {
  const fail = (what: string): never => {
    throw badRequest(`can't parse entities: ${what}`);
  };
  const byteOffset = (i: number): number => utf8Length(input.slice(0, i));
  let text = "";
  const entities: MessageEntity[] = [];
  const stack: OpenTag[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i];
    if (ch === "<") {
      const close = input.indexOf(">", i);
      if (input[i + 1] === "/") {
        if (close === -1) fail(`Unclosed end tag at byte offset ${byteOffset(i)}`);
        const name = input
          .slice(i + 2, close)
          .trim()
          .toLowerCase();
        const open = stack.pop();
        if (!open) fail(`Unexpected end tag at byte offset ${byteOffset(i)}`);
        else if (open.name !== name) {
          fail(
            `Unmatched end tag at byte offset ${byteOffset(i)}, expected "</${open.name}>", found "</${name}>"`,
          );
        } else {
          closeHtmlTag(open, stack, text.length, entities);
        }
        i = close + 1;
        continue;
      }
      const nameMatch = /^[a-zA-Z][a-zA-Z0-9-]*/.exec(input.slice(i + 1));
      const name = (nameMatch?.[0] ?? "").toLowerCase();
      if (!(name in HTML_TAGS)) fail(`Unsupported start tag "${name}" at byte offset ${byteOffset(i)}`);
      if (close === -1) fail(`Unclosed start tag at byte offset ${byteOffset(i)}`);
      const attrs = parseHtmlAttributes(input.slice(i + 1 + name.length, close).replace(/\/$/, ""));
      stack.push({ name, start: text.length, attrs });
      i = close + 1;
      continue;
    }
    if (ch === "&") {
      const entity = /^&(#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z]+);/.exec(input.slice(i, i + 12));
      const decoded = entity?.[1] === undefined ? undefined : decodeHtmlEntity(entity[1]);
      if (entity && decoded !== undefined) {
        text += decoded;
        i += entity[0].length;
        continue;
      }
    }
    text += ch;
    i++;
  }
  const unclosed = stack.pop();
  if (unclosed) fail(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
  return { text, entities: sortEntities(entities) };
}

function closeHtmlTag(open: OpenTag, stack: OpenTag[], end: number, entities: MessageEntity[]): void {
  const length = end - open.start;
  const kind = HTML_TAGS[open.name];
  const parent = stack[stack.length - 1];
  if (open.name === "code" && parent?.name === "pre" && open.attrs.class?.startsWith("language-")) {
    // <pre><code class="language-x"> is one pre entity with a language, not two entities.
    parent.language = open.attrs.class.slice("language-".length);
    return;
  }
  if (length === 0) return;
  const base = { offset: open.start, length };
  if (kind === "a") {
    if (open.attrs.href) entities.push({ ...base, type: "text_link", url: open.attrs.href });
  } else if (kind === "span") {
    if (open.attrs.class !== "tg-spoiler") {
      throw badRequest('can\'t parse entities: Tag "span" must have class "tg-spoiler"');
    }
    entities.push({ ...base, type: "spoiler" });
  } else if (kind === "tg-emoji") {
    entities.push({ ...base, type: "custom_emoji", custom_emoji_id: open.attrs["emoji-id"] ?? "" });
  } else if (kind === "pre") {
    entities.push(
      open.language ? { ...base, type: "pre", language: open.language } : { ...base, type: "pre" },
    );
  } else if (kind === "blockquote") {
    entities.push({ ...base, type: "expandable" in open.attrs ? "expandable_blockquote" : "blockquote" });
  } else if (kind !== undefined) {
    entities.push({ ...base, type: kind } as MessageEntity);
  }
}

function parseHtmlAttributes(source: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  const pattern = /([a-zA-Z-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
  for (const match of source.matchAll(pattern)) {
    const name = match[1];
    if (name === undefined) continue;
    const value = match[2] ?? match[3] ?? match[4] ?? "";
    attrs[name.toLowerCase()] = value.replace(
      /&(#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z]+);/g,
      (whole, body: string) => {
        return decodeHtmlEntity(body) ?? whole;
      },
    );
  }
  return attrs;
}

function decodeHtmlEntity(body: string): string | undefined {
  const named: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };
  if (body.startsWith("#x") || body.startsWith("#X"))
    return safeCodePoint(Number.parseInt(body.slice(2), 16));
  if (body.startsWith("#")) return safeCodePoint(Number.parseInt(body.slice(1), 10));
  return named[body];
}

function safeCodePoint(n: number): string | undefined {
  return Number.isInteger(n) && n >= 0 && n <= 0x10ffff ? String.fromCodePoint(n) : undefined;
}
