import type Database from "better-sqlite3";
import { type FollowerPage, type FollowStore, type PushPrefs, type Topic, topicKey } from "./follow-store.js";

// One row per (chat, topic): the engine pages a topic's followers by chat id with the primary key alone.
// `seq` keeps a chat's topics in the order they were followed; prefs are one JSON row per chat.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS follow_topic (
  scope TEXT NOT NULL,
  topic TEXT NOT NULL,
  chat_id INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (scope, topic, chat_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS follow_topic_chat ON follow_topic (scope, chat_id, seq);
CREATE TABLE IF NOT EXISTS follow_prefs (
  scope TEXT NOT NULL,
  chat_id INTEGER NOT NULL,
  prefs TEXT NOT NULL,
  PRIMARY KEY (scope, chat_id)
) WITHOUT ROWID;
`;

/**
 * A {@link FollowStore} in the bot's SQLite file (the same connection as the rest of the store: an exclusive
 * polling store admits no second one). Every method is one statement or one transaction, so it is atomic
 * across the processes sharing the file.
 */
export function createSqliteFollowStore(db: Database.Database, scope = "default"): FollowStore {
  db.exec(SCHEMA);
  const followStmt = db.prepare<[string, string, number, string, number, string]>(
    `INSERT INTO follow_topic (scope, topic, chat_id, seq, body)
     VALUES (?, ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM follow_topic WHERE scope = ? AND chat_id = ?), ?)
     ON CONFLICT DO NOTHING`,
  );
  const prefsInsert = db.prepare<[string, number, string]>(
    "INSERT INTO follow_prefs (scope, chat_id, prefs) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
  );
  const prefsUpdate = db.prepare<[string, string, number]>(
    "UPDATE follow_prefs SET prefs = ? WHERE scope = ? AND chat_id = ?",
  );
  const prefsGet = db
    .prepare<[string, number], string>("SELECT prefs FROM follow_prefs WHERE scope = ? AND chat_id = ?")
    .pluck();
  // The chat ids as one JSON array: one statement for a whole batch, whatever its length.
  const prefsManyStmt = db.prepare<[string, string], { chat_id: number; prefs: string }>(
    `SELECT chat_id, prefs FROM follow_prefs
     WHERE scope = ? AND chat_id IN (SELECT value FROM json_each(?))`,
  );
  const unfollowStmt = db.prepare<[string, string, number]>(
    "DELETE FROM follow_topic WHERE scope = ? AND topic = ? AND chat_id = ?",
  );
  const forgetTopics = db.prepare<[string, number]>(
    "DELETE FROM follow_topic WHERE scope = ? AND chat_id = ?",
  );
  const forgetPrefs = db.prepare<[string, number]>(
    "DELETE FROM follow_prefs WHERE scope = ? AND chat_id = ?",
  );
  const topicsStmt = db
    .prepare<[string, number], string>(
      "SELECT body FROM follow_topic WHERE scope = ? AND chat_id = ? ORDER BY seq",
    )
    .pluck();
  const pageStmt = db.prepare<[string, string, number, number], { chat_id: number; prefs: string | null }>(
    `SELECT t.chat_id, p.prefs FROM follow_topic t
     LEFT JOIN follow_prefs p ON p.scope = t.scope AND p.chat_id = t.chat_id
     WHERE t.scope = ? AND t.topic = ? AND t.chat_id > ? ORDER BY t.chat_id LIMIT ?`,
  );
  const countStmt = db
    .prepare<[string, string], number>("SELECT COUNT(*) FROM follow_topic WHERE scope = ? AND topic = ?")
    .pluck();
  const moveTopics = db.prepare<[number, string, number]>(
    "UPDATE OR REPLACE follow_topic SET chat_id = ? WHERE scope = ? AND chat_id = ?",
  );
  const movePrefs = db.prepare<[number, string, number]>(
    "UPDATE OR REPLACE follow_prefs SET chat_id = ? WHERE scope = ? AND chat_id = ?",
  );

  const follow = db.transaction((chatId: number, topic: Topic, defaults: PushPrefs) => {
    followStmt.run(scope, topicKey(topic), chatId, scope, chatId, JSON.stringify(topic));
    prefsInsert.run(scope, chatId, JSON.stringify(defaults));
  });
  const forget = db.transaction((chatId: number) => {
    forgetTopics.run(scope, chatId);
    forgetPrefs.run(scope, chatId);
  });
  const move = db.transaction((from: number, to: number) => {
    moveTopics.run(to, scope, from);
    movePrefs.run(to, scope, from);
  });

  return {
    async follow(chatId, topic, defaults) {
      follow(chatId, topic, defaults);
    },
    async unfollow(chatId, topic) {
      unfollowStmt.run(scope, topicKey(topic), chatId);
    },
    async forget(chatId) {
      forget(chatId);
    },
    async topicsOf(chatId) {
      return topicsStmt.all(scope, chatId).map((body) => JSON.parse(body) as Topic);
    },
    async prefsOf(chatId) {
      const json = prefsGet.get(scope, chatId);
      return json === undefined ? undefined : (JSON.parse(json) as PushPrefs);
    },
    async prefsOfMany(chatIds) {
      const found = new Map<number, PushPrefs>();
      if (chatIds.length === 0) return found;
      for (const row of prefsManyStmt.all(scope, JSON.stringify(chatIds))) {
        found.set(row.chat_id, JSON.parse(row.prefs) as PushPrefs);
      }
      return found;
    },
    async setPrefs(chatId, prefs) {
      prefsUpdate.run(JSON.stringify(prefs), scope, chatId);
    },
    async moveChat(from, to) {
      if (from !== to) move(from, to);
    },
    async followers(topic, after, limit): Promise<FollowerPage> {
      // One more than asked tells whether another page follows without a second query.
      const rows = pageStmt.all(scope, topicKey(topic), after ?? Number.MIN_SAFE_INTEGER, limit + 1);
      const page = rows.slice(0, limit);
      return {
        followers: page.map((row) => ({
          chatId: row.chat_id,
          prefs: row.prefs === null ? { lang: "ar", mode: "instant" } : (JSON.parse(row.prefs) as PushPrefs),
        })),
        next: rows.length > limit ? page[page.length - 1]?.chat_id : undefined,
      };
    },
    async count(topic) {
      return countStmt.get(scope, topicKey(topic)) ?? 0;
    },
  };
}
