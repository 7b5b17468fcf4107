import type { Cluster, Redis } from "ioredis";
import { type FollowerPage, type FollowStore, type PushPrefs, type Topic, topicKey } from "./follow-store.js";

// Keys share one hash tag, so every script touches one slot (a Redis Cluster accepts them):
//   <base>topic:<topic>  sorted set of chat ids (score = chat id: pages by id from a cursor)
//   <base>chat:<id>      sorted set of the chat's topics as JSON (score = follow order)
//   <base>prefs          hash chat id -> prefs JSON
//   <base>seq            counter for the follow order
const FOLLOW = `
local base = KEYS[1]
local chat, key, body, defaults = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local seq = redis.call('INCR', base .. 'seq')
redis.call('ZADD', base .. 'topic:' .. key, chat, chat)
redis.call('ZADD', base .. 'chat:' .. chat, 'NX', seq, body)
redis.call('HSETNX', base .. 'prefs', chat, defaults)
`;
const UNFOLLOW = `
local base = KEYS[1]
local chat, key, body = ARGV[1], ARGV[2], ARGV[3]
redis.call('ZREM', base .. 'topic:' .. key, chat)
redis.call('ZREM', base .. 'chat:' .. chat, body)
`;
// Topic keys are derived from the stored JSON by the caller's rule ("new", "story:<id>", "person:<id>").
const TOPIC_KEY = `
local function topic_key(body)
  local t = cjson.decode(body)
  if t.kind == 'new' then return 'new' end
  if t.kind == 'story' then return 'story:' .. t.storyId end
  return 'person:' .. t.personId
end
`;
const FORGET = `${TOPIC_KEY}
local base = KEYS[1]
local chat = ARGV[1]
for _, body in ipairs(redis.call('ZRANGE', base .. 'chat:' .. chat, 0, -1)) do
  redis.call('ZREM', base .. 'topic:' .. topic_key(body), chat)
end
redis.call('DEL', base .. 'chat:' .. chat)
redis.call('HDEL', base .. 'prefs', chat)
`;
const MOVE = `${TOPIC_KEY}
local base = KEYS[1]
local from, to = ARGV[1], ARGV[2]
local items = redis.call('ZRANGE', base .. 'chat:' .. from, 0, -1, 'WITHSCORES')
for i = 1, #items, 2 do
  local body, score = items[i], items[i + 1]
  local key = base .. 'topic:' .. topic_key(body)
  redis.call('ZREM', key, from)
  redis.call('ZADD', key, to, to)
  redis.call('ZADD', base .. 'chat:' .. to, 'NX', score, body)
end
redis.call('DEL', base .. 'chat:' .. from)
local prefs = redis.call('HGET', base .. 'prefs', from)
if prefs then
  redis.call('HSETNX', base .. 'prefs', to, prefs)
  redis.call('HDEL', base .. 'prefs', from)
end
`;
const SET_PREFS = `
if redis.call('HEXISTS', KEYS[1] .. 'prefs', ARGV[1]) == 1 then
  redis.call('HSET', KEYS[1] .. 'prefs', ARGV[1], ARGV[2])
end
`;

const DEFAULT_PREFS: PushPrefs = { lang: "ar", mode: "instant" };

/**
 * A {@link FollowStore} in Redis, shared by every instance. Each method is one command or one Lua script,
 * so it is atomic; all keys carry one hash tag (`{<scope>:follow}`), so a Redis Cluster takes the scripts.
 */
export function createRedisFollowStore(
  client: Redis | Cluster,
  prefix: string,
  scope = "default",
): FollowStore {
  const base = `${prefix}{${scope}:follow}:`;
  return {
    async follow(chatId, topic, defaults) {
      await client.eval(
        FOLLOW,
        1,
        base,
        chatId,
        topicKey(topic),
        JSON.stringify(topic),
        JSON.stringify(defaults),
      );
    },
    async unfollow(chatId, topic) {
      await client.eval(UNFOLLOW, 1, base, chatId, topicKey(topic), JSON.stringify(topic));
    },
    async forget(chatId) {
      await client.eval(FORGET, 1, base, chatId);
    },
    async topicsOf(chatId) {
      const bodies = await client.zrange(`${base}chat:${chatId}`, "0", "-1");
      return bodies.map((body) => JSON.parse(body) as Topic);
    },
    async prefsOf(chatId) {
      const json = await client.hget(`${base}prefs`, String(chatId));
      return json === null ? undefined : (JSON.parse(json) as PushPrefs);
    },
    async prefsOfMany(chatIds) {
      const found = new Map<number, PushPrefs>();
      if (chatIds.length === 0) return found;
      const bodies = await client.hmget(`${base}prefs`, ...chatIds.map(String));
      chatIds.forEach((chatId, i) => {
        const json = bodies[i];
        if (json !== null && json !== undefined) found.set(chatId, JSON.parse(json) as PushPrefs);
      });
      return found;
    },
    async setPrefs(chatId, prefs) {
      await client.eval(SET_PREFS, 1, base, chatId, JSON.stringify(prefs));
    },
    async moveChat(from, to) {
      if (from !== to) await client.eval(MOVE, 1, base, String(from), String(to));
    },
    async followers(topic, after, limit): Promise<FollowerPage> {
      const min = after === undefined ? "-inf" : `(${after}`;
      const ids = await client.zrangebyscore(
        `${base}topic:${topicKey(topic)}`,
        min,
        "+inf",
        "LIMIT",
        0,
        limit + 1,
      );
      const page = ids.slice(0, limit);
      const prefs = page.length === 0 ? [] : await client.hmget(`${base}prefs`, ...page);
      return {
        followers: page.map((id, i) => {
          const json = prefs[i];
          return { chatId: Number(id), prefs: json ? (JSON.parse(json) as PushPrefs) : { ...DEFAULT_PREFS } };
        }),
        next: ids.length > limit ? Number(page[page.length - 1]) : undefined,
      };
    },
    async count(topic) {
      return client.zcard(`${base}topic:${topicKey(topic)}`);
    },
  };
}
