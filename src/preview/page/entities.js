// Telegram's message entities → DOM nodes, as Telegram's clients draw them. Pure: it only builds nodes with
// the document it is given (no globals), so it runs in the browser and under vitest alike. Message text goes
// into text nodes only, never into markup.

import { botLink, safeHref } from "./links.js";

/**
 * @typedef {{ type: string, offset: number, length: number, url?: string, language?: string,
 *   user?: { id: number, first_name?: string }, custom_emoji_id?: string, unix_time?: number }} MessageEntity
 * A Telegram MessageEntity; offsets and lengths count UTF-16 code units, as JavaScript strings do.
 */

/**
 * @typedef {{ botUsername?: string }} RenderOptions
 * `botUsername` makes links to this bot (`t.me/<bot>?start=…`) deep links that the page turns into `/start`.
 */

/** @typedef {MessageEntity & { index: number, end: number }} Span an entity with its place among the others */

/** @typedef {{ span: Span | null, children: Block[] }} Block a block entity and the blocks inside it */

/** Entities drawn as blocks of their own lines; all others are inline. */
const BLOCK_TYPES = new Set(["blockquote", "expandable_blockquote", "pre"]);

/**
 * Renders a message's text with its entities: one element per line (`data-role="line"`, `dir="auto"`, since
 * Telegram takes each line's direction from its first strong character), blockquotes and code blocks as blocks
 * of such lines, and inline entities nested inside each line. Entities may nest and overlap; an entity that
 * crosses another is split into several elements, each carrying `data-entity` with the entity's index.
 * @param {Document} doc
 * @param {string} text
 * @param {readonly MessageEntity[] | undefined} entities
 * @param {RenderOptions} [options]
 * @returns {DocumentFragment}
 */
export function renderText(doc, text, entities, options = {}) {
  const spans = normalize(text, entities ?? []);
  const { root, crossing } = blockTree(spans.filter((s) => BLOCK_TYPES.has(s.type)));
  const inline = spans.filter((s) => !BLOCK_TYPES.has(s.type) || crossing.includes(s));
  const out = doc.createDocumentFragment();
  renderBlock(doc, text, root, 0, text.length, inline, out, options);
  return out;
}

/** Strong right-to-left characters (Hebrew, Arabic, Syriac, Thaana, N'Ko…, their presentation forms, RLM). */
const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\u200F]|\uD802[\uDC00-\uDFFF]|\uD83A[\uDC00-\uDFFF]/;
/** Strong characters of either direction (letters, and the LRM / RLM marks). */
const STRONG = /[\p{L}\u200E\u200F]/u;

/**
 * The direction Telegram gives a paragraph: that of its first strong character, or undefined without one.
 * @param {string} text
 * @returns {"rtl" | "ltr" | undefined}
 */
export function firstStrongDirection(text) {
  for (const char of text) {
    if (STRONG.test(char)) return RTL.test(char) ? "rtl" : "ltr";
  }
  return undefined;
}

/**
 * Entities that fit the text, with their index (to tell split parts of one entity apart) and end, sorted
 * so that an enclosing entity comes before the ones it encloses.
 * @param {string} text
 * @param {readonly MessageEntity[]} entities
 * @returns {Span[]}
 */
export function normalize(text, entities) {
  /** @type {Span[]} */
  const spans = [];
  entities.forEach((entity, index) => {
    const offset = Math.max(0, Math.trunc(Number(entity.offset)));
    const end = Math.min(text.length, offset + Math.trunc(Number(entity.length)));
    if (!Number.isFinite(end) || end <= offset) return;
    spans.push({ ...entity, offset, length: end - offset, end, index });
  });
  return spans.sort(outerFirst);
}

/**
 * @param {Span} a
 * @param {Span} b
 */
function outerFirst(a, b) {
  return a.offset - b.offset || b.end - a.end || a.index - b.index;
}

/**
 * Nests block entities: a code block may sit inside a quote. A block that crosses another (which Telegram
 * refuses) is returned apart, to be drawn as an inline span rather than break the layout.
 * @param {Span[]} blocks sorted outer first
 * @returns {{ root: Block, crossing: Span[] }}
 */
function blockTree(blocks) {
  /** @type {Block} */
  const root = { span: null, children: [] };
  /** @type {Span[]} */
  const crossing = [];
  for (const span of blocks) {
    /** @type {Block | null} */
    let parent = root;
    for (;;) {
      const last = parent.children.at(-1);
      if (!last?.span || last.span.end <= span.offset) break;
      if (span.end > last.span.end) {
        parent = null;
        break;
      }
      parent = last;
    }
    if (parent) parent.children.push({ span, children: [] });
    else crossing.push(span);
  }
  return { root, crossing };
}

/**
 * Renders [start, end) of the text into `container`: the lines between child blocks, and the child blocks.
 * A line break right next to a block is the block's own edge, not an empty line, as in Telegram.
 * @param {Document} doc
 * @param {string} text
 * @param {Block} block
 * @param {number} start
 * @param {number} end
 * @param {Span[]} inline
 * @param {Node} container
 * @param {RenderOptions} options
 */
function renderBlock(doc, text, block, start, end, inline, container, options) {
  let position = start;
  let afterBlock = false;
  for (const child of block.children) {
    const span = /** @type {Span} */ (child.span);
    let gapEnd = span.offset;
    if (gapEnd > position && text[gapEnd - 1] === "\n") gapEnd--;
    let gapStart = position;
    if (afterBlock && text[gapStart] === "\n" && gapStart < gapEnd) gapStart++;
    if (gapEnd > gapStart) renderLines(doc, text, gapStart, gapEnd, inline, container, options);
    const element = blockElement(doc, text, span);
    const body = element.querySelector("[data-role=block-body]") ?? element;
    let innerEnd = span.end;
    if (innerEnd > span.offset && text[innerEnd - 1] === "\n") innerEnd--;
    renderBlock(doc, text, child, span.offset, innerEnd, inline, body, options);
    container.appendChild(element);
    position = span.end;
    afterBlock = true;
  }
  let tailStart = position;
  if (afterBlock && text[tailStart] === "\n") tailStart++;
  if (!afterBlock || tailStart < end) renderLines(doc, text, tailStart, end, inline, container, options);
}

/**
 * The element of a block entity. An expandable quote starts collapsed, with a control to expand it.
 * @param {Document} doc
 * @param {string} text
 * @param {Span} span
 * @returns {HTMLElement}
 */
function blockElement(doc, text, span) {
  if (span.type === "pre") {
    const pre = doc.createElement("pre");
    pre.dataset.role = "pre";
    pre.dataset.entity = String(span.index);
    if (span.language) {
      pre.dataset.language = span.language;
      const label = doc.createElement("div");
      label.className = "pre-language";
      label.textContent = span.language;
      pre.appendChild(label);
    }
    const body = doc.createElement("div");
    body.dataset.role = "block-body";
    body.className = "pre-body";
    pre.appendChild(body);
    return pre;
  }
  const quote = doc.createElement("blockquote");
  quote.dataset.role = "blockquote";
  // The bar stands on the side the quote starts from, as Telegram's mobile apps draw an Arabic quote. Not
  // dir="auto": that skips the lines (each has its own dir) and would always find left to right.
  quote.setAttribute("dir", firstStrongDirection(text.slice(span.offset, span.end)) ?? "ltr");
  quote.dataset.entity = String(span.index);
  if (span.type === "expandable_blockquote") {
    quote.dataset.expandable = "true";
    quote.dataset.expanded = "false";
    const body = doc.createElement("div");
    body.dataset.role = "block-body";
    body.className = "quote-body";
    quote.appendChild(body);
    const expand = doc.createElement("button");
    expand.type = "button";
    expand.dataset.role = "expand";
    expand.className = "quote-expand";
    expand.setAttribute("aria-expanded", "false");
    expand.setAttribute("aria-label", "Show more");
    expand.textContent = "⌄";
    quote.appendChild(expand);
  }
  return quote;
}

/**
 * One `data-role="line"` element per line of [start, end).
 * @param {Document} doc
 * @param {string} text
 * @param {number} start
 * @param {number} end
 * @param {Span[]} inline
 * @param {Node} container
 * @param {RenderOptions} options
 */
function renderLines(doc, text, start, end, inline, container, options) {
  let lineStart = start;
  for (;;) {
    const newline = text.indexOf("\n", lineStart);
    const lineEnd = newline === -1 || newline >= end ? end : newline;
    const line = doc.createElement("div");
    line.dataset.role = "line";
    line.setAttribute("dir", "auto");
    renderInline(doc, text, lineStart, lineEnd, inline, line, options);
    container.appendChild(line);
    if (lineEnd >= end) break;
    lineStart = lineEnd + 1;
  }
}

/**
 * Inline entities over [start, end): the range is cut at every entity edge, and each piece is wrapped in the
 * entities covering it, outermost first, reusing the open elements it shares with the previous piece.
 * @param {Document} doc
 * @param {string} text
 * @param {number} start
 * @param {number} end
 * @param {Span[]} spans
 * @param {Node} line
 * @param {RenderOptions} options
 */
function renderInline(doc, text, start, end, spans, line, options) {
  const here = spans.filter((s) => s.offset < end && s.end > start);
  const cuts = new Set([start, end]);
  for (const s of here) {
    if (s.offset > start) cuts.add(s.offset);
    if (s.end < end) cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  /** @type {Array<{ span: Span, element: HTMLElement }>} */
  const open = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const from = /** @type {number} */ (points[i]);
    const to = /** @type {number} */ (points[i + 1]);
    const covering = here.filter((s) => s.offset <= from && s.end >= to);
    let shared = 0;
    while (shared < open.length && shared < covering.length && open[shared]?.span === covering[shared]) {
      shared++;
    }
    open.length = shared;
    for (const span of covering.slice(shared)) {
      const element = inlineElement(doc, text, span, options);
      const parent = open.at(-1)?.element ?? line;
      parent.appendChild(element);
      open.push({ span, element });
    }
    (open.at(-1)?.element ?? line).appendChild(doc.createTextNode(text.slice(from, to)));
  }
}

/**
 * The element for one inline entity. Links carry what a press should do in data attributes; the page acts
 * on them (a bot command is sent, a deep link to this bot sends `/start <payload>`).
 * @param {Document} doc
 * @param {string} text
 * @param {Span} span
 * @param {RenderOptions} options
 * @returns {HTMLElement}
 */
function inlineElement(doc, text, span, options) {
  const content = text.slice(span.offset, span.end);
  /** @type {HTMLElement} */
  let element;
  switch (span.type) {
    case "bold":
      element = doc.createElement("strong");
      break;
    case "italic":
      element = doc.createElement("em");
      break;
    case "underline":
      element = doc.createElement("u");
      break;
    case "strikethrough":
      element = doc.createElement("s");
      break;
    case "code":
      element = doc.createElement("code");
      break;
    case "spoiler":
      element = doc.createElement("span");
      element.dataset.role = "spoiler";
      element.setAttribute("tabindex", "0");
      break;
    case "text_link":
      element = link(doc, span.url ?? "", options);
      break;
    case "url":
      element = link(doc, content, options);
      break;
    case "email":
      element = anchor(doc, `mailto:${content}`);
      break;
    case "phone_number":
      element = anchor(doc, `tel:${content.replace(/[^\d+]/g, "")}`);
      break;
    case "mention": {
      element = link(doc, `https://t.me/${content.replace(/^@/, "")}`, options);
      if (!element.dataset.role) element.dataset.role = "mention";
      break;
    }
    case "text_mention":
      element = doc.createElement("a");
      element.dataset.role = "mention";
      if (span.user) element.dataset.userId = String(span.user.id);
      break;
    case "bot_command":
      element = doc.createElement("a");
      element.setAttribute("href", "#");
      element.dataset.role = "bot-command";
      element.dataset.command = content;
      break;
    case "hashtag":
    case "cashtag":
      element = doc.createElement("a");
      element.setAttribute("href", "#");
      element.dataset.role = span.type;
      break;
    default:
      element = doc.createElement("span");
  }
  element.dataset.entity = String(span.index);
  element.dataset.type = span.type;
  return element;
}

/**
 * A link: to this bot (a deep link the page handles), or to somewhere else (opened in a new tab).
 * @param {Document} doc
 * @param {string} href
 * @param {RenderOptions} options
 * @returns {HTMLElement}
 */
function link(doc, href, options) {
  const target = botLink(href, options.botUsername);
  if (target) {
    const element = doc.createElement("a");
    element.setAttribute("href", "#");
    element.dataset.role = "deep-link";
    element.dataset.link = target.kind;
    if (target.kind !== "chat") element.dataset.start = target.payload;
    element.title = href;
    return element;
  }
  return anchor(doc, href);
}

/**
 * An ordinary link, or a plain span when the address must not be opened.
 * @param {Document} doc
 * @param {string} href
 * @returns {HTMLElement}
 */
function anchor(doc, href) {
  const safe = safeHref(href);
  if (safe === null) {
    const span = doc.createElement("span");
    span.className = "link-refused";
    span.title = "Telegram would not open this address";
    return span;
  }
  const element = doc.createElement("a");
  element.setAttribute("href", safe);
  element.setAttribute("target", "_blank");
  element.setAttribute("rel", "noopener noreferrer");
  element.title = safe;
  return element;
}
