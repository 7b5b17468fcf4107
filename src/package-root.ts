import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The repository (package) root, found from a module's `import.meta.url` by walking up to the first folder
 * with a package.json. Files read at run time (locales/) are found the same way whether the code runs from
 * src/ under tsx or bundled in dist/ (where a fixed "../../" would point outside the repository).
 */
export function packageRoot(moduleUrl: string): string {
  let dir = dirname(fileURLToPath(moduleUrl));
  for (;;) {
    if (existsSync(join(dir, "package.json"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${fileURLToPath(moduleUrl)}`);
    dir = parent;
  }
}
