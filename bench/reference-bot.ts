/**
 * The reference bot: what khabar would cost if it were nothing but its required plugins and its Bot API
 * calls. It installs the production guards (the inbox door in front of handleUpdate, rate limit, per-chat ordering), outgoing
 * auto-retry, the session (with khabar's TTL and skip-unchanged adapter) and the conversations plugin, in
 * createBot's order, over a memory store; then, for each update, it makes exactly the calls khabar made for
 * the same update (recorded in the same run: see `CallRecorder`), and does nothing else: no rendering, no
 * routing, no conversation. The gap between it and khabar is khabar's own logic.
 */
import { conversations } from "@grammyjs/conversations";
import { Bot, type Context, session } from "grammy";
import pino from "pino";
import type { BotContext, SessionData } from "../src/bot/context.js";
import { installAutoRetry } from "../src/middleware/auto-retry.js";
import { rateLimitReaders } from "../src/middleware/rate-limit.js";
import { sequentializeReaders } from "../src/middleware/sequentialize.js";
import { createMemoryStore } from "../src/storage/index.js";
import { skipUnchanged } from "../src/storage/skip-unchanged.js";
import { createDurable, type Durable } from "../src/updates/durable.js";
import { BENCH_BOT_INFO, BENCH_TOKEN } from "./config.js";

const silent = pino({ level: "silent" });

/** One recorded Bot API call: its method and the payload grammY sent. */
export interface RecordedCall {
  method: string;
  payload: Record<string, unknown>;
}

/**
 * Records khabar's calls by reader. A block of the mix holds at most one update per reader, and every call
 * khabar makes names the reader's chat (`chat_id`) or their button press (`callback_query_id`), so calls
 * recorded during khabar's turn on a block map back to their update without any per-update bookkeeping in
 * khabar's timed path (the body is kept as a string; `take` parses it after the turn).
 */
export class CallRecorder {
  private raw: Array<{ method: string; body: string }> = [];
  private readonly byReader = new Map<number, RecordedCall[]>();
  private readonly queryOwner = new Map<string, number>();

  /** For the light fetch's `onCall`: remembers a call made during a recorded turn. */
  readonly onCall = (method: string, body: string): void => {
    if (this.recording) this.raw.push({ method, body });
  };

  recording = false;

  /** Starts a block: forgets the previous one and learns which button press belongs to whom. */
  begin(updates: ReadonlyArray<{ callback_query?: { id: string; from: { id: number } } }>): void {
    this.raw = [];
    this.byReader.clear();
    this.queryOwner.clear();
    for (const update of updates) {
      if (update.callback_query) this.queryOwner.set(update.callback_query.id, update.callback_query.from.id);
    }
    this.recording = true;
  }

  /** Ends the recorded turn and files its calls by reader. */
  end(): void {
    this.recording = false;
    for (const { method, body } of this.raw) {
      const payload = body === "" ? {} : (JSON.parse(body) as Record<string, unknown>);
      const reader =
        typeof payload.chat_id === "number"
          ? payload.chat_id
          : typeof payload.callback_query_id === "string"
            ? this.queryOwner.get(payload.callback_query_id)
            : undefined;
      if (reader === undefined) continue;
      const calls = this.byReader.get(reader) ?? [];
      calls.push({ method, payload });
      this.byReader.set(reader, calls);
    }
    this.raw = [];
  }

  /** The calls khabar made for this reader's update in the recorded block. */
  callsOf(reader: number): readonly RecordedCall[] {
    return this.byReader.get(reader) ?? [];
  }
}

/** The reference bot over `fetch`, replaying the calls `recorder` holds for each update's reader. */
export function createReferenceBot(
  fetch: typeof globalThis.fetch,
  recorder: CallRecorder,
): Pick<Durable, "handleUpdate"> {
  const store = createMemoryStore({ scope: "1" });
  const bot = new Bot<BotContext>(BENCH_TOKEN, { botInfo: BENCH_BOT_INFO, client: { fetch } });
  installAutoRetry(bot.api);
  bot.use((ctx, next) => {
    ctx.logger = silent;
    return next();
  });
  bot.use(rateLimitReaders({ notice: () => "slow down", keyPrefix: "bench:rate:" }), sequentializeReaders());
  const readers = bot.filter((ctx: Context) => ctx.from !== undefined && ctx.chat !== undefined);
  readers.use(
    session<SessionData | undefined, BotContext>({
      getSessionKey: (ctx) => ctx.from?.id.toString(),
      storage: skipUnchanged(store.adapter<SessionData | undefined>("session", { ttlSeconds: 180 * 86400 })),
    }),
  );
  readers.use(
    conversations({ storage: { type: "key", adapter: store.adapter("conv", { ttlSeconds: 86400 }) } }),
  );
  bot.use(async (ctx) => {
    const calls = ctx.from === undefined ? [] : recorder.callsOf(ctx.from.id);
    // A button's answer and edit go out together, as khabar sends them.
    await Promise.all(calls.map((call) => ctx.api.raw[call.method as "sendMessage"](call.payload as never)));
  });
  // De-duplication as production does it: the inbox door in front of handleUpdate.
  return createDurable({ inbox: store.inbox, logger: silent, handle: (update) => bot.handleUpdate(update) });
}
