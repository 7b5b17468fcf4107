/**
 * `npm run content:check [dir] [--fix-hash]`: checks every story under `dir` (default `content/`, or one story
 * folder) and prints its problems, or `ok` with counts, then a to-do list of optional parts started but not
 * finished. A scheduled story gets a line saying when it goes live, a withdrawn one a line saying it is not
 * served. Exits 1 on any problem, so a broken edit fails CI. `--fix-hash` first pins each original's hash.
 */
import {
  availabilityLine,
  parseCheckArgs,
  pinHashLines,
  provenanceNotes,
  storyReport,
} from "../src/content/authoring/check-report.js";
import { makeCatalog } from "../src/content/library.js";
import { findStoryDirs, loadStory } from "../src/content/load.js";
import { formatProblem } from "../src/content/problem.js";
import type { Story } from "../src/content/story.js";

const { dir, fixHash } = parseCheckArgs(process.argv.slice(2));
const dirs = findStoryDirs(dir);
if (dirs.length === 0) {
  console.error(`${dir}: no story found (a story is a folder with story.json and source.<language>.txt)`);
  process.exit(1);
}

let failed = 0;
const now = Date.now();
const loaded: Story[] = [];
for (const storyDir of dirs) {
  if (fixHash) for (const line of pinHashLines(storyDir)) console.log(line);
  const result = loadStory(storyDir, { root: dir });
  const report = storyReport(storyDir, result.ok ? [] : result.problems);
  if (result.ok) {
    const { data } = result.story;
    loaded.push(result.story);
    const paragraphs = data.sections.reduce((n, s) => n + s.paragraphs.length, 0);
    console.log(
      `ok ${data.id}${data.draft === true ? " (draft: checked, not served)" : ""}: ${data.sections.length} sections, ${paragraphs} paragraphs, ` +
        `${data.quotes.length} quotes, ${data.people.length} people`,
    );
    const availability = availabilityLine(result.story, now);
    if (availability !== undefined) console.log(availability);
    for (const line of provenanceNotes(data)) console.log(line);
  } else {
    failed++;
    for (const line of report.failure) console.log(line);
  }
  for (const line of report.todo) console.log(line);
}
// Two stories with one key would share their buttons and deep links: the bot would serve only one of them.
// As of the end of time, so that scheduled stories are checked for clashes like live ones.
for (const clash of makeCatalog(loaded, { now: Number.POSITIVE_INFINITY })?.skipped ?? []) {
  failed++;
  console.log(`✗ ${clash.dir}: ${clash.problems.length} problem(s)`);
  for (const problem of clash.problems) console.log(`  ${formatProblem(problem)}`);
}
process.exit(failed > 0 ? 1 : 0);
