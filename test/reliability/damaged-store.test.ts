/**
 * A database damaged while the bot runs: readers whose reads fail get the usual apology (with the menu), the
 * log says so once per interval rather than once per reader and never as a bug, and `/healthz` answers 503.
 */
import { closeSync, openSync, rmSync, statSync, writeSync } from "node:fs";
import { Writable } from "node:stream";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { healthEndpoint } from "../../src/http/health-endpoint.js";
import { createSqliteStore, type SqliteStore } from "../../src/storage/index.js";
import { createHarness, methods, textOf, updates } from "../bot/harness.js";
import { tempDir } from "../storage/util.js";

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const READERS = 300;

/** Overwrites the middle half of a file with garbage, as a failing disk or a stray write would. */
function damage(file: string): void {
  const size = statSync(file).size;
  const fd = openSync(file, "r+");
  try {
    const junk = Buffer.alloc(Math.floor(size / 2), 0xab);
    writeSync(fd, junk, 0, junk.length, Math.floor(size / 4));
  } finally {
    closeSync(fd);
  }
}

function memoryLogger() {
  const lines: Array<{ level: number; msg: string }> = [];
  const logger = pino(
    { level: "debug" },
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        for (const line of chunk.toString("utf8").split("\n"))
          if (line) lines.push(JSON.parse(line) as { level: number; msg: string });
        callback();
      },
    }),
  );
  return { logger, lines };
}

describe("a store damaged while running", () => {
  it("gets readers the apology, logs it a few times as a storage error, and /healthz says 503", async () => {
    const dir = tempDir();
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const store = createSqliteStore({ dir, sweepIntervalMs: 0 }) as SqliteStore;
    cleanups.push(() => store.close().catch(() => undefined));
    // Readers with sessions big enough that most of them live on disk, beyond SQLite's page cache.
    const sessions = store.adapter<{ pad: string }>("session", { ttlSeconds: 3600 });
    for (let id = 1; id <= 3000; id++) await sessions.write(String(id), { pad: "x".repeat(2000) });
    const health = healthEndpoint({ store, mode: "polling", startedAt: Date.now() });
    expect((await health.request("/healthz")).status).toBe(200);

    for (const suffix of ["", "-wal"]) damage(`${store.file}${suffix}`);
    const { logger, lines } = memoryLogger();
    const h = createHarness({ store, logger, defaultLang: "en" });
    let apologies = 0;
    for (let id = 1; id <= READERS; id++) {
      const calls = await h.send(updates.command("/help", { userId: id * 10, lang: "en" }));
      // Every reader gets one message: the answer, or the apology.
      expect(methods(calls)).toEqual(["sendMessage"]);
      if (textOf(calls[0]).includes("went wrong")) apologies++;
    }
    expect(apologies).toBeGreaterThan(0);
    const failed = lines.filter((l) => l.msg.startsWith("update failed"));
    expect(failed.filter((l) => l.msg.includes("bug"))).toEqual([]);
    // One line at error level per interval, the rest at debug.
    expect(failed.filter((l) => l.level >= 50).length).toBeLessThanOrEqual(2);
    expect(failed.length).toBe(apologies);

    const answer = await health.request("/healthz");
    expect(answer.status).toBe(503);
    expect(await answer.json()).toMatchObject({
      status: "unavailable",
      storage: { kind: "sqlite", reachable: false },
    });
  });
});
