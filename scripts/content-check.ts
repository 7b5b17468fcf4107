/**
 * `npm run content:check [dir]`: checks every story under `dir` (default `content/`, or one story folder)
 * and prints its problems, or `ok` with counts. Exits 1 on any problem, so a broken edit fails CI.
 */
import { makeCatalog } from "../src/content/library.js";
import { findStoryDirs, loadStory } from "../src/content/load.js";
import { formatProblem } from "../src/content/problem.js";
import type { Story } from "../src/content/story.js";

const dir = process.argv[2] ?? "content";
const dirs = findStoryDirs(dir);
if (dirs.length === 0) {
  console.error(`${dir}: no story found (a story is a folder with story.json and source.<language>.txt)`);
  process.exit(1);
}

let failed = 0;
const loaded: Story[] = [];
for (const storyDir of dirs) {
  const result = loadStory(storyDir);
  if (result.ok) {
    const { data } = result.story;
    loaded.push(result.story);
    const paragraphs = data.sections.reduce((n, s) => n + s.paragraphs.length, 0);
    console.log(
      `ok ${data.id}${data.draft === true ? " (draft: checked, not served)" : ""}: ${data.sections.length} sections, ${paragraphs} paragraphs, ` +
        `${data.quotes.length} quotes, ${data.people.length} people`,
    );
  } else {
    failed++;
    console.log(`✗ ${storyDir}: ${result.problems.length} problem(s)`);
    for (const problem of result.problems) console.log(`  ${formatProblem(problem)}`);
  }
}
// Two stories with one key would share their buttons and deep links: the bot would serve only one of them.
for (const clash of makeCatalog(loaded)?.skipped ?? []) {
  failed++;
  console.log(`✗ ${clash.dir}: ${clash.problems.length} problem(s)`);
  for (const problem of clash.problems) console.log(`  ${formatProblem(problem)}`);
}
process.exit(failed > 0 ? 1 : 0);
