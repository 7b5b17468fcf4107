/**
 * Problems named by what an editor calls things: `quotes[2] (haddad-2).speaker` rather than a position
 * alone, since an editor finds an item in story.json by its id and positions shift with every insertion.
 */
import type { Problem } from "./problem.js";

const SEGMENT = /([^.[\]]+)|\[(\d+)\]/g;

/**
 * The path with the id of the innermost listed item it passes through, read from the story's JSON:
 * `sections[1].paragraphs[0].ar` → `sections[1].paragraphs[0] (react-1).ar`. Undefined when no item on
 * the path has an id.
 */
export function placeOf(path: string, data: unknown): string | undefined {
  let value: unknown = data;
  let named: { at: number; id: string } | undefined;
  for (const match of path.matchAll(SEGMENT)) {
    if (typeof value !== "object" || value === null) break;
    const key = match[2] !== undefined ? Number(match[2]) : match[1];
    value = (value as Record<string | number, unknown>)[key as string | number];
    const id = (value as { id?: unknown } | undefined)?.id;
    if (match[2] !== undefined && typeof id === "string" && id !== "") {
      named = { at: match.index + match[0].length, id };
    }
  }
  if (named === undefined) return undefined;
  return `${path.slice(0, named.at)} (${named.id})${path.slice(named.at)}`;
}

/** The problems of one story file with their places named (see `placeOf`). */
export function nameProblemPlaces(problems: readonly Problem[], storyFile: string, data: unknown): Problem[] {
  return problems.map((problem) => {
    if (problem.file !== storyFile || problem.path === "") return problem;
    const place = placeOf(problem.path, data);
    return place === undefined ? problem : { ...problem, place };
  });
}
