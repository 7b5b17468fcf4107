/**
 * `npm run content:check [dir]`: checks every story under `dir` (default `content/`, or one story folder)
 * and prints its problems, or `ok` with counts. Exits 1 on any problem, so a broken edit fails CI.
 */
import { findStoryDirs, loadStory } from "../src/content/load.js";
import { formatProblem } from "../src/content/problem.js";

const dir = process.argv[2] ?? "content";
const dirs = findStoryDirs(dir);
if (dirs.length === 0) {
  console.error(`${dir}: no story found (a story is a folder with story.json and source.<language>.txt)`);
  process.exit(1);
}

let failed = 0;
for (const storyDir of dirs) {
  const result = loadStory(storyDir);
  if (result.ok) {
    const { data } = result.story;
    const paragraphs = data.sections.reduce((n, s) => n + s.paragraphs.length, 0);
    console.log(
      `ok ${data.id}: ${data.sections.length} sections, ${paragraphs} paragraphs, ` +
        `${data.quotes.length} quotes, ${data.people.length} people`,
    );
  } else {
    failed++;
    console.log(`✗ ${storyDir}: ${result.problems.length} problem(s)`);
    for (const problem of result.problems) console.log(`  ${formatProblem(problem)}`);
  }
}
process.exit(failed > 0 ? 1 : 0);
