/**
 * Schema failures in an editor's words. Valibot's own wording ("Invalid key: Expected never but received
 * "nickname"") names the validator's internals; this translates each issue by its kind and, for objects,
 * by the keys the schema at that place allows, read from the schema itself, so it follows whatever shape
 * the story schema has without a message per field.
 */
import type * as v from "valibot";

/** A schema problem, located by its path in the story file. */
export interface SchemaMessage {
  path: string;
  message: string;
}

/** The parts of a valibot schema object this walks through (every schema has `type`). */
interface SchemaNode {
  type: string;
  entries?: Record<string, SchemaNode>;
  item?: SchemaNode;
  wrapped?: SchemaNode;
  options?: readonly unknown[];
}

type Issue = v.BaseIssue<unknown>;

function isNode(value: unknown): value is SchemaNode {
  return (
    typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string"
  );
}

/** Past optional/nullable wrappers. */
function unwrap(node: SchemaNode): SchemaNode {
  let current = node;
  while (current.wrapped !== undefined) current = current.wrapped;
  return current;
}

/** The schema that validates the value at `keys` below `root`; undefined where it cannot be told. */
function schemaAt(root: SchemaNode, keys: readonly PropertyKey[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = unwrap(root);
  for (const key of keys) {
    if (node === undefined) return undefined;
    if (node.entries !== undefined && typeof key === "string") node = node.entries[key];
    else if (node.item !== undefined && typeof key === "number") node = node.item;
    else if (node.options !== undefined) {
      // A union: the first option that has this key.
      const options = node.options.filter(isNode).map(unwrap);
      node = options.map((o) => schemaAt(o, [key])).find((n) => n !== undefined);
    } else return undefined;
    if (node !== undefined) node = unwrap(node);
  }
  return node;
}

/** `sections[2].paragraphs[0]` from path keys. */
export function pathString(keys: readonly PropertyKey[]): string {
  let path = "";
  for (const key of keys) {
    if (typeof key === "number") path += `[${key}]`;
    else path += path ? `.${String(key)}` : String(key);
  }
  return path;
}

/** What a value is, in words: text «…», a number, a list… */
function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (typeof value === "string") return value === "" ? "empty text" : `the text ${JSON.stringify(value)}`;
  if (typeof value === "number") return `the number ${value}`;
  if (typeof value === "boolean") return `${value}`;
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === "object") return "an object { … }";
  return typeof value;
}

/** A text in both interface languages, the original's required and the translation optional. */
function isLocalized(node: SchemaNode | undefined): boolean {
  const keys = Object.keys(node?.entries ?? {}).sort();
  return (
    OBJECT_TYPES.has(node?.type ?? "") &&
    keys.join(",") === "ar,en" &&
    keys.every((key) => node?.entries?.[key]?.type === "optional")
  );
}

/** How a localized text is written, for the story's language when it is known. */
function describeLocalized(language: "ar" | "en" | undefined): string {
  if (language === undefined) {
    return 'the text in the original\'s language, as { "ar": "…" } or { "en": "…" }; a translation is optional';
  }
  const other = language === "ar" ? "en" : "ar";
  return `the text in the original's language, as { "${language}": "…" }; a translation ("${other}") is optional`;
}

/** What a schema expects, in words. */
function describeExpected(
  node: SchemaNode | undefined,
  expected: string | null,
  language?: "ar" | "en",
): string {
  if (isLocalized(node)) return describeLocalized(language);
  switch (node?.type) {
    case "string":
      return "text";
    case "number":
      return "a number";
    case "boolean":
      return "true or false";
    case "array":
      return "a list [ … ]";
    case "object":
    case "strict_object":
    case "loose_object":
      return node.entries ? `an object with ${Object.keys(node.entries).join(", ")}` : "an object { … }";
    case "picklist":
    case "literal":
      return `one of ${(node.options ?? [expected]).map((o) => JSON.stringify(o)).join(", ")}`;
    default:
      return expected === null || expected === "never" ? "something else" : expected;
  }
}

/** Valibot's default messages start like this; a schema's own messages are the author's plain words. */
const DEFAULT_MESSAGE = /^Invalid [a-z ]+:/;

const OBJECT_TYPES = new Set(["object", "strict_object", "loose_object"]);

/** One issue in plain words. */
function translate(issue: Issue, root: SchemaNode, language?: "ar" | "en"): SchemaMessage {
  const keys = (issue.path ?? []).map((item) => item.key as PropertyKey);
  const path = pathString(keys);
  const parentKeys = keys.slice(0, -1);
  const parent = pathString(parentKeys) || "the story";
  const field = String(keys[keys.length - 1] ?? "");

  if (OBJECT_TYPES.has(issue.type) && issue.expected === "never") {
    const allowed = Object.keys(schemaAt(root, parentKeys)?.entries ?? {});
    const hint = allowed.length > 0 ? `; allowed: ${allowed.join(", ")}` : "";
    return { path, message: `unknown field \`${field}\` in ${parent}${hint}` };
  }
  if (OBJECT_TYPES.has(issue.type) && issue.input === undefined && keys.length > 0) {
    const wants = describeExpected(schemaAt(root, keys), null, language);
    return { path, message: `is missing: ${parent} needs \`${field}\` (${wants})` };
  }
  if (issue.kind === "schema" && issue.input === undefined && keys.length > 0) {
    const wants = describeExpected(schemaAt(root, keys), issue.expected, language);
    return { path, message: `is missing: ${parent} needs \`${field}\` (${wants})` };
  }
  if (!DEFAULT_MESSAGE.test(issue.message)) return { path, message: issue.message };

  const node = schemaAt(root, keys);
  const got = describeValue(issue.input);
  switch (issue.type) {
    case "min_length":
    case "non_empty":
      return { path, message: `needs at least ${issue.requirement ?? 1} (it has ${got})` };
    case "max_length":
      return { path, message: `may have at most ${issue.requirement} (it has ${got})` };
    case "regex":
      return { path, message: `${got} does not have the required form ${String(issue.requirement)}` };
    case "iso_date":
    case "iso_timestamp":
    case "iso_date_time":
      return { path, message: `${got} is not an ISO date such as 2025-02-12` };
    case "union":
    case "variant":
      return { path, message: `${got} matches none of the forms allowed here` };
    default:
      if (issue.kind === "schema") {
        return { path, message: `must be ${describeExpected(node, issue.expected, language)}, not ${got}` };
      }
      return { path, message: `${got} is not accepted here (${issue.type.replaceAll("_", " ")})` };
  }
}

/**
 * Every issue of a failed parse, in plain words, with the file path each applies to. `language`, the
 * original's language when the file gives one, says which key of a localized text is required.
 */
export function describeSchemaIssues(
  issues: readonly Issue[],
  schema: unknown,
  language?: "ar" | "en",
): SchemaMessage[] {
  const root: SchemaNode = isNode(schema) ? schema : { type: "unknown" };
  return issues.map((issue) => translate(issue, root, language));
}
