import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import * as v from "valibot";
import { checkStory } from "./check.js";
import { outsideProblem } from "./inside.js";
import { parseJsonText } from "./json-text.js";
import type { Problem } from "./problem.js";
import { nameProblemPlaces } from "./problem-places.js";
import { StorySchema } from "./schema.js";
import { describeSchemaIssues } from "./schema-messages.js";
import { sourceChangedMessage } from "./source-text.js";
import { indexStory, type Story } from "./story.js";

/** The structured file in every story folder. */
export const STORY_FILE = "story.json";

/** Either a story ready to serve, or everything that is wrong with it. */
export type LoadResult = { ok: true; story: Story } | { ok: false; problems: Problem[] };

function display(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith("..") ? path : rel;
}

/** The original's language of a story file that may not pass the schema yet. */
function languageOf(value: unknown): "ar" | "en" | undefined {
  const language = (value as { language?: unknown } | null)?.language;
  return language === "ar" || language === "en" ? language : undefined;
}

/**
 * Loads one story folder (`story.json` plus the verbatim `source.<language>.txt`), validates it with the
 * schema and checks it for consistency. Never throws for a broken story: it returns the problems.
 *
 * The folder and its files must be inside `root` (the content folder; by default the story folder itself)
 * and be a regular folder and regular files: one that is a symbolic link leading out is a problem, and is
 * not read.
 */
export function loadStory(dir: string, options: { root?: string } = {}): LoadResult {
  const root = options.root ?? dir;
  const storyFile = join(dir, STORY_FILE);
  const file = display(storyFile);
  const folderOutside = outsideProblem(dir, root, "folder");
  if (folderOutside !== undefined)
    return { ok: false, problems: [{ file: display(dir), path: "", message: folderOutside }] };
  const fileOutside = outsideProblem(storyFile, root, "file");
  if (fileOutside !== undefined) return { ok: false, problems: [{ file, path: "", message: fileOutside }] };
  let text: string;
  try {
    text = readFileSync(storyFile, "utf8");
  } catch {
    return { ok: false, problems: [{ file, path: "", message: "cannot be read (is this a story folder?)" }] };
  }
  const json = parseJsonText(text);
  if (!json.ok) return { ok: false, problems: [{ file, path: "", message: json.message }] };
  const parsed = v.safeParse(StorySchema, json.value, { abortEarly: false });
  if (!parsed.success) {
    return {
      ok: false,
      problems: nameProblemPlaces(
        describeSchemaIssues(parsed.issues, StorySchema, languageOf(json.value)).map((issue) => ({
          file,
          ...issue,
        })),
        file,
        json.value,
      ),
    };
  }
  const data = parsed.output;
  const problems: Problem[] = [];
  const folder = dir.split(/[\\/]/).filter(Boolean).pop();
  if (folder !== undefined && folder !== data.id) {
    problems.push({
      file,
      path: "id",
      message: `is "${data.id}" but the folder is "${folder}"; they must match`,
    });
  }
  const sourceFile = join(dir, `source.${data.language}.txt`);
  const sourceOutside = outsideProblem(sourceFile, root, "file");
  if (sourceOutside !== undefined) {
    problems.push({ file: display(sourceFile), path: "", message: sourceOutside });
    return { ok: false, problems };
  }
  let source: string;
  try {
    source = readFileSync(sourceFile, "utf8");
  } catch {
    problems.push({
      file: display(sourceFile),
      path: "",
      message: "is missing: the story needs its verbatim original",
    });
    return { ok: false, problems };
  }
  const digest = createHash("sha256").update(source).digest("hex");
  if (digest !== data.sourceSha256) {
    problems.push({
      file: display(sourceFile),
      path: "",
      message: sourceChangedMessage(digest, data.sourceSha256, display(dir)),
    });
  }
  problems.push(...checkStory(data, source, { story: file, source: display(sourceFile) }));
  return problems.length > 0
    ? { ok: false, problems: nameProblemPlaces(problems, file, json.value) }
    : { ok: true, story: indexStory(data, source) };
}

/** The story folders under a content directory (or the directory itself when it is one), sorted. */
export function findStoryDirs(contentDir: string): string[] {
  if (existsSync(join(contentDir, STORY_FILE))) return [contentDir];
  if (!existsSync(contentDir)) return [];
  return readdirSync(contentDir)
    .map((name) => join(contentDir, name))
    .filter((path) => isFolder(path) && existsSync(join(path, STORY_FILE)))
    .sort();
}

/** Whether a path is a folder (through a link too: the loader says where a link leads wrong). */
function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
