import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A fresh temporary directory under the OS temp dir. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "khabar-storage-"));
}
