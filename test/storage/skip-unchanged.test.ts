import type { StorageAdapter } from "grammy";
import { describe, expect, it } from "vitest";
import { skipUnchanged } from "../../src/storage/skip-unchanged.js";

function counting<T>() {
  const data = new Map<string, T>();
  const ops: string[] = [];
  const adapter: StorageAdapter<T> = {
    read: (key) => {
      ops.push(`read ${key}`);
      return data.get(key);
    },
    write: (key, value) => {
      ops.push(`write ${key}`);
      data.set(key, value);
    },
    delete: (key) => {
      ops.push(`delete ${key}`);
      data.delete(key);
    },
  };
  return { adapter, ops, data };
}

describe("skipUnchanged", () => {
  it("skips the write-back of a session that did not change, and the delete of one that never existed", async () => {
    const { adapter, ops } = counting<{ lang: string }>();
    const wrapped = skipUnchanged(adapter);
    await wrapped.read("a");
    await wrapped.delete("a");
    expect(ops).toEqual(["read a"]);
    await wrapped.read("a");
    await wrapped.write("a", { lang: "en" });
    await wrapped.read("a");
    await wrapped.write("a", { lang: "en" });
    expect(ops).toEqual(["read a", "read a", "write a", "read a"]);
  });

  it("writes a changed session and deletes an existing one", async () => {
    const { adapter, ops, data } = counting<{ lang: string }>();
    const wrapped = skipUnchanged(adapter);
    await wrapped.write("a", { lang: "ar" });
    await wrapped.read("a");
    await wrapped.write("a", { lang: "en" });
    expect(data.get("a")).toEqual({ lang: "en" });
    await wrapped.read("a");
    await wrapped.delete("a");
    expect(data.has("a")).toBe(false);
    expect(ops.filter((op) => !op.startsWith("read"))).toEqual(["write a", "write a", "delete a"]);
  });

  it("writes when it has no read to compare with", async () => {
    const { adapter, ops } = counting<number>();
    const wrapped = skipUnchanged(adapter);
    await wrapped.write("k", 1);
    await wrapped.delete("k");
    expect(ops).toEqual(["write k", "delete k"]);
  });
});
