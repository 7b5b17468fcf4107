/**
 * The problems of one story as content:check prints them: one line each, except that the same problem in
 * many places (every paragraph lacking the same field) is one line listing the places, so a draft's report
 * stays a short list of things to do.
 */
import { formatProblem, type Problem } from "./problem.js";

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
    const places = group.slice(0, MAX_PLACES).map((p) => p.path);
    const more = group.length > MAX_PLACES ? ` … and ${group.length - MAX_PLACES} more` : "";
    const path = first.path.replace(INDEX, "[]");
    const message = first.message.replace(INDEX, "[]");
    lines.push(`${first.file} ${path}: ${message} — in ${group.length} places: ${places.join(", ")}${more}`);
  }
  return lines;
}
