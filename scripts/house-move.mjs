#!/usr/bin/env node
/**
 * `node scripts/house-move.mjs [--dry-run]`: moves the code into the folders named for what they hold
 * (issue 17, builds 3 and 4), and rewrites every path that names a moved file, so that branches written
 * against the old layout can be merged first and moved after.
 *
 * Run at the repository root. What it does, in order:
 * 1. Every file (tracked, or untracked and not ignored) is given its new path by `MOVES`: an exact file
 *    rule first, else the longest folder prefix; `test/` follows `src/` (test/ mirrors src/), derived from
 *    the same table, with `TEST_MOVES` for test files that have no source file of the same name.
 * 2. In code (src/, test/, bench/, scripts/ and the root config files) every relative string literal
 *    ("./x.js", "../y", as in import, export, import(), vi.mock, new URL) that names a file or folder is
 *    resolved from the file's OLD place, mapped through the table and made relative to the file's NEW place,
 *    in the same form (".js" for a ".ts" source, no extension, a trailing slash). Repository-relative paths
 *    ("src/main.ts", `src/bot-api/` in a comment) are mapped the same way, here and in README.md, docs/*.md
 *    and content/README.md.
 * 3. Files move with `git mv`, so history follows them.
 * 4. `RENAMES` are applied as whole words in the file that defines each name and in the files importing it.
 * 5. The files changed are formatted (imports sorted) with the project's Biome, when it is installed.
 *
 * Running it twice changes nothing the second time: no new path matches an old one.
 */
import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, posix } from "node:path";

/**
 * Old path → new path. A key ending in "/" moves a folder with everything in it, including files added to it
 * later; a key naming a file moves that file (and wins over any folder rule); a key with a `*` in its last
 * part moves every file of that folder whose name matches into the folder named, under the same name.
 */
const MOVES = {
  // The workshop: the Bot API model lives with the preview it serves.
  "src/bot-api/": "src/preview/telegram-model/",
  // Telegram's own limits are needed by the bot readers talk to, so they sit on the ground floor.
  "src/bot-api/limits.ts": "src/telegram-limits.ts",
  // The preview's HTTP handlers are endpoints; a route is a screen address in callback data.
  "src/preview/routes.ts": "src/preview/endpoints.ts",
  // Whether this start is a preview is decided at start-up, below the preview itself.
  "src/preview/request.ts": "src/startup/preview-request.ts",

  // Authoring tools (story:new, story:hash, content:check, the preview's editor desk) apart from runtime content.
  "src/content/scaffold*": "src/content/authoring/",
  "src/content/todo.ts": "src/content/authoring/todo.ts",
  "src/content/story-hash.ts": "src/content/authoring/story-hash.ts",
  "src/content/check-report.ts": "src/content/authoring/check-report.ts",

  // HTTP: the Hono app, the server, the webhook and health endpoints, their limits.
  "src/server/http/": "src/http/",
  "src/server/http/webhook-route.ts": "src/http/webhook-endpoint.ts",
  "src/server/http/health-route.ts": "src/http/health-endpoint.ts",
  "src/server/health.ts": "src/http/health.ts",
  "src/server/health-server.ts": "src/http/health-server.ts",
  // Where updates come from (polling, webhook) and how each is admitted (the inbox, the in-flight count).
  "src/server/": "src/updates/",
  "src/app/durable.ts": "src/updates/durable.ts",
  // Start-up: configuration, wiring, registration, shutdown, fatal errors.
  "src/app/": "src/startup/",

  // The bot's helpers, by what they hold.
  "src/bot/helpers/": "src/bot/",
  "src/bot/helpers/present.ts": "src/bot/show/present.ts",
  "src/bot/helpers/show-screen.ts": "src/bot/show/show-screen.ts",
  "src/bot/helpers/answered.ts": "src/bot/show/answered.ts",
  "src/bot/helpers/views.ts": "src/bot/reader-views.ts",
  "src/bot/helpers/chat-admins.ts": "src/bot/chats/chat-admins.ts",
  "src/bot/helpers/chat-language.ts": "src/bot/chats/chat-language.ts",
  "src/bot/helpers/typed-text.ts": "src/bot/typed/typed-text.ts",
  "src/bot/helpers/resolve-name.ts": "src/bot/typed/resolve-name.ts",
  "src/bot/helpers/routing.ts": "src/bot/routing.ts",
  "src/bot/helpers/telegram-errors.ts": "src/bot/telegram-errors.ts",
};

/** Test files that mirror no source file of their own name. */
const TEST_MOVES = {
  "test/bot-api/": "test/preview/telegram-model/",
  "test/server/guards.test.ts": "test/middleware/guards.test.ts",
  "test/server/state.test.ts": "test/bot/state.test.ts",
  "test/server/shutdown.test.ts": "test/startup/shutdown.test.ts",
  "test/server/start-timeout.test.ts": "test/startup/start-timeout.test.ts",
  "test/server/test-app.ts": "test/helpers/test-app.ts",
  "test/server/webhook-server.test.ts": "test/updates/webhook.test.ts",
};

/**
 * Identifiers renamed as whole words, in the file that defines them (new path) and in every file importing it.
 * "Route" keeps one meaning (a screen address in callback data): HTTP handlers are endpoints.
 */
const RENAMES = [
  { file: "src/preview/endpoints.ts", from: "previewRoutes", to: "previewEndpoints" },
  { file: "src/preview/endpoints.ts", from: "PreviewRoutesOptions", to: "PreviewEndpointsOptions" },
  { file: "src/http/webhook-endpoint.ts", from: "webhookRoute", to: "webhookEndpoint" },
  { file: "src/http/webhook-endpoint.ts", from: "WebhookRouteOptions", to: "WebhookEndpointOptions" },
  { file: "src/http/health-endpoint.ts", from: "healthRoute", to: "healthEndpoint" },
  { file: "src/http/health-endpoint.ts", from: "HealthRouteOptions", to: "HealthEndpointOptions" },
  // "View" is a story in a reader's language; what decides each reader's language and story hands them out.
  { file: "src/bot/reader-views.ts", from: "Views", to: "ReaderViews" },
];

const CODE_DIRS = ["src/", "test/", "bench/", "scripts/"];
const CODE_EXT = /\.(?:ts|mts|cts|tsx|js|mjs|cjs)$/;
const ROOT_FILES = ["package.json", "vitest.config.ts", "biome.json", "tsconfig.json", ".ci/run"];
const DOCS = (files) =>
  files.filter((f) => f === "README.md" || f === "content/README.md" || /^docs\/[^/]+\.md$/.test(f));

const dryRun = process.argv.includes("--dry-run");

// ---- the table -------------------------------------------------------------------------------------------

const fileRules = new Map();
const dirRules = [];
/** [folder, RegExp of the file name, new folder]. */
const globRules = [];
function addRule(from, to) {
  if (from.includes("*")) {
    const name = posix
      .basename(from)
      .replace(/[.+?^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, "[^/]*");
    globRules.push([posix.dirname(from), new RegExp(`^${name}$`), to]);
  } else if (from.endsWith("/")) dirRules.push([from, to]);
  else fileRules.set(from, to);
}
for (const [from, to] of Object.entries(TEST_MOVES)) addRule(from, to);
for (const [from, to] of Object.entries(MOVES)) {
  addRule(from, to);
  if (!from.startsWith("src/")) continue;
  const tFrom = `test/${from.slice(4)}`;
  const tTo = `test/${to.slice(4)}`;
  if (from.includes("*")) {
    addRule(tFrom, tTo);
  } else if (from.endsWith("/")) {
    if (!dirRules.some(([f]) => f === tFrom)) dirRules.push([tFrom, tTo]);
  } else {
    const stem = (p) => p.replace(/\.ts$/, "");
    for (const suffix of [".test.ts", ".browser.test.ts"]) {
      const key = stem(tFrom) + suffix;
      if (!fileRules.has(key)) fileRules.set(key, stem(tTo) + suffix);
    }
  }
}
dirRules.sort((a, b) => b[0].length - a[0].length);

/** The new place of a path (a file, or a folder when `isDir`); the path itself when no rule moves it. */
function mapPath(p, isDir = false) {
  if (!isDir && fileRules.has(p)) return fileRules.get(p);
  if (!isDir) {
    for (const [dir, name, to] of globRules) {
      if (posix.dirname(p) === dir && name.test(posix.basename(p))) return to + posix.basename(p);
    }
  }
  const probe = isDir ? `${p}/` : p;
  for (const [from, to] of dirRules) {
    if (probe.startsWith(from)) {
      const out = to + probe.slice(from.length);
      return isDir ? out.replace(/\/$/, "") : out;
    }
  }
  return p;
}

// Idempotence rests on this: a new path is never moved again.
for (const to of [...fileRules.values(), ...dirRules.map(([, t]) => t), ...globRules.map(([, , t]) => t)]) {
  const globbed = globRules.some(([dir, name]) => posix.dirname(to) === dir && name.test(posix.basename(to)));
  if (fileRules.has(to) || globbed || dirRules.some(([from]) => to.startsWith(from))) {
    throw new Error(`house-move: the new path ${to} would be moved again`);
  }
}

// ---- the files -------------------------------------------------------------------------------------------

const git = (...args) => execFileSync("git", args, { encoding: "utf8", maxBuffer: 1 << 28 });
const tracked = new Set(git("ls-files", "-z").split("\0").filter(Boolean));
const untracked = git("ls-files", "-z", "--others", "--exclude-standard").split("\0").filter(Boolean);
const files = [...tracked, ...untracked].filter((f) => existsSync(f));
const fileSet = new Set(files);
const dirSet = new Set([""]);
for (const f of files) for (let d = posix.dirname(f); d !== "."; d = posix.dirname(d)) dirSet.add(d);

const newOf = new Map(files.map((f) => [f, mapPath(f)]));
for (const [from, to] of newOf) {
  if (from !== to && fileSet.has(to) && newOf.get(to) === to)
    throw new Error(`house-move: ${to} exists already`);
}

/** A specifier's target: [old path, is a folder, the .ts file behind a ".js" name], or undefined. */
function resolveTarget(fromDir, spec) {
  const p = posix.normalize(posix.join(fromDir, spec)).replace(/\/$/, "");
  const path = p === "." ? "" : p;
  if (path.startsWith("..")) return undefined;
  if (fileSet.has(path)) return { path, dir: false, swap: undefined };
  if (path.endsWith(".js") && fileSet.has(path.replace(/\.js$/, ".ts"))) {
    return { path: path.replace(/\.js$/, ".ts"), dir: false, swap: ".js" };
  }
  for (const ext of [".ts", ".js", ".mjs"]) {
    if (fileSet.has(path + ext)) return { path: path + ext, dir: false, swap: "" };
  }
  if (dirSet.has(path)) return { path, dir: true, swap: undefined };
  return undefined;
}

function relativeSpec(fromDir, to, trailingSlash) {
  let rel = posix.relative(fromDir, to);
  if (rel === "") rel = ".";
  else if (!rel.startsWith(".")) rel = `./${rel}`;
  if (trailingSlash && !rel.endsWith("/")) rel += "/";
  return rel;
}

/** The specifier for `spec`, written in `oldFile`, as it must read in `newFile`; undefined if unchanged. */
function rewriteSpec(oldFile, newFile, spec, inImport) {
  const oldDir = posix.dirname(oldFile);
  const newDir = posix.dirname(newFile);
  const target = resolveTarget(oldDir, spec);
  let out;
  if (target) {
    let to = mapPath(target.path, target.dir);
    if (target.swap !== undefined) to = to.replace(/\.ts$/, target.swap);
    out = relativeSpec(newDir, to, spec.endsWith("/"));
  } else if (inImport && oldDir !== newDir) {
    // A path to something not in the tree (ignored output, a file another branch adds): same place, new route.
    const p = posix.normalize(posix.join(oldDir, spec));
    if (p.startsWith("..")) return undefined;
    out = relativeSpec(newDir, mapPath(p.replace(/\/$/, ""), spec.endsWith("/")), spec.endsWith("/"));
  }
  return out !== undefined && out !== spec ? out : undefined;
}

/** Maps a repository-relative path mentioned anywhere (code, comment, doc, config). */
function mapMention(token) {
  const tail = /[.,:;)]+$/.exec(token)?.[0] ?? "";
  const core = tail ? token.slice(0, -tail.length) : token;
  const bare = core.replace(/\/$/, "");
  let mapped;
  if (fileRules.has(core)) mapped = fileRules.get(core);
  else if (core.endsWith("/")) mapped = `${mapPath(bare, true)}/`;
  else if (/\.\w+$/.test(core)) mapped = mapPath(core);
  else mapped = mapPath(core, true);
  return mapped + tail;
}

const MENTION = /(?<![\w./@-])((?:src|test)\/[\w./-]*[\w/])/g;
/** A path under src/ written without it, in backticks: `server/http/`, `bot-api/model.ts`. */
const SRC_MENTION = /`([\w-]+\/[\w./-]*)`/g;

function mapSrcMentions(text) {
  let count = 0;
  const out = text.replace(SRC_MENTION, (whole, token) => {
    const bare = `src/${token}`.replace(/\/$/, "");
    if (!fileSet.has(bare) && !dirSet.has(bare)) return whole;
    const next = mapMention(`src/${token}`).slice(4);
    if (next === token) return whole;
    count++;
    return `\`${next}\``;
  });
  return { out, count };
}
const LITERAL = /(["'`])(\.\.?(?:\/[^"'`\n]*)?)\1/g;

function rewriteCode(oldFile, newFile, text) {
  let count = 0;
  let out = text.replace(LITERAL, (whole, quote, spec, offset) => {
    const before = text.slice(Math.max(0, offset - 40), offset);
    const inImport = /(?:\bfrom\s*|\bimport\s*\(?\s*|\bmock\s*\(\s*|\bnew URL\s*\(\s*|require\s*\(\s*)$/.test(
      before,
    );
    const next = rewriteSpec(oldFile, newFile, spec, inImport);
    if (next === undefined) return whole;
    count++;
    return quote + next + quote;
  });
  out = out.replace(MENTION, (token) => {
    const next = mapMention(token);
    if (next !== token) count++;
    return next;
  });
  const src = mapSrcMentions(out);
  return { out: src.out, count: count + src.count };
}

function rewriteDoc(text) {
  let count = 0;
  const out = text.replace(MENTION, (token) => {
    const next = mapMention(token);
    if (next !== token) count++;
    return next;
  });
  const src = mapSrcMentions(out);
  return { out: src.out, count: count + src.count };
}

// ---- plan: contents first (resolved against the old layout), then the moves ----------------------------------

const SELF = "scripts/house-move.mjs";
const isCode = (f) =>
  f !== SELF && ((CODE_DIRS.some((d) => f.startsWith(d)) && CODE_EXT.test(f)) || ROOT_FILES.includes(f));
const writes = new Map();
const report = [];
for (const f of files) {
  if (!isCode(f)) continue;
  const text = readFileSync(f, "utf8");
  const { out, count } = rewriteCode(f, newOf.get(f), text);
  if (out !== text) {
    writes.set(newOf.get(f), out);
    report.push(`rewrite ${newOf.get(f)} (${count} path${count === 1 ? "" : "s"})`);
  }
}
for (const f of DOCS(files)) {
  const text = readFileSync(f, "utf8");
  const { out, count } = rewriteDoc(text);
  if (out !== text) {
    writes.set(f, out);
    report.push(`rewrite ${f} (${count} path mention${count === 1 ? "" : "s"})`);
  }
}

const moves = [...newOf].filter(([from, to]) => from !== to);
for (const [from, to] of moves) console.log(`move ${from} -> ${to}`);
if (dryRun) {
  for (const line of report) console.log(line);
  console.log(`house-move (dry run): ${moves.length} moves, ${report.length} files to rewrite`);
  process.exit(0);
}

for (const [from, to] of moves) {
  mkdirSync(dirname(to), { recursive: true });
  if (tracked.has(from)) git("mv", from, to);
  else renameSync(from, to);
}
// Folders left empty by the moves go too.
for (const [from] of moves) {
  for (let d = dirname(from); d !== "." && existsSync(d) && readdirSync(d).length === 0; d = dirname(d))
    rmdirSync(d);
}
for (const [path, text] of writes) writeFileSync(path, text);
for (const line of report) console.log(line);

// ---- renames ---------------------------------------------------------------------------------------------

const nowFiles = [...new Set([...files.map((f) => newOf.get(f))])].filter((f) => existsSync(f));
const nowSet = new Set(nowFiles);
const changed = new Set(writes.keys());
for (const [, to] of moves) changed.add(to);

function importsOf(file, text) {
  const targets = new Set();
  for (const m of text.matchAll(LITERAL)) {
    const p = posix.normalize(posix.join(posix.dirname(file), m[2]));
    if (nowSet.has(p)) targets.add(p);
    if (p.endsWith(".js") && nowSet.has(p.replace(/\.js$/, ".ts"))) targets.add(p.replace(/\.js$/, ".ts"));
  }
  return targets;
}
for (const f of nowFiles) {
  if (!isCode(f)) continue;
  const text = readFileSync(f, "utf8");
  const targets = importsOf(f, text);
  let out = text;
  for (const { file, from, to } of RENAMES) {
    if (f !== file && !targets.has(file)) continue;
    out = out.replace(new RegExp(`\\b${from}\\b`, "g"), to);
  }
  if (out !== text) {
    writeFileSync(f, out);
    changed.add(f);
    console.log(`rename identifiers in ${f}`);
  }
}

// ---- format ----------------------------------------------------------------------------------------------

const biome = join("node_modules", ".bin", "biome");
const toFormat = [...changed].filter(
  (f) => existsSync(f) && CODE_EXT.test(f) && !f.startsWith("src/preview/page/"),
);
if (existsSync(biome) && toFormat.length > 0) {
  try {
    execFileSync(biome, ["check", "--write", "--linter-enabled=false", ...toFormat], { stdio: "inherit" });
  } catch {
    console.warn("house-move: biome could not format every file; run `npx biome check --write .`");
  }
}
console.log(`house-move: ${moves.length} moves, ${report.length} files rewritten`);
