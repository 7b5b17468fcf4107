/**
 * `npm run content:check [dir] [--fix-hash]`: checks every story under `dir` (default `content/`, or one
 * story folder) and prints its problems, or `ok` with counts, then what the editor started but has not
 * finished. Exits 1 on any problem, so a broken edit fails CI. `--fix-hash` first pins each original's
 * current SHA-256 (after a deliberate change to it).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { formatProblems } from "../src/content/check-report.js";
import { parseJsonText } from "../src/content/json-text.js";
import { findStoryDirs, loadStory, STORY_FILE } from "../src/content/load.js";
import { describeHashUpdate, updateStoryHash } from "../src/content/story-hash.js";
import { findTodos, formatTodos, mergeWithProblems, type TodoGroup } from "../src/content/todo.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { "fix-hash": { type: "boolean", default: false } },
});
const dir = positionals[0] ?? "content";
const dirs = findStoryDirs(dir);
if (dirs.length === 0) {
  console.error(`${dir}: no story found (a story is a folder with story.json and source.<language>.txt)`);
  process.exit(1);
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

let failed = 0;
for (const storyDir of dirs) {
  if (values["fix-hash"]) {
    const update = updateStoryHash(storyDir);
    if (update.status !== "unchanged") console.log(describeHashUpdate(storyDir, update));
  }
  const result = loadStory(storyDir);
  const todos = todosOf(storyDir);
  if (result.ok) {
    const { data } = result.story;
    const paragraphs = data.sections.reduce((n, s) => n + s.paragraphs.length, 0);
    console.log(
      `ok ${data.id}: ${data.sections.length} sections, ${paragraphs} paragraphs, ` +
        `${data.quotes.length} quotes, ${data.people.length} people`,
    );
  } else {
    failed++;
    const problems = mergeWithProblems(todos, result.problems);
    const required = todos.flatMap((g) => g.items).filter((item) => item.required).length;
    const counts = [
      `${problems.length} problem(s)`,
      ...(required > 0 ? [`${required} required to-do(s)`] : []),
    ];
    console.log(`✗ ${storyDir}: ${counts.join(", ")}`);
    for (const line of formatProblems(problems)) console.log(`  ${line}`);
  }
  for (const line of formatTodos(todos)) console.log(line);
}
process.exit(failed > 0 ? 1 : 0);
