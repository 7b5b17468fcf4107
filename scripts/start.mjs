/**
 * `npm start` (and `npm run content:check`): runs a compiled entry point from dist/, building it first when
 * it is missing or older than any source (src/, scripts/, package.json, package-lock.json), so a fresh
 * clone needs only `npm ci && npm start`. Usage: node scripts/start.mjs [entry] [args…] (entry: main).
 *
 * The build is skipped when dist/ is fresh, which costs a few stat calls; NODE_ENV does not matter.
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { buildDist, ENTRIES, ROOT } from "./build.mjs";

const [entry = "main", ...args] = process.argv.slice(2);
if (!Object.hasOwn(ENTRIES, entry)) {
  console.error(`khabar: unknown entry "${entry}" (known: ${Object.keys(ENTRIES).join(", ")})`);
  process.exit(2);
}

/** The newest modification time (ms) of a file or of any file under a directory. */
function newest(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = 0;
  for (const name of readdirSync(path)) max = Math.max(max, newest(join(path, name)));
  return max;
}

const output = join(ROOT, "dist", `${entry}.js`);
const built = newest(output);
const sources = Math.max(
  ...["src", "scripts", "package.json", "package-lock.json"].map((p) => newest(join(ROOT, p))),
);
if (built === 0 || built < sources) {
  process.stderr.write(`khabar: building dist/ (${built === 0 ? "missing" : "older than the sources"})\n`);
  await buildDist();
}
// The entry reads its arguments from process.argv, as when run directly.
process.argv = [process.argv[0] ?? "node", output, ...args];
await import(pathToFileURL(output).href);
