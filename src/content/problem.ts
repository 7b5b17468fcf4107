/** One thing wrong with a story, precise enough for an editor to find and fix it. */
export interface Problem {
  /** The file at fault, relative to the working directory where possible. */
  file: string;
  /** Where inside the file, e.g. `sections[2].paragraphs[0].ar`; empty for the file as a whole. */
  path: string;
  /** The path with the ids of the items it passes through (`quotes[2] (haddad-2).speaker`), for people. */
  place?: string;
  message: string;
}

/** Renders a problem as one line: `file path (id): message`. */
export function formatProblem(problem: Problem): string {
  return problem.path
    ? `${problem.file} ${problem.place ?? problem.path}: ${problem.message}`
    : `${problem.file}: ${problem.message}`;
}

/** Thrown when a story cannot be served; carries every problem found, not just the first. */
export class StoryError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(`the story has ${problems.length} problem(s):\n${problems.map(formatProblem).join("\n")}`);
    this.name = "StoryError";
  }
}
