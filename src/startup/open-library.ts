import type { Logger } from "pino";
import { StoryLibrary } from "../content/library.js";
import { formatProblem, StoryError } from "../content/problem.js";

/**
 * Opens the story library, or exits 1 listing every problem when no story is valid. Content edits are
 * picked up without a restart once the library watches (see `startBot`); SIGHUP reloads it at once.
 */
export function openLibraryOrExit(
  dir: string,
  logger: Logger,
  options: { includeDrafts?: boolean } = {},
): StoryLibrary {
  let library: StoryLibrary;
  try {
    library = StoryLibrary.open(dir, logger, options);
  } catch (error) {
    if (!(error instanceof StoryError)) throw error;
    for (const problem of error.problems) console.error(`khabar: ${formatProblem(problem)}`);
    logger.fatal({ problems: error.problems.length, dir }, "no story is valid: not starting");
    process.exit(1);
  }
  process.on("SIGHUP", () => library.reload("SIGHUP"));
  return library;
}
