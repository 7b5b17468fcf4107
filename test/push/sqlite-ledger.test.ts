import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { createSqliteLedger } from "../../src/push/sqlite-ledger.js";
import { storyEvent } from "./push-harness.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function fileDb(): { file: string; db: Database.Database } {
  const dir = mkdtempSync(join(tmpdir(), "khabar-ledger-"));
  dirs.push(dir);
  const file = join(dir, "push.db");
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  return { file, db };
}

describe("SQLite push ledger", () => {
  it("an outcome's settle resolves only once it is committed, so a crash after it cannot lose the answer", async () => {
    const { file, db } = fileDb();
    const ledger = createSqliteLedger(db, "1");
    await ledger.baseline([], 0);
    const event = storyEvent("a");
    await ledger.record(event, 0, 2, [
      { chatId: 11, kind: "send" },
      { chatId: 12, kind: "send" },
    ]);
    const [first, second] = await ledger.waiting(10, 0);
    if (first === undefined || second === undefined) throw new Error("two deliveries waiting");
    // Another connection stands for the process that starts after a crash: it sees committed rows only.
    const after = new Database(file, { readonly: true });
    const statusOf = (id: number) =>
      after.prepare<[number], string>("SELECT status FROM push_delivery WHERE id = ?").pluck().get(id);

    let settled = false;
    const one = ledger.settle(first.id, { status: "sent", messageId: 501, lang: "en" });
    const two = ledger.settle(second.id, { status: "sent", messageId: 502, lang: "en" });
    void one.then(() => {
      settled = true;
    });
    await Promise.resolve();
    expect(settled).toBe(false);
    expect(statusOf(first.id)).toBe("waiting");
    await Promise.all([one, two]);
    // Both outcomes of the tick in one commit, seen by the next process.
    expect(statusOf(first.id)).toBe("sent");
    expect(statusOf(second.id)).toBe("sent");
    after.close();
    db.close();
  });

  it("a read commits the outcomes queued before it, and their settles resolve", async () => {
    const { db } = fileDb();
    const ledger = createSqliteLedger(db, "1");
    await ledger.record(storyEvent("b"), 0, 1, [{ chatId: 21, kind: "send" }]);
    const [d] = await ledger.waiting(10, 0);
    if (d === undefined) throw new Error("one delivery waiting");
    const settled = ledger.settle(d.id, { status: "failed", reason: "lost answer" });
    expect(await ledger.waiting(10, 0)).toEqual([]);
    await expect(settled).resolves.toBeUndefined();
    db.close();
  });
});
