/**
 * Reading and minimally editing story.json as text. Node's JSON.parse names no line or column for many
 * errors (and none at all for a truncated file), so a failure is located again with jsonc-parser, which
 * reports the offset and kind of every syntax error; edits go through its `modify`, which rewrites one
 * value and keeps the rest of the file (indentation, key order, line breaks) as the editor left it.
 */
import { createRequire } from "node:module";
import type * as Jsonc from "jsonc-parser";

/**
 * jsonc-parser, loaded on first need (a syntax error, an edit) rather than with this module: every start
 * loads stories through here, and its UMD build costs several milliseconds to load for files that parse.
 */
let jsoncParser: typeof Jsonc | undefined;
function jsonc(): typeof Jsonc {
  jsoncParser ??= createRequire(import.meta.url)("jsonc-parser") as typeof Jsonc;
  return jsoncParser;
}

/** The parsed value, or a message that says where the syntax breaks and what was expected. */
export type JsonResult = { ok: true; value: unknown } | { ok: false; message: string };

/** Plain words for jsonc-parser's error codes. */
const EXPECTED: Readonly<Record<string, string>> = {
  InvalidSymbol: "a character that cannot stand here",
  InvalidNumberFormat: "a malformed number",
  PropertyNameExpected: "a field name in double quotes was expected (a trailing comma before } ?)",
  ValueExpected: "a value was expected (a trailing comma before ] or } ?)",
  ColonExpected: "a colon after the field name was expected",
  CommaExpected: "a comma was expected (between two fields or list items)",
  CloseBraceExpected: "a closing } was expected",
  CloseBracketExpected: "a closing ] was expected",
  EndOfFileExpected: "the file should end here (something follows the closing })",
  InvalidCommentToken: "comments are not allowed in JSON",
  UnexpectedEndOfComment: "a comment is not closed (and comments are not allowed in JSON)",
  UnexpectedEndOfString: "a text in double quotes is not closed",
  UnexpectedEndOfNumber: "a number is cut short",
  InvalidUnicode: "a malformed \\u escape",
  InvalidEscapeCharacter: "a backslash escape that JSON does not have (write \\\\ for a backslash)",
  InvalidCharacter: "a control character (such as a tab or line break) inside a text in double quotes",
};

/** 1-based line and column (in characters) of an offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: before.length - before.lastIndexOf("\n") };
}

/** Parses strict JSON; on failure, the message gives the line, the column and what was expected there. */
export function parseJsonText(text: string): JsonResult {
  if (text.trim() === "") return { ok: false, message: "is empty: a story file holds one JSON object { … }" };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const { parse, printParseErrorCode } = jsonc();
    const errors: Jsonc.ParseError[] = [];
    parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const first = errors[0];
    if (first === undefined) {
      return {
        ok: false,
        message: `is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
    const { line, column } = lineAndColumn(text, first.offset);
    const code = printParseErrorCode(first.error);
    const found = text.slice(first.offset, first.offset + Math.min(first.length || 1, 20));
    const what = EXPECTED[code] ?? code;
    const near = first.offset >= text.length ? "at the end of the file" : `near ${JSON.stringify(found)}`;
    return { ok: false, message: `is not valid JSON at line ${line}, column ${column} (${near}): ${what}` };
  }
}

/**
 * The text with one top-level field set to a new value, everything else byte for byte as it was; a field
 * that is not there yet is added.
 */
export function setTopLevelField(text: string, field: string, value: unknown): string {
  const { applyEdits, modify } = jsonc();
  const edits = modify(text, [field], value, { formattingOptions: { insertSpaces: true, tabSize: 2 } });
  return applyEdits(text, edits);
}
