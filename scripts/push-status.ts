/**
 * `npm run push:status`: the figures of the pushes under way (sent, silent, failed, stopped followers,
 * remaining, ETA), read from the SQLite file in DATA_DIR. A polling bot holds that file for itself; then
 * the figures come from the status file the running engine rewrites every 10 s.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { config as loadDotenv } from "dotenv";
import { PUSH_STATUS_FILE } from "../src/push/setup.js";
import { createSqliteLedger } from "../src/push/sqlite-ledger.js";
import type { PushStatusLine } from "../src/push/status.js";
import { formatStatusLine, statusFromLedger } from "../src/push/status.js";
import { SQLITE_FILE_NAME } from "../src/storage/index.js";

loadDotenv({ quiet: true });
const dataDir = process.env.DATA_DIR || "./data";
const botId = /^(\d+):/.exec(process.env.BOT_TOKEN ?? "")?.[1];
const pushRate = Number(process.env.PUSH_RATE || 25);
if (botId === undefined) {
  console.error("push:status: BOT_TOKEN is not set (its bot id says whose pushes to read)");
  process.exit(2);
}

function print(lines: PushStatusLine[], source: string): void {
  if (lines.length === 0) console.log(`no push under way (${source})`);
  for (const line of lines) console.log(formatStatusLine(line));
}

const file = join(dataDir, SQLITE_FILE_NAME);
if (!existsSync(file)) {
  console.error(`push:status: no database at ${file} (DATA_DIR=${dataDir})`);
  process.exit(1);
}
try {
  const db = new Database(file, { readonly: true, fileMustExist: true, timeout: 200 });
  const tables = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'push_event'").get();
  if (tables === undefined) {
    console.log("no push has run here yet");
    process.exit(0);
  }
  // Read-only: the ledger's CREATE IF NOT EXISTS statements find every table there.
  print(await statusFromLedger(createSqliteLedger(db, botId), pushRate), "from the database");
  db.close();
} catch (error) {
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
  if (code !== "SQLITE_BUSY" && code !== "SQLITE_READONLY") throw error;
  const status = join(dataDir, PUSH_STATUS_FILE);
  if (!existsSync(status)) {
    console.log("the bot holds the database and has written no push figures yet: no push under way");
    process.exit(0);
  }
  const saved = JSON.parse(readFileSync(status, "utf8")) as { at: string; pushes: PushStatusLine[] };
  print(saved.pushes, `as of ${saved.at}, from the running bot`);
}
