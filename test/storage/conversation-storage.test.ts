import { rmSync } from "node:fs";
import { join } from "node:path";
import {
  type Conversation,
  type ConversationData,
  type ConversationFlavor,
  conversations,
  createConversation,
  type VersionedState,
} from "@grammyjs/conversations";
import Database from "better-sqlite3";
import { type ApiClientOptions, Bot, type Context } from "grammy";
import type { Update, UserFromGetMe } from "grammy/types";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createMemoryStore,
  createRedisStore,
  createSqliteStore,
  SQLITE_FILE_NAME,
  type Store,
} from "../../src/storage/index.js";
import { DEFAULT_BOT_INFO } from "../helpers/fake-telegram.js";
import { type RedisServerHandle, redisAvailable, startRedis } from "../helpers/redis-server.js";
import { tempDir } from "./util.js";

type Ctx = ConversationFlavor<Context>;
type ConvState = VersionedState<ConversationData>;

const botInfo: UserFromGetMe = { ...DEFAULT_BOT_INFO, id: 1 };

type FetchFn = NonNullable<ApiClientOptions["fetch"]>;

/** Minimal Bot API stand-in: records calls and answers sendMessage with a plausible Message. */
function fakeFetch(sent: string[]): FetchFn {
  const impl = async (url: unknown, init?: { body?: unknown }): Promise<Response> => {
    const method = String(url).split("/").pop() ?? "";
    const payload = typeof init?.body === "string" ? (JSON.parse(init.body) as { text?: string }) : {};
    if (method === "sendMessage") sent.push(payload.text ?? "");
    const result =
      method === "sendMessage" ? { message_id: 1, date: 0, chat: { id: 42, type: "private" } } : true;
    return new Response(JSON.stringify({ ok: true, result }), {
      headers: { "content-type": "application/json" },
    });
  };
  // grammY types `fetch` as node-fetch's; the global Response is what it needs at runtime (`res.json()`).
  return impl as unknown as FetchFn;
}

/** A one-question conversation: asks for a name, waits, greets, ends (and so deletes its state). */
async function askName(conversation: Conversation<Ctx, Context>, ctx: Context): Promise<void> {
  await ctx.reply("ما اسمك؟");
  const answer = await conversation.waitFor("message:text");
  await answer.reply(`أهلاً ${answer.message.text}`);
}

function makeBot(store: Store, sent: string[]): Bot<Ctx> {
  const bot = new Bot<Ctx>("1:x", { botInfo, client: { fetch: fakeFetch(sent) } });
  bot.use(
    conversations<Ctx, Context>({
      storage: {
        type: "key",
        adapter: store.adapter<ConvState>("conv", { ttlSeconds: 7 * 86_400 }),
        version: 1,
        prefix: "c:",
      },
    }),
  );
  bot.use(createConversation(askName, "ask-name"));
  bot.command("start", (ctx) => ctx.conversation.enter("ask-name"));
  return bot;
}

function message(updateId: number, text: string): Update {
  const command = text.startsWith("/");
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: 0,
      chat: { id: 42, type: "private", first_name: "Layla" },
      from: { id: 42, is_bot: false, first_name: "Layla", language_code: "ar" },
      text,
      ...(command ? { entities: [{ type: "bot_command" as const, offset: 0, length: text.length }] } : {}),
    },
  };
}

interface Case {
  name: string;
  skip: boolean;
  /** Two stores over the same data, standing in for a restart or a second webhook instance. */
  open(): { first: Store; second: Store; stored(): Promise<string[]>; cleanup(): Promise<void> };
}

let redisServer: RedisServerHandle | undefined;
let raw: Redis | undefined;

const cases: Case[] = [
  {
    name: "sqlite",
    skip: false,
    open() {
      const dir = tempDir();
      const first = createSqliteStore({ dir });
      const second = createSqliteStore({ dir });
      return {
        first,
        second,
        async stored() {
          const db = new Database(join(dir, SQLITE_FILE_NAME), { readonly: true });
          try {
            return db.prepare("SELECT ns || '/' || key FROM kv").pluck().all() as string[];
          } finally {
            db.close();
          }
        },
        async cleanup() {
          await first.close();
          await second.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: "redis",
    skip: !redisAvailable(),
    open() {
      const url = redisServer?.url;
      const client = raw;
      if (url === undefined || client === undefined) throw new Error("redis not started");
      const first = createRedisStore({ url, prefix: "khabar-conv:" });
      const second = createRedisStore({ url, prefix: "khabar-conv:" });
      return {
        first,
        second,
        stored: () => client.keys("khabar-conv:*"),
        async cleanup() {
          await first.close();
          await second.close();
        },
      };
    },
  },
  {
    name: "memory",
    skip: false,
    open() {
      // Memory cannot outlive a process; two bots over one store still prove the adapter contract.
      const store = createMemoryStore();
      return { first: store, second: store, stored: async () => [], cleanup: () => store.close() };
    },
  },
];

describe("conversations v2 state in the store", () => {
  beforeAll(async () => {
    if (!redisAvailable()) return;
    redisServer = await startRedis();
    if (redisServer !== undefined) raw = new Redis(redisServer.url);
  });
  afterAll(async () => {
    raw?.disconnect();
    await redisServer?.stop();
  });

  describe.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c: Case) => {
    it.skipIf(c.skip)("survives a restart mid-conversation and leaves nothing behind", async () => {
      const { first, second, stored, cleanup } = c.open();
      try {
        const sent1: string[] = [];
        const bot1 = makeBot(first, sent1);
        await bot1.handleUpdate(message(1, "/start"));
        expect(sent1).toEqual(["ما اسمك؟"]);
        const convs = first.adapter<ConvState>("conv");
        const state = await convs.read("c:42");
        expect(state?.version).toEqual([0, 1]);
        expect(Object.keys(state?.state ?? {})).toEqual(["ask-name"]);
        if (c.name === "sqlite") expect(await stored()).toEqual(["conv/c:42"]);
        if (c.name === "redis") expect(await stored()).toEqual(["khabar-conv:conv:c:42"]);

        // "Restart": a brand-new bot over a second store instance continues where the first left off.
        const sent2: string[] = [];
        const bot2 = makeBot(second, sent2);
        await bot2.handleUpdate(message(2, "ليلى"));
        expect(sent2).toEqual(["أهلاً ليلى"]);

        expect(await second.adapter<ConvState>("conv").read("c:42")).toBeUndefined();
        expect(await stored()).toEqual([]);
      } finally {
        await cleanup();
      }
    });
  });
});
