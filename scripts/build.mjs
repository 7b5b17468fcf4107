/**
 * `npm run build`: bundles each entry point into dist/ with esbuild (ES modules, code splitting), so
 * production starts plain JavaScript instead of transpiling about 70 TypeScript files on every start.
 *
 * - Dependencies are bundled too (one file to parse instead of ~200 to find and read), except `EXTERNAL`:
 *   native code (better-sqlite3) and packages loaded lazily by only some processes, which are loaded from
 *   node_modules as under tsx. Nothing bundled reads files relative to its own location at run time (pino's
 *   worker files are only for transports, which khabar does not use).
 * - Splitting keeps `await import("./x.js")` lazy: a module only one mode needs (the webhook server, the
 *   polling runner, the preview) becomes its own chunk that a process in another mode never reads. New
 *   mode-specific code follows the same pattern: import it dynamically from main.ts.
 * - Files read at run time (locales/, content/) are not bundled; src/package-root.ts finds them from
 *   dist/ as from src/.
 *
 * Plain JavaScript on purpose: `npm start` runs it (scripts/start.mjs) on a fresh clone, with or without
 * dev dependencies, before any TypeScript tooling is needed. esbuild is therefore a runtime dependency.
 */
import { existsSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const ROOT = fileURLToPath(new URL("..", import.meta.url));

/**
 * Packages loaded from node_modules at run time rather than bundled: native code (better-sqlite3, which
 * finds its .node file from its own folder), packages only some processes need and that are loaded lazily
 * (ioredis with REDIS_URL; pino-pretty, a dev dependency, for pretty logs), the build tool itself, and
 * jsonc-parser, whose UMD build (its `main`) loads its parts with a require() esbuild cannot follow.
 */
export const EXTERNAL = ["better-sqlite3", "ioredis", "pino-pretty", "esbuild", "jsonc-parser"];

/** Entry points, by the name of their file in dist/. */
export const ENTRIES = { main: "src/main.ts", "content-check": "scripts/content-check.ts" };

/**
 * Builds dist/ from scratch. The bundle is written to a fresh folder and swapped in whole, so a process
 * starting meanwhile never sees half a dist/.
 */
export async function buildDist() {
  const dist = join(ROOT, "dist");
  const fresh = join(ROOT, `dist-building-${process.pid}`);
  // Loaded here, not at the top: `npm start` imports this module on every start for ENTRIES and ROOT, and
  // esbuild's JS API costs about 15 ms to load, which a start with a fresh dist/ should not pay.
  const { build } = await import("esbuild");
  await build({
    absWorkingDir: ROOT,
    entryPoints: ENTRIES,
    outdir: fresh,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    external: EXTERNAL,
    // CommonJS packages bundled into ES modules still call require() for Node's built-ins.
    banner: {
      js: 'import { createRequire as __khabarRequire } from "node:module";\nconst require = __khabarRequire(import.meta.url);',
    },
    sourcemap: "linked",
    chunkNames: "chunks/[name]-[hash]",
    logLevel: "warning",
    // Whitespace only (names stay, so stack traces still name the functions): ~40% fewer bytes for every
    // start to read and parse, ~4 ms of start-up CPU. The linked source maps map positions back to src/.
    minifyWhitespace: true,
  });
  rmSync(dist, { recursive: true, force: true });
  try {
    renameSync(fresh, dist);
  } catch (error) {
    // Another process starting at the same moment swapped in its own build of the same sources first.
    rmSync(fresh, { recursive: true, force: true });
    if (!existsSync(join(dist, "main.js"))) throw error;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildDist();
