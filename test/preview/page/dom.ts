/// <reference lib="dom" />
import { Window } from "happy-dom";

/**
 * A fresh browser-like document (happy-dom) for the page's pure renderers, typed as the DOM's Document that
 * their JSDoc names.
 */
export function newDocument(): Document {
  return new Window().document as unknown as Document;
}

/** Renders nodes into a detached div, to query and serialise them. */
export function holder(doc: Document, node: Node): HTMLDivElement {
  const div = doc.createElement("div");
  div.append(node);
  return div;
}
