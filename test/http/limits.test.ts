import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultMaxConnections } from "../../src/http/limits.js";

const limitsFile = (openFiles: string) => {
  const file = join(mkdtempSync(join(tmpdir(), "khabar-limits-")), "limits");
  writeFileSync(
    file,
    `Limit                     Soft Limit           Hard Limit           Units     \nMax open files            ${openFiles}                 ${openFiles}                 files     \n`,
  );
  return file;
};

describe("connection cap", () => {
  it("leaves descriptors for the bot's own calls when ulimit -n is low", () => {
    expect(defaultMaxConnections(limitsFile("400"))).toBe(272);
    expect(defaultMaxConnections(limitsFile("1048576"))).toBe(1024);
    expect(defaultMaxConnections(limitsFile("unlimited"))).toBe(1024);
    expect(defaultMaxConnections("/no/such/file")).toBe(1024);
  });
});
