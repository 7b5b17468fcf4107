/**
 * The grouped commit (one SQLite transaction per tick) against a real crash: a process killed after an
 * update's handler finished but before the tick's commit leaves the update pending, and the next start
 * handles it again: the documented window, never a lost update.
 */
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { fixedCatalog } from "../../src/content/library.js";
import { buildApp } from "../../src/startup/build.js";
import { createSqliteStore } from "../../src/storage/index.js";
import { createTestBotOptions } from "../helpers/fake-fetch.js";
import { FakeTelegram } from "../helpers/fake-telegram.js";
import { story, testConfig } from "../helpers/test-app.js";
import * as updates from "../helpers/updates.js";
import { tempDir } from "./util.js";

const FIXTURE = fileURLToPath(new URL("./fixtures/crash-before-commit.ts", import.meta.url));
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

describe("grouped commit", () => {
  it("a crash after the handler and before the commit: the update is handled again at the next start", async () => {
    const dir = tempDir();
    const file = join(dir, "khabar.sqlite");
    const child = spawn(process.execPath, ["--import", "tsx", FIXTURE, file], { cwd: ROOT });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
    });
    const signal = await new Promise<NodeJS.Signals | null>((resolve) =>
      child.once("exit", (_c, s) => resolve(s)),
    );
    expect(signal).toBe("SIGKILL");
    // The reader had their reply before the crash.
    expect(out).toContain("replied 1");

    const store = createSqliteStore({ file, scope: "1000" });
    try {
      expect(await store.inbox.pending()).toBe(1);
      const tg = new FakeTelegram();
      const app = buildApp(testConfig(), fixedCatalog([story]), pino({ level: "silent" }), {
        store,
        botConfig: createTestBotOptions(tg),
      });
      // What polling does at start: take over whatever the dead process left unfinished.
      expect(await app.durable.recover({ takeOver: true })).toBe(1);
      expect(tg.sentTo(77)).toHaveLength(1);
      expect(await store.inbox.pending()).toBe(0);
      // Done now: a re-delivery from Telegram gets no further reply.
      await app.durable.handleUpdate(updates.command("/help", { updateId: 9001, userId: 77, chatId: 77 }));
      expect(tg.sentTo(77)).toHaveLength(1);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
