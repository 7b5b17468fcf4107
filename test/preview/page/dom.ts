import { Window } from "happy-dom";

/** A fresh browser-like document for the page's pure renderers. */
export function newDocument() {
  return new Window().document;
}

type Doc = ReturnType<typeof newDocument>;

/** Renders nodes into a detached div, to query and serialise them. */
export function holder(doc: Doc, node: unknown): ReturnType<Doc["createElement"]> {
  const div = doc.createElement("div");
  div.append(node as Parameters<typeof div.append>[0]);
  return div;
}
