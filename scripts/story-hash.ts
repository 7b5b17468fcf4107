/**
 * `npm run story:hash -- <dir>`: after a deliberate change to a story's original, pins its new SHA-256 in
 * story.json (only that value changes). `<dir>` is a story folder or a content folder of several.
 */

import { describeHashUpdate, updateStoryHash } from "../src/content/authoring/story-hash.js";
import { findStoryDirs } from "../src/content/load.js";

const dir = process.argv[2];
if (dir === undefined || process.argv.length > 3) {
  console.error("usage: npm run story:hash -- <story folder or content folder>");
  process.exit(2);
}
const dirs = findStoryDirs(dir);
if (dirs.length === 0) {
  console.error(`${dir}: no story found (a story is a folder with story.json and source.<language>.txt)`);
  process.exit(1);
}
let failed = false;
for (const storyDir of dirs) {
  const update = updateStoryHash(storyDir);
  if (update.status === "failed") failed = true;
  (update.status === "failed" ? console.error : console.log)(describeHashUpdate(storyDir, update));
}
process.exit(failed ? 1 : 0);
