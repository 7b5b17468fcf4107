/**
 * The problems of one story as content:check prints them: one line each, except that the same problem in
 * many places (every paragraph lacking the same field) is one line listing the places, so a draft's report
 * stays a short list of things to do.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { parseJsonText } from "../json-text.js";
import { STORY_FILE } from "../load.js";
import { formatProblem, type Problem } from "../problem.js";
import { describeHashUpdate, updateStoryHash } from "./story-hash.js";
import { findTodos, formatTodos, mergeWithProblems, type TodoGroup } from "./todo.js";

/** From this many repeats on, a problem is printed once with its places. */
const COLLAPSE_FROM = 3;
/** Places listed on a collapsed line before the rest are counted. */
const MAX_PLACES = 6;

const INDEX = /\[\d+\]/g;

/** Lines for the terminal, in the order the problems came, repeats folded into their first place. */
export function formatProblems(problems: readonly Problem[]): string[] {
  const groups = new Map<string, Problem[]>();
  for (const problem of problems) {
    const key = `${problem.file}\u0000${problem.path.replace(INDEX, "[]")}\u0000${problem.message.replace(INDEX, "[]")}`;
    groups.set(key, [...(groups.get(key) ?? []), problem]);
  }
  const lines: string[] = [];
  for (const group of groups.values()) {
    const first = group[0];
    if (first === undefined) continue;
    if (group.length < COLLAPSE_FROM) {
      for (const problem of group) lines.push(formatProblem(problem));
      continue;
    }
    const places = group.slice(0, MAX_PLACES).map((p) => p.place ?? p.path);
    const more = group.length > MAX_PLACES ? ` … and ${group.length - MAX_PLACES} more` : "";
    const path = first.path.replace(INDEX, "[]");
    const message = first.message.replace(INDEX, "[]");
    lines.push(`${first.file} ${path}: ${message} — in ${group.length} places: ${places.join(", ")}${more}`);
  }
  return lines;
}

/** content:check's command line: the folder to check and whether to pin hashes first. */
export function parseCheckArgs(argv: readonly string[]): { dir: string; fixHash: boolean } {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { "fix-hash": { type: "boolean", default: false } },
  });
  return { dir: positionals[0] ?? "content", fixHash: values["fix-hash"] === true };
}

/** Pins a story's hash (`--fix-hash`) and says so, or says nothing when it already matched. */
export function pinHashLines(storyDir: string): string[] {
  const update = updateStoryHash(storyDir);
  return update.status === "unchanged" ? [] : [describeHashUpdate(storyDir, update)];
}

/** The story's to-do list, read from its file as plain JSON (empty when the file is not JSON). */
function todosOf(storyDir: string): TodoGroup[] {
  try {
    const json = parseJsonText(readFileSync(join(storyDir, STORY_FILE), "utf8"));
    return json.ok ? findTodos(json.value) : [];
  } catch {
    return [];
  }
}

/**
 * What content:check prints for one story besides its `ok` line: the failure (a count line and the
 * problems, those a to-do says better left to the to-do list) and the to-do list.
 */
export function storyReport(
  storyDir: string,
  problems: readonly Problem[],
): { failure: string[]; todo: string[] } {
  const todos = todosOf(storyDir);
  const remaining = mergeWithProblems(todos, problems);
  const required = todos.flatMap((g) => g.items).filter((item) => item.required).length;
  // "0 problem(s), 1 required to-do(s)" reads as a contradiction: say only what there is.
  const counts = [
    ...(remaining.length > 0 || required === 0 ? [`${remaining.length} problem(s)`] : []),
    ...(required > 0 ? [`${required} required to-do(s)`] : []),
  ];
  const failure =
    problems.length === 0
      ? []
      : [`✗ ${storyDir}: ${counts.join(", ")}`, ...formatProblems(remaining).map((line) => `  ${line}`)];
  return { failure, todo: formatTodos(todos) };
}

/** A span of time as editors read it: `3 d 4 h`, `3 h 12 min`, `12 min`, `less than a minute`. */
export function describeWait(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return "less than a minute";
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return rest > 0 ? `${hours} h ${rest} min` : `${hours} h`;
  return `${rest} min`;
}

/** A moment as content:check prints it: ISO 8601 in UTC, to the second. */
function isoSecond(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * The line content:check prints for a story not served for a reason of its own: withdrawn (with the date),
 * or scheduled (when it goes live, and how long from `now`). `undefined` for a story served as usual.
 */
export function availabilityLine(
  story: { data: { id: string; withdrawn?: { date: string } | undefined }; published: number },
  now: number,
): string | undefined {
  if (story.data.withdrawn !== undefined)
    return `withdrawn ${story.data.id}: since ${story.data.withdrawn.date}, not served (its links say why)`;
  if (story.published <= now) return undefined;
  return `scheduled ${story.data.id}: goes live ${isoSecond(story.published)} (in ${describeWait(story.published - now)})`;
}

/**
 * The note content:check prints for a story without `source`: not a failure (an original may name no
 * outlet, and nothing is invented for it), but readers then see no provenance, which an editor should know.
 */
export function provenanceNotes(data: { source?: unknown }): string[] {
  if (data.source !== undefined) return [];
  return [
    '  note: no "source" (the outlet, author, link and date of the original): readers see no provenance; ' +
      "add it if the original names them",
  ];
}
