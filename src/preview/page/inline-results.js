// The inline results panel above the input, as Telegram shows it while `@bot …` is typed: the answer's
// button on top, one row per result (title, description), and "more" when the bot paginates. Pure DOM.

/**
 * @typedef {{ queryId: string, results?: Array<Record<string, any>>, nextOffset?: string,
 *   button?: { text?: string, start_parameter?: string } }} InlineAnswer
 */

/**
 * Fills the panel with an answer: a first page replaces what was shown, a further page (`append`) adds to
 * it. Each result is a `button[data-role=inline-result]` with `data-result-id` and the `data-query-id` of
 * the answer it came from (a pick names both).
 * @param {HTMLElement} panel
 * @param {InlineAnswer} answer
 * @param {boolean} append
 */
export function renderInlineResults(panel, answer, append) {
  const doc = /** @type {Document} */ (panel.ownerDocument);
  if (!append) panel.replaceChildren();
  for (const stale of panel.querySelectorAll("[data-role=inline-more], [data-role=inline-empty]"))
    stale.remove();
  if (answer.button?.text && !append) {
    const top = button(doc, "inline-button", answer.button.text);
    top.dataset.start = answer.button.start_parameter ?? "";
    panel.appendChild(top);
  }
  for (const result of answer.results ?? []) {
    const item = resultItem(doc, result);
    item.dataset.queryId = String(answer.queryId);
    panel.appendChild(item);
  }
  if (answer.nextOffset) {
    const more = button(doc, "inline-more", "More results");
    more.dataset.offset = answer.nextOffset;
    more.dataset.queryId = String(answer.queryId);
    panel.appendChild(more);
  }
  if (!panel.querySelector("[data-role=inline-result], [data-role=inline-button]")) {
    const none = doc.createElement("div");
    none.className = "inline-empty";
    none.dataset.role = "inline-empty";
    none.textContent = "No results";
    panel.appendChild(none);
  }
  panel.hidden = false;
}

/**
 * @param {Document} doc
 * @param {string} role
 * @param {string} text
 * @returns {HTMLButtonElement}
 */
function button(doc, role, text) {
  const element = doc.createElement("button");
  element.type = "button";
  element.className = role;
  element.dataset.role = role;
  element.setAttribute("dir", "auto");
  element.textContent = text;
  return element;
}

/**
 * One result: its title and description (or the text it would send), each in its own direction.
 * @param {Document} doc
 * @param {Record<string, any>} result
 * @returns {HTMLButtonElement}
 */
function resultItem(doc, result) {
  const item = doc.createElement("button");
  item.type = "button";
  item.dataset.role = "inline-result";
  item.dataset.resultId = String(result.id);
  item.className = "inline-result";
  const label = String(result.title ?? result.type ?? "");
  const thumb = doc.createElement("span");
  thumb.className = "inline-thumb";
  thumb.setAttribute("aria-hidden", "true");
  thumb.textContent = [...label][0] ?? "?";
  const words = doc.createElement("span");
  words.className = "inline-words";
  const title = doc.createElement("span");
  title.className = "inline-title";
  title.setAttribute("dir", "auto");
  title.textContent = label;
  const description = doc.createElement("span");
  description.className = "inline-description";
  description.setAttribute("dir", "auto");
  description.textContent = String(result.description ?? result.input_message_content?.message_text ?? "");
  words.append(title, description);
  item.append(thumb, words);
  return item;
}
