import { spawn } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSqliteStore, SQLITE_FILE_NAME, type SqliteStore } from "../../src/storage/index.js";
import { counterPayload } from "./fixtures/sqlite-writer.js";
import { sleep, tempDir } from "./util.js";

const WRITER = fileURLToPath(new URL("./fixtures/sqlite-writer.ts", import.meta.url));

/** Starts the fixture under tsx; resolves with the child and a promise for its first stdout line. */
function runWriter(args: string[]): { child: ReturnType<typeof spawn>; firstLine: Promise<string> } {
  const child = spawn(process.execPath, ["--import", "tsx", WRITER, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    err += chunk.toString("utf8");
  });
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      const nl = out.indexOf("\n");
      if (nl >= 0) resolve(out.slice(0, nl));
    });
    child.once("exit", (code, signal) => reject(new Error(`writer exited (${code ?? signal}): ${err}`)));
  });
  return { child, firstLine };
}

function exited(child: ReturnType<typeof spawn>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/** Row count straight from the file, bypassing the store (so expired rows are counted too). */
function countRows(file: string, where = "1"): number {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(`SELECT count(*) FROM kv WHERE ${where}`).pluck().get() as number;
  } finally {
    db.close();
  }
}

describe("sqlite store", () => {
  let dir: string;
  const stores: SqliteStore[] = [];
  const open = (
    options: {
      file?: string;
      dir?: string;
      now?: () => number;
      scope?: string;
      sweepIntervalMs?: number;
    } = {},
  ): SqliteStore => {
    const { file, dir: subdir, ...rest } = options;
    const common = { sweepIntervalMs: 0, ...rest };
    const store =
      file === undefined
        ? createSqliteStore({ ...common, dir: subdir ?? dir })
        : createSqliteStore({ ...common, file });
    stores.push(store);
    return store;
  };
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it("creates the data dir and one WAL-mode file with a kv table and the inbox", async () => {
    const nested = join(dir, "data", "deeper");
    const store = open({ dir: nested });
    expect(store.file).toBe(join(nested, SQLITE_FILE_NAME));
    await store.adapter<number>("session").write("1", 1);
    expect(existsSync(store.file)).toBe(true);
    const db = new Database(store.file, { readonly: true });
    try {
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
      expect(tables).toEqual(["kv", "inbox"]);
      const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").pluck().all();
      expect(indexes).toContain("kv_expires_at");
    } finally {
      db.close();
    }
  });

  it("accepts an explicit file path", async () => {
    const file = join(dir, "x", "custom.db");
    const store = open({ file });
    await store.adapter<string>("session").write("k", "v");
    expect(countRows(file)).toBe(1);
  });

  it("stores 1,000 readers as 1,000 rows in one file", async () => {
    const store = open();
    const sessions = store.adapter<{ language: string }>("session");
    for (let i = 0; i < 1000; i++) await sessions.write(String(i), { language: i % 2 ? "ar" : "en" });
    expect(countRows(store.file, "ns = 'session'")).toBe(1000);
  });

  it("sweep() deletes expired rows only, and opening a store sweeps too", async () => {
    let t = Date.UTC(2025, 0, 1);
    const now = (): number => t;
    const store = open({ now, scope: "1" });
    const short = store.adapter<number>("session", { ttlSeconds: 1 });
    const forever = store.adapter<number>("profile");
    for (let i = 0; i < 100; i++) await short.write(String(i), i);
    for (let i = 0; i < 50; i++) await forever.write(String(i), i);
    const shorter = store.adapter<number>("marks", { ttlSeconds: 1 });
    for (let i = 0; i < 10; i++) await shorter.write(String(i), i);
    expect(countRows(store.file)).toBe(160);

    t += 999;
    expect(store.sweep()).toBe(0);
    t += 1;
    // Expired but unswept rows are already invisible to reads.
    expect(await short.read("5")).toBeUndefined();
    expect(countRows(store.file)).toBe(160);
    expect(store.sweep()).toBe(110);
    expect(countRows(store.file)).toBe(50);
    expect(await forever.read("49")).toBe(49);

    await short.write("again", 1);
    await store.close();
    t += 5000;
    const reopened = open({ now });
    expect(countRows(reopened.file)).toBe(50);
  });

  it("runs the sweep on its unref'd timer", async () => {
    let t = Date.UTC(2025, 0, 1);
    const store = open({ now: () => t, sweepIntervalMs: 20 });
    await store.adapter<number>("session", { ttlSeconds: 1 }).write("1", 1);
    t += 2000;
    await sleep(100);
    expect(countRows(store.file)).toBe(0);
  });

  it("survives SIGKILL right after writing: every committed value reads back intact", async () => {
    const file = join(dir, SQLITE_FILE_NAME);
    const { child, firstLine } = runWriter(["write", file, "500"]);
    expect(await firstLine).toBe("written");
    await sleep(150); // let it overwrite "counter" for a while, then kill it mid-stream
    child.kill("SIGKILL");
    await exited(child);
    expect(child.signalCode).toBe("SIGKILL");
    // The process died with its WAL un-checkpointed; recovery happens on the next open.
    expect(existsSync(`${file}-wal`)).toBe(true);

    const store = open({ file });
    const sessions = store.adapter<{ i: number; title: string }>("session");
    for (let i = 0; i < 500; i++) {
      expect(await sessions.read(`chat-${i}`)).toEqual({ i, title: `قارئ رقم ${i}` });
    }
    expect(await store.adapter<string>("mark").read("777")).toBe("written");
    const counter = await store.adapter<{ n: number; body: string }>("counter").read("c");
    expect(counter).toBeDefined();
    if (counter !== undefined) {
      expect(counter.n).toBeGreaterThan(0);
      expect(counter).toEqual(counterPayload(counter.n)); // the last commit, whole — never a torn write
    }
    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    } finally {
      db.close();
    }
  });

  it("claims inbox entries atomically across processes sharing the file", async () => {
    const file = join(dir, SQLITE_FILE_NAME);
    open({ file });
    const startAt = String(Date.now() + 2000);
    const runs = [runWriter(["claim", file, "5000", startAt]), runWriter(["claim", file, "5000", startAt])];
    const lines = await Promise.all(runs.map((run) => run.firstLine));
    await Promise.all(runs.map((run) => exited(run.child)));
    const won = lines.map((line) => JSON.parse(line) as number[]);
    // Every update claimed by exactly one of the two pollers.
    expect(won.flat().sort((x, y) => x - y)).toEqual(Array.from({ length: 5000 }, (_, i) => i));
    console.log(`cross-process inbox split: ${won.map((w) => w.length).join(" / ")}`);
  });
});
