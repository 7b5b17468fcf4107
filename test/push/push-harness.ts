import Database from "better-sqlite3";
import { Api } from "grammy";
import pino from "pino";
import { createModelFetch } from "../../src/preview/telegram-model/fetch.js";
import { PushEngine, type PushEngineOptions, type RenderPush } from "../../src/push/engine.js";
import type { FollowStore, PushPrefs } from "../../src/push/follow-store.js";
import type { PushLedger } from "../../src/push/ledger.js";
import { OutgoingCalls, type OutgoingCallsOptions } from "../../src/push/outgoing-calls.js";
import type { PushEvent } from "../../src/push/push-event.js";
import { createSqliteFollowStore } from "../../src/push/sqlite-follow-store.js";
import { createSqliteLedger } from "../../src/push/sqlite-ledger.js";
import { FAKE_BOT_TOKEN, FakeTelegram } from "../helpers/fake-telegram.js";

/** A story's state as the test's catalog holds it: what the renderer reads. */
export interface StoryState {
  title: string;
  corrected?: string;
  withdrawn?: boolean;
}

/** A push world: the fake Bot API, a SQLite file in memory, and an engine over them. */
export interface PushWorld {
  tg: FakeTelegram;
  db: Database.Database;
  follows: FollowStore;
  ledger: PushLedger;
  calls: OutgoingCalls;
  stories: Map<string, StoryState>;
  engine(events: PushEvent[], extra?: Partial<PushEngineOptions>): PushEngine;
}

export const EN: PushPrefs = { lang: "en", mode: "instant" };

/** A renderer that says what it renders, as the catalog stands now. */
export function testRender(stories: Map<string, StoryState>): RenderPush {
  return (event, prefs) => {
    const story = stories.get(event.storyId);
    if (story === undefined) return undefined;
    const mark = story.withdrawn ? " [withdrawn]" : story.corrected ? ` [corrected: ${story.corrected}]` : "";
    const head = event.kind === "correction" ? `Corrected (${prefs.lang})` : `New (${prefs.lang})`;
    return { text: `${head}: ${story.title}${mark}` };
  };
}

export function storyEvent(storyId: string, people: string[] = []): PushEvent {
  return {
    id: `story:${storyId}`,
    kind: "story",
    storyId,
    audience: [{ kind: "new" }, ...people.map((personId) => ({ kind: "person" as const, personId }))],
  };
}

export function correctionEvent(storyId: string, correctionId: string): PushEvent {
  return {
    id: `correction:${storyId}:${correctionId}`,
    kind: "correction",
    storyId,
    correctionId,
    audience: [{ kind: "story", storyId }],
  };
}

export function pushWorld(
  options: { tg?: FakeTelegram; db?: Database.Database; calls?: OutgoingCallsOptions } = {},
): PushWorld {
  const tg = options.tg ?? new FakeTelegram();
  const db = options.db ?? new Database(":memory:");
  const follows = createSqliteFollowStore(db);
  const ledger = createSqliteLedger(db);
  const calls = new OutgoingCalls({ pushRate: 1000, perChatMs: 0, ...options.calls });
  const api = new Api(FAKE_BOT_TOKEN, { fetch: createModelFetch(tg) });
  api.config.use(calls.pushLane());
  const stories = new Map<string, StoryState>();
  return {
    tg,
    db,
    follows,
    ledger,
    calls,
    stories,
    engine(events, extra = {}) {
      const engine = new PushEngine({
        api,
        follows,
        ledger,
        render: testRender(stories),
        renderDigest: (events, prefs) => ({
          text: `Digest (${prefs.lang}): ${events.map((e) => stories.get(e.storyId)?.title).join(", ")}`,
        }),
        logger: pino({ level: "silent" }),
        pushRate: 1000,
        ...extra,
      });
      engine.start(events);
      return engine;
    },
  };
}
