import type { Update } from "grammy/types";
import type { Cluster, Redis } from "ioredis";
import { type Claimed, INBOX_TTL_SECONDS, type Inbox } from "./inbox.js";
import { checkUpdateId } from "./shared.js";

// Every script reads the time from Redis itself, so leases compare on one clock whatever the instances'
// clocks say. An entry is a hash `<ns>:<id>` (p = the update while pending, o = owner, l = lease end in ms,
// a = attempts) that expires a day after it was recorded; `<ns>:pending` lists pending ids by update_id.
// `<ns>` carries a hash tag (`khabar:{123:inbox}`), so every inbox key hashes to one slot: a script that
// touches an entry and the pending set, or walks the set's entries, is refused by a Redis Cluster otherwise.
const NOW =
  "local t = redis.call('TIME') local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)";

/** Claims hash KEYS[1] for ARGV[1] (owner) for ARGV[2] ms when free; ARGV[3] = "1": take over others' claims. */
const CLAIM = `
local function claim(key, owner, ms, takeOver, now)
  local p = redis.call('HGET', key, 'p')
  if not p then return false end
  local l = tonumber(redis.call('HGET', key, 'l') or '0')
  if l > now and not (takeOver == '1' and redis.call('HGET', key, 'o') ~= owner) then return false end
  redis.call('HSET', key, 'o', owner, 'l', now + tonumber(ms))
  return {p, tonumber(redis.call('HGET', key, 'a') or '0')}
end`;

/** KEYS: entry, pending set. ARGV: payload, id, owner, lease ms, ttl s. */
const ADMIT = `${NOW}${CLAIM}
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('HSET', KEYS[1], 'p', ARGV[1], 'l', 0, 'a', 0)
  redis.call('EXPIRE', KEYS[1], ARGV[5])
  redis.call('ZADD', KEYS[2], ARGV[2], ARGV[2])
end
return claim(KEYS[1], ARGV[3], ARGV[4], '0', now)`;

/** KEYS: pending set. ARGV: entry key prefix, owner, lease ms, takeOver, limit. Returns id, payload, attempts… */
const CLAIM_UNFINISHED = `${NOW}${CLAIM}
local out = {}
local limit = tonumber(ARGV[5])
for _, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, 999)) do
  if #out >= limit * 3 then break end
  local key = ARGV[1] .. id
  if redis.call('HEXISTS', key, 'p') == 0 then
    redis.call('ZREM', KEYS[1], id)
  else
    local got = claim(key, ARGV[2], ARGV[3], ARGV[4], now)
    if got then
      table.insert(out, id) table.insert(out, got[1]) table.insert(out, got[2])
    end
  end
end
return out`;

/** KEYS: entry. ARGV: owner, lease ms. */
const RENEW = `${NOW}
if redis.call('HGET', KEYS[1], 'o') == ARGV[1] and redis.call('HEXISTS', KEYS[1], 'p') == 1 then
  redis.call('HSET', KEYS[1], 'l', now + tonumber(ARGV[2]))
end
return 1`;

/** KEYS: entry. ARGV: owner. Counts an attempt on an update the owner holds; returns the attempts. */
const COUNT_ATTEMPT = `
if redis.call('HGET', KEYS[1], 'o') == ARGV[1] and redis.call('HEXISTS', KEYS[1], 'p') == 1 then
  return redis.call('HINCRBY', KEYS[1], 'a', 1)
end
return tonumber(redis.call('HGET', KEYS[1], 'a') or '1')`;

/** KEYS: entry, pending set. ARGV: id. An expired entry is not re-created (it would have no TTL). */
const FINISH = `
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HDEL', KEYS[1], 'p', 'o') redis.call('HSET', KEYS[1], 'l', 0) end
redis.call('ZREM', KEYS[2], ARGV[1])
return 1`;

/** KEYS: entry. ARGV: owner. */
const RELEASE = `
if redis.call('HGET', KEYS[1], 'o') == ARGV[1] then redis.call('HSET', KEYS[1], 'l', 0) end
return 1`;

type Reply = [string, number] | null;
interface InboxCommands {
  khabarInboxAdmit(entry: string, set: string, ...args: Array<string | number>): Promise<Reply>;
  khabarInboxClaim(set: string, ...args: Array<string | number>): Promise<Array<string | number>>;
  khabarInboxCountAttempt(entry: string, owner: string): Promise<number>;
  khabarInboxRenew(entry: string, owner: string, ms: number): Promise<number>;
  khabarInboxRelease(entry: string, owner: string): Promise<number>;
  khabarInboxFinish(entry: string, set: string, id: number): Promise<number>;
}

/**
 * The inbox's key prefix: `<prefix>{<scoped namespace>}`, braces included, so all its keys share one hash
 * slot (only the part inside the first braces is hashed).
 */
export function inboxNamespace(prefix: string, scopedNamespace: string): string {
  return `${prefix}{${scopedNamespace}}`;
}

/** Escapes Redis glob characters, for a SCAN MATCH on a literal prefix. */
function globLiteral(text: string): string {
  return text.replace(/[*?[\]\\]/g, "\\$&");
}

/**
 * Moves an inbox kept under the earlier key layout (`<prefix><scoped namespace>:…`, without the hash tag)
 * to the current one, once, so updates recorded before an upgrade are neither lost nor handled twice:
 * entries keep their TTL (RENAMENX), pending ids join the new pending set. Only for a single Redis server:
 * a Cluster never ran the earlier layout (it refused its scripts), and RENAME cannot cross slots there.
 * A marker key (`<new ns>:layout`) records that it ran, so later starts skip the scan. Returns how many
 * entries moved.
 */
export async function migrateInboxLayout(client: Redis, oldNs: string, newNs: string): Promise<number> {
  // Done once per Redis, not per start: a scan of the whole keyspace is not free on a big database.
  const marker = `${newNs}:layout`;
  if ((await client.exists(marker)) === 1) return 0;
  const oldSet = `${oldNs}:pending`;
  let moved = 0;
  let cursor = "0";
  do {
    const [next, keys] = await client.scan(cursor, "MATCH", `${globLiteral(oldNs)}:*`, "COUNT", 1000);
    cursor = next;
    for (const key of keys) {
      if (key === oldSet) continue;
      const id = key.slice(oldNs.length + 1);
      if (!/^\d+$/.test(id)) continue;
      if ((await client.renamenx(key, `${newNs}:${id}`)) === 1) moved++;
      else await client.del(key);
    }
  } while (cursor !== "0");
  const pending = await client.zrange(oldSet, "0", "-1");
  if (pending.length > 0) {
    await client.zadd(`${newNs}:pending`, ...pending.flatMap((id) => [id, id]));
    await client.del(oldSet);
  }
  await client.set(marker, "2");
  return moved;
}

/**
 * The {@link Inbox} of the Redis store: each operation is one Lua script (atomic on the server), so two
 * instances can never both claim an update. An admit is acknowledged by Redis before it resolves (durable as
 * far as the Redis deployment's own persistence goes: AOF or replicas, see README).
 */
export function createRedisInbox(
  client: Redis | Cluster,
  ns: string,
  assertOpen: () => void,
  /** Runs (once) before the first command: a layout migration. */
  before: () => Promise<void> = async () => undefined,
): Inbox {
  const scripts = client as unknown as InboxCommands;
  if (!("khabarInboxAdmit" in client)) {
    client.defineCommand("khabarInboxAdmit", { numberOfKeys: 2, lua: ADMIT });
    client.defineCommand("khabarInboxClaim", { numberOfKeys: 1, lua: CLAIM_UNFINISHED });
    client.defineCommand("khabarInboxCountAttempt", { numberOfKeys: 1, lua: COUNT_ATTEMPT });
    client.defineCommand("khabarInboxRenew", { numberOfKeys: 1, lua: RENEW });
    client.defineCommand("khabarInboxRelease", { numberOfKeys: 1, lua: RELEASE });
    client.defineCommand("khabarInboxFinish", { numberOfKeys: 2, lua: FINISH });
  }
  const entry = (id: number): string => `${ns}:${id}`;
  const set = `${ns}:pending`;
  return {
    async admit(updates, lease) {
      assertOpen();
      await before();
      for (const update of updates) checkUpdateId(update.update_id);
      const replies = await Promise.all(
        updates.map((update) =>
          scripts.khabarInboxAdmit(
            entry(update.update_id),
            set,
            JSON.stringify(update),
            update.update_id,
            lease.owner,
            lease.ms,
            INBOX_TTL_SECONDS,
          ),
        ),
      );
      const claimed: Claimed[] = [];
      for (const reply of replies) {
        if (reply !== null)
          claimed.push({ update: JSON.parse(reply[0]) as Update, attempts: Number(reply[1]) });
      }
      return claimed;
    },
    async claimUnfinished(lease, { limit, takeOver = false }) {
      assertOpen();
      await before();
      const flat = await scripts.khabarInboxClaim(
        set,
        `${ns}:`,
        lease.owner,
        lease.ms,
        takeOver ? "1" : "0",
        limit,
      );
      const claimed: Claimed[] = [];
      for (let i = 0; i + 2 < flat.length; i += 3) {
        claimed.push({ update: JSON.parse(String(flat[i + 1])) as Update, attempts: Number(flat[i + 2]) });
      }
      return claimed;
    },
    async countAttempt(updateId, lease) {
      assertOpen();
      return Number(await scripts.khabarInboxCountAttempt(entry(updateId), lease.owner));
    },
    async renew(updateIds, lease) {
      assertOpen();
      await before();
      await Promise.all(updateIds.map((id) => scripts.khabarInboxRenew(entry(id), lease.owner, lease.ms)));
    },
    async finish(updateId) {
      assertOpen();
      await before();
      await scripts.khabarInboxFinish(entry(updateId), set, updateId);
    },
    async release(updateId, lease) {
      assertOpen();
      await before();
      await scripts.khabarInboxRelease(entry(updateId), lease.owner);
    },
    async pending() {
      assertOpen();
      await before();
      return client.zcard(set);
    },
  };
}
