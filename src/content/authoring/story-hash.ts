/**
 * Pinning a story's original after a deliberate change (`npm run story:hash`, `content:check --fix-hash`):
 * only story.json's `sourceSha256` value is rewritten; the rest of the file stays byte for byte.
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseJsonText, setTopLevelField } from "../json-text.js";

/** The SHA-256 (hex) of a file's exact bytes, as story.json pins it. */
export function sha256(bytes: Buffer | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** What updating one story's hash did. */
export type HashUpdate =
  | { status: "updated"; previous: string | undefined; digest: string }
  | { status: "unchanged"; digest: string }
  | { status: "failed"; message: string };

/** Sets story.json's `sourceSha256` to the SHA-256 of the folder's `source.<language>.txt`. */
export function updateStoryHash(dir: string): HashUpdate {
  const storyFile = join(dir, "story.json");
  let text: string;
  try {
    text = readFileSync(storyFile, "utf8");
  } catch {
    return { status: "failed", message: `${storyFile} cannot be read` };
  }
  const json = parseJsonText(text);
  if (!json.ok) return { status: "failed", message: `${storyFile} ${json.message}` };
  const data = json.value as { language?: unknown; sourceSha256?: unknown };
  if (data.language !== "ar" && data.language !== "en") {
    return { status: "failed", message: `${storyFile} needs "language" ("ar" or "en") to find its original` };
  }
  const sourceFile = join(dir, `source.${data.language}.txt`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(sourceFile);
  } catch {
    return { status: "failed", message: `${sourceFile} is missing` };
  }
  const digest = sha256(bytes);
  if (data.sourceSha256 === digest) return { status: "unchanged", digest };
  writeFileSync(storyFile, setTopLevelField(text, "sourceSha256", digest));
  return {
    status: "updated",
    previous: typeof data.sourceSha256 === "string" ? data.sourceSha256 : undefined,
    digest,
  };
}

/** One line saying what happened, for the command line. */
export function describeHashUpdate(dir: string, update: HashUpdate): string {
  switch (update.status) {
    case "updated":
      return `${dir}: sourceSha256 ${update.previous ? `${update.previous.slice(0, 12)}… → ` : "set to "}${update.digest}`;
    case "unchanged":
      return `${dir}: sourceSha256 already matches the original`;
    case "failed":
      return `${dir}: ${update.message}`;
  }
}
