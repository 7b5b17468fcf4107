/**
 * The page's static files, served from src/preview/page/ (index.html, page.js, page.css). Only plain file
 * names in the folder are served, so a request can never reach outside it.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Context } from "hono";
import { packageRoot } from "../package-root.js";

/** The folder the page is served from. */
export interface StaticPage {
  dir: string;
}

const TYPES: Record<string, string> = {
  html: "text/html; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  svg: "image/svg+xml",
  png: "image/png",
  ico: "image/x-icon",
};

/**
 * The page folder, found from the package root, so the same folder is served when this code runs bundled
 * from dist/ (`npm start`) as under tsx.
 */
export function findPage(): StaticPage {
  return { dir: join(packageRoot(import.meta.url), "src", "preview", "page") };
}

/** Answers with one file of the page folder, or 404. */
export async function staticFile(c: Context, page: StaticPage, name: string): Promise<Response> {
  const extension = /^[A-Za-z0-9][A-Za-z0-9._-]*\.([a-z]+)$/.exec(name)?.[1];
  const type = extension === undefined ? undefined : TYPES[extension];
  if (type === undefined || name.includes("..")) return c.text("Not Found", 404);
  try {
    const body = await readFile(join(page.dir, name));
    // The preview is for editing: never let the browser keep an old page.js.
    return c.body(body, 200, { "content-type": type, "cache-control": "no-store" });
  } catch {
    return c.text("Not Found", 404);
  }
}
