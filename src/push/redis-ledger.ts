import type { Cluster, Redis } from "ioredis";
import type {
  Delivery,
  DeliveryKind,
  OpenEvent,
  PlannedDelivery,
  Progress,
  PushLedger,
  SentMessage,
  Settlement,
} from "./ledger.js";
import type { PushEvent } from "./push-event.js";

// Keys, all under one hash tag so every script touches one slot (`<base>` = `<prefix>{<scope>:push}:`):
//   events         hash id -> event JSON (HSETNX: each event once, ever)
//   event:<id>     hash state, phase, cursor, audience, started_at
//   open           sorted set of unfinished event ids (score: start time)
//   seq            delivery id counter
//   d:<id>         hash of one delivery
//   uniq           hash "<event>|<chat>|<ref>" -> delivery id (one delivery per chat and message)
//   waiting        sorted set of waiting delivery ids (score: id)
//   heldchats      sorted set of chats with held digest entries (score: chat id); held:<chat> their ids
//   count:<event>  hash status -> deliveries (and "silent")
//   story:<id>     sorted set of delivery ids that carry a message id (score: id)
//   meta, lease    small values; the lease expires by itself (PX)
const ADD = `
local function add(base, event, story, d)
  local ref = d.messageRef or 0
  local key = event .. '|' .. d.chatId .. '|' .. ref
  if redis.call('HEXISTS', base .. 'uniq', key) == 1 then return 0 end
  local id = redis.call('INCR', base .. 'seq')
  redis.call('HSET', base .. 'uniq', key, id)
  local status = 'waiting'
  if d.kind == 'digest' then status = 'held' end
  redis.call('HSET', base .. 'd:' .. id, 'event', event, 'story', story, 'chat', d.chatId, 'kind', d.kind,
    'ref', ref, 'src', d.sourceEventId or '', 'lang', d.lang or '', 'status', status)
  if status == 'waiting' then
    redis.call('ZADD', base .. 'waiting', id, id)
  else
    redis.call('ZADD', base .. 'heldchats', d.chatId, d.chatId)
    redis.call('SADD', base .. 'held:' .. d.chatId, id)
  end
  redis.call('HINCRBY', base .. 'count:' .. event, status, 1)
  return 1
end
`;
const RECORD = `${ADD}
local base = KEYS[1]
local id, body, story, at, audience = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
if redis.call('HSETNX', base .. 'events', id, body) == 0 then return 0 end
redis.call('HSET', base .. 'event:' .. id, 'state', 'planning', 'phase', 0, 'cursor', '', 'audience', audience, 'started_at', at)
redis.call('ZADD', base .. 'open', at, id)
for _, d in ipairs(cjson.decode(ARGV[6])) do add(base, id, story, d) end
return 1
`;
const PLAN = `${ADD}
local base = KEYS[1]
local id, story, phase, cursor, planned = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local added = 0
for _, d in ipairs(cjson.decode(ARGV[6])) do added = added + add(base, id, story, d) end
local state = 'planning'
if planned == '1' then state = 'sending' end
redis.call('HSET', base .. 'event:' .. id, 'state', state, 'phase', phase, 'cursor', cursor)
return added
`;
const SETTLE = `
local base = KEYS[1]
local id, status, mid, silent, lang, reason = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]
local key = base .. 'd:' .. id
local old = redis.call('HGET', key, 'status')
if not old then return 0 end
local event = redis.call('HGET', key, 'event')
local chat = redis.call('HGET', key, 'chat')
redis.call('HSET', key, 'status', status, 'silent', silent, 'reason', reason)
if mid ~= '' then redis.call('HSET', key, 'mid', mid) end
if lang ~= '' then redis.call('HSET', key, 'lang', lang) end
redis.call('ZREM', base .. 'waiting', id)
if old == 'held' then
  redis.call('SREM', base .. 'held:' .. chat, id)
  if redis.call('SCARD', base .. 'held:' .. chat) == 0 then redis.call('ZREM', base .. 'heldchats', chat) end
end
redis.call('HINCRBY', base .. 'count:' .. event, old, -1)
redis.call('HINCRBY', base .. 'count:' .. event, status, 1)
if silent == '1' then redis.call('HINCRBY', base .. 'count:' .. event, 'silent', 1) end
if mid ~= '' then redis.call('ZADD', base .. 'story:' .. redis.call('HGET', key, 'story'), id, id) end
return 1
`;
const REDIRECT = `
local base = KEYS[1]
local id, to = ARGV[1], ARGV[2]
local key = base .. 'd:' .. id
local d = redis.call('HMGET', key, 'event', 'chat', 'ref')
local newKey = d[1] .. '|' .. to .. '|' .. d[3]
if redis.call('HEXISTS', base .. 'uniq', newKey) == 1 then return 0 end
redis.call('HDEL', base .. 'uniq', d[1] .. '|' .. d[2] .. '|' .. d[3])
redis.call('HSET', base .. 'uniq', newKey, id)
redis.call('HSET', key, 'chat', to)
return 1
`;
const FINISH = `
redis.call('HSET', KEYS[1] .. 'event:' .. ARGV[1], 'state', 'done', 'finished_at', ARGV[2])
redis.call('ZREM', KEYS[1] .. 'open', ARGV[1])
`;
const LEASE = `
local current = redis.call('GET', KEYS[1] .. 'lease')
if current and current ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1] .. 'lease', ARGV[1], 'PX', ARGV[2])
return 1
`;
const RELEASE = `
if redis.call('GET', KEYS[1] .. 'lease') == ARGV[1] then redis.call('DEL', KEYS[1] .. 'lease') end
`;

/** Chat ids as strings: Lua numbers are doubles, printed with 14 digits at most. */
const deliveriesJson = (deliveries: readonly PlannedDelivery[]): string =>
  JSON.stringify(deliveries.map((d) => ({ ...d, chatId: String(d.chatId) })));

const num = (value: string | undefined): number | undefined =>
  value === undefined || value === "" ? undefined : Number(value);

/**
 * The {@link PushLedger} in Redis, shared by every instance: each method is one command or one Lua script,
 * so it is atomic; every key carries one hash tag, so a Redis Cluster takes the scripts. Outcomes are
 * written as they come (no grouping: a round trip each, far below the sending rate).
 */
export function createRedisLedger(client: Redis | Cluster, prefix: string, scope = "default"): PushLedger {
  const base = `${prefix}{${scope}:push}:`;
  const readDeliveries = async (ids: string[]): Promise<Delivery[]> => {
    if (ids.length === 0) return [];
    const pipeline = client.pipeline();
    for (const id of ids) pipeline.hgetall(`${base}d:${id}`);
    const rows = (await pipeline.exec()) ?? [];
    const out: Delivery[] = [];
    rows.forEach(([error, row], i) => {
      if (error !== null) throw error;
      const d = row as Record<string, string>;
      if (d.event === undefined) return;
      out.push({
        id: Number(ids[i]),
        eventId: d.event,
        chatId: Number(d.chat),
        kind: d.kind as DeliveryKind,
        messageRef: Number(d.ref ?? 0),
        sourceEventId: d.src === "" ? undefined : d.src,
        lang: d.lang === "" ? undefined : d.lang,
      });
    });
    return out;
  };
  /** Sent messages of a story after `cursor`, filtered, until `limit` are found or none is left. */
  const sentOf = async (
    storyId: string,
    cursor: number | undefined,
    limit: number,
    keep: (d: Record<string, string>) => boolean,
  ): Promise<SentMessage[]> => {
    const out: SentMessage[] = [];
    let after = cursor ?? 0;
    while (out.length < limit) {
      const ids = await client.zrangebyscore(
        `${base}story:${storyId}`,
        `(${after}`,
        "+inf",
        "LIMIT",
        0,
        limit,
      );
      if (ids.length === 0) break;
      const pipeline = client.pipeline();
      for (const id of ids) pipeline.hgetall(`${base}d:${id}`);
      const rows = (await pipeline.exec()) ?? [];
      for (let i = 0; i < ids.length && out.length < limit; i++) {
        const d = rows[i]?.[1] as Record<string, string> | undefined;
        after = Number(ids[i]);
        if (d === undefined || d.mid === undefined || !keep(d)) continue;
        out.push({
          cursor: after,
          chatId: Number(d.chat),
          messageId: Number(d.mid),
          eventId: d.event ?? "",
          lang: d.lang === "" ? undefined : d.lang,
        });
      }
      if (ids.length < limit) break;
    }
    return out;
  };

  return {
    async initialised() {
      return (await client.hexists(`${base}meta`, "initialised")) === 1;
    },
    async baseline(events, at) {
      const multi = client.multi();
      for (const event of events) multi.hsetnx(`${base}events`, event.id, JSON.stringify(event));
      multi.hset(`${base}meta`, "initialised", String(at));
      await multi.exec();
    },
    async record(event, at, audience, first) {
      const recorded = await client.eval(
        RECORD,
        1,
        base,
        event.id,
        JSON.stringify(event),
        event.storyId,
        String(at),
        String(audience),
        deliveriesJson(first),
      );
      return recorded === 1;
    },
    async open(): Promise<OpenEvent[]> {
      const ids = await client.zrange(`${base}open`, "0", "-1");
      const out: OpenEvent[] = [];
      for (const id of ids) {
        const [body, state] = await Promise.all([
          client.hget(`${base}events`, id),
          client.hgetall(`${base}event:${id}`),
        ]);
        if (body === null) continue;
        out.push({
          event: JSON.parse(body) as PushEvent,
          phase: Number(state.phase ?? 0),
          cursor: num(state.cursor),
          audience: Number(state.audience ?? 0),
          startedAt: Number(state.started_at ?? 0),
          planned: state.state === "sending",
        });
      }
      return out;
    },
    async plan(eventId, storyId, deliveries: readonly PlannedDelivery[], next) {
      const added = await client.eval(
        PLAN,
        1,
        base,
        eventId,
        storyId,
        String(next.phase),
        next.cursor === undefined ? "" : String(next.cursor),
        next.planned ? "1" : "0",
        deliveriesJson(deliveries),
      );
      return Number(added);
    },
    async waiting(limit, after) {
      const ids = await client.zrangebyscore(`${base}waiting`, `(${after}`, "+inf", "LIMIT", 0, limit);
      return readDeliveries(ids);
    },
    async waitingCount() {
      return client.zcard(`${base}waiting`);
    },
    async settle(id, outcome: Settlement) {
      await client.eval(
        SETTLE,
        1,
        base,
        String(id),
        outcome.status,
        outcome.messageId === undefined ? "" : String(outcome.messageId),
        outcome.silent === true ? "1" : "0",
        outcome.lang ?? "",
        outcome.reason ?? "",
      );
    },
    async flush() {
      // Every outcome is written when it is recorded.
    },
    async redirect(id, chatId) {
      return (await client.eval(REDIRECT, 1, base, String(id), String(chatId))) === 1;
    },
    async finish(eventId, at) {
      await client.eval(FINISH, 1, base, eventId, String(at));
    },
    async progress(eventId): Promise<Progress> {
      const counts = await client.hgetall(`${base}count:${eventId}`);
      const n = (key: string): number => Number(counts[key] ?? 0);
      return {
        waiting: n("waiting"),
        held: n("held"),
        sent: n("sent"),
        silent: n("silent"),
        failed: n("failed"),
        stopped: n("stopped"),
        skipped: n("skipped"),
      };
    },
    sentForStory: (storyId, exceptEventId, cursor, limit) =>
      sentOf(storyId, cursor, limit, (d) => d.kind === "send" && d.event !== exceptEventId),
    pushedStory: (storyId, cursor, limit) =>
      sentOf(storyId, cursor, limit, (d) => d.event === `story:${storyId}`),
    async heldChats(cursor, limit) {
      const min = cursor === undefined ? "-inf" : `(${cursor}`;
      const ids = await client.zrangebyscore(`${base}heldchats`, min, "+inf", "LIMIT", 0, limit);
      return ids.map(Number);
    },
    async heldOf(chatId) {
      const ids = await client.smembers(`${base}held:${chatId}`);
      const held = await readDeliveries(ids.sort((a, b) => Number(a) - Number(b)));
      return held;
    },
    async meta(key) {
      return (await client.hget(`${base}meta`, key)) ?? undefined;
    },
    async setMeta(key, value) {
      await client.hset(`${base}meta`, key, value);
    },
    async lease(owner, now, until) {
      return (await client.eval(LEASE, 1, base, owner, String(Math.max(1, until - now)))) === 1;
    },
    async release(owner) {
      await client.eval(RELEASE, 1, base, owner);
    },
    async event(eventId) {
      const body = await client.hget(`${base}events`, eventId);
      return body === null ? undefined : (JSON.parse(body) as PushEvent);
    },
  };
}
