/**
 * Whether a path of the content folder is the content folder's own: a regular file or folder inside it.
 *
 * Story files are read, checked and quoted back to editors and into the bot's log, so a symbolic link
 * from a story folder to a secrets file or a system tree would put those in front of whoever reads the
 * log. A link that stays inside the content folder (two stories sharing one original) is followed.
 */
import { lstatSync, realpathSync, statSync } from "node:fs";
import { isAbsolute, relative } from "node:path";

/** What a story path must be. */
export type EntryKind = "file" | "folder";

function isWithin(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * Why `path` may not be read as part of the content folder `root`, or `undefined` when it may (or does not
 * exist, which the reader of the path reports in its own words). The message never names where a link
 * leads: the target is not the content's business and may itself be telling.
 */
export function outsideProblem(path: string, root: string, kind: EntryKind): string | undefined {
  let real: string;
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
    real = realpathSync(path);
  } catch {
    // A dangling link is missing as far as the story is concerned.
    return isLink(path)
      ? "is a symbolic link that leads nowhere; story files must be inside the folder"
      : undefined;
  }
  if (!isWithin(realRoot, real)) {
    return isLink(path)
      ? `is a symbolic link that leads outside the content folder; story ${kind === "file" ? "files" : "folders"} must be inside it (copy the ${kind} in instead of linking to it)`
      : "lies outside the content folder (through a symbolic link above it)";
  }
  const stat = statSync(real);
  if (kind === "file" && !stat.isFile()) return "is not a regular file";
  if (kind === "folder" && !stat.isDirectory()) return "is not a folder";
  return undefined;
}
