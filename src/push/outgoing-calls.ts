import type { Transformer } from "grammy";

/**
 * The one scheduler every outgoing Bot API call of the bot goes through, as grammY API transformers
 * (`api.config.use(calls.readerLane())`). It keeps the bot inside Telegram's sending limits:
 *
 * - at most `maxInFlight` calls waiting for Telegram at once (tens, not a hundred: every call in flight at a
 *   crash may be delivered twice, as the Bot API has no idempotency key), of which pushes take at most
 *   `maxPushInFlight`, so a reader's answer never waits behind more than one push send;
 * - readers' answers always first: a free slot goes to a waiting reader call before any push;
 * - pushes spend one budget of `pushRate` messages a second, at most one message a second to any chat and
 *   `groupPerMinute` a minute to any group (answers to readers count towards a chat's recent messages, so a
 *   push never lands on the heels of an answer, but answers themselves are never held by these limits);
 * - a 429 anywhere pauses every sender, readers and pushes, for its `retry_after` (Telegram treats calls that
 *   ignore a 429 as flooding). A reader's call arriving during a pause waits for it when it ends within
 *   `readerPauseLimitMs`, and otherwise gets the 429 at once without reaching Telegram, as the retry
 *   policy gives up on longer waits anyway;
 * - at most `maxInFlight` updates with a reply accepted and no done mark yet (`beginUpdate`, `updateLane`),
 *   so a crash repeats at most that many readers' replies.
 *
 * Hand-made rather than Bottleneck (2.19.5, last released 2019) or @grammyjs/transformer-throttler (whose
 * docs advise against it): neither has one pause shared by every call on a 429, nor lanes where pushes
 * yield to readers, and both throttle readers' answers by chat, which delays an answer for nothing.
 */
export interface OutgoingCallsOptions {
  /** Calls waiting for Telegram at once, all lanes (default 10). */
  maxInFlight?: number;
  /**
   * Of those, push calls. Default: enough for `pushRate` at ~0.1 s of latency (25/s × 0.1 s ≈ 3, so 4),
   * at most `maxInFlight` − 2, so readers always find a slot.
   */
  maxPushInFlight?: number;
  /** Push messages a second, for the whole bot (default 25). */
  pushRate?: number;
  /** Least time between two messages to one chat, for pushes (default 1000 ms). */
  perChatMs?: number;
  /** Push messages a minute to one group (default 20). */
  groupPerMinute?: number;
  /** A reader's call waits out a pause this short; a longer one answers 429 at once (default 2000 ms). */
  readerPauseLimitMs?: number;
  /** Tells other instances of a 429 (Redis); called with the pause's end in epoch ms. */
  onPause?: (until: number) => void;
  now?: () => number;
}

/** A queued push call refused because the scheduler is stopping: it never reached Telegram. */
export class OutgoingStopped extends Error {
  constructor() {
    super("the outgoing-call scheduler is stopping: the call was not sent");
    this.name = "OutgoingStopped";
  }
}

/** Methods that post or change a message: these spend the sending budget. */
const MESSAGE_METHODS =
  /^(send(?!ChatAction)[A-Z]\w*|copyMessages?|forwardMessages?|editMessage\w*|stopPoll)$/;

/**
 * One update's hold on the replies budget, from its first message call to its done mark (see
 * {@link OutgoingCalls.beginUpdate}): `held` once granted, `waiting` while queued for one.
 */
interface UpdateHold {
  state: "none" | "waiting" | "held";
  /** Resolves once the hold is granted (or the update has ended). */
  granted: Promise<void>;
  grant: () => void;
  /** The update's message calls under way. */
  busy: number;
  /** Whether Telegram took a message from it since the hold was granted. */
  accepted: boolean;
  /** Lets a hold go when the update stays undone this long after its last accepted reply. */
  timer: ReturnType<typeof setTimeout> | undefined;
}

/** The longest an update keeps its hold after its last accepted reply without being marked done. */
const HOLD_AT_MOST_MS = 1000;

interface Waiter {
  chatId: number | undefined;
  counts: boolean;
  start: () => void;
  fail: (error: Error) => void;
}

/** The scheduler; see {@link OutgoingCallsOptions}. */
export class OutgoingCalls {
  readonly maxInFlight: number;
  readonly maxPushInFlight: number;
  readonly pushRate: number;
  private readonly perChatMs: number;
  private readonly groupPerMinute: number;
  private readonly readerPauseLimitMs: number;
  private readonly now: () => number;
  private readonly onPause: ((until: number) => void) | undefined;
  private inFlightAll = 0;
  private inFlightPush = 0;
  private readonly readers: Waiter[] = [];
  private readonly pushes: Waiter[] = [];
  private pausedUntilMs = 0;
  private nextPushAt = 0;
  private readonly lastToChat = new Map<number, number>();
  private readonly groupSends = new Map<number, number[]>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timerAt = 0;
  private stopping = false;
  private idleWaiters: Array<() => void> = [];
  private readonly holds = new Map<number, UpdateHold>();
  private holdsOut = 0;
  private readonly holdQueue: UpdateHold[] = [];
  /** 429 answers seen, for the operator's figures and tests. */
  floodAnswers = 0;

  constructor(options: OutgoingCallsOptions = {}) {
    this.maxInFlight = options.maxInFlight ?? 10;
    this.pushRate = options.pushRate ?? 25;
    const forRate = Math.max(4, Math.ceil(this.pushRate / 10));
    this.maxPushInFlight = Math.max(1, Math.min(options.maxPushInFlight ?? forRate, this.maxInFlight - 2));
    this.perChatMs = options.perChatMs ?? 1000;
    this.groupPerMinute = options.groupPerMinute ?? 20;
    this.readerPauseLimitMs = options.readerPauseLimitMs ?? 2000;
    this.now = options.now ?? Date.now;
    this.onPause = options.onPause;
  }

  /** Calls waiting for Telegram now. */
  get inFlight(): number {
    return this.inFlightAll;
  }

  /** Push calls waiting for Telegram now. */
  get pushesInFlight(): number {
    return this.inFlightPush;
  }

  /** Epoch ms until which every sender is paused (0 or past: not paused). */
  get pausedUntil(): number {
    return this.pausedUntilMs;
  }

  /** Pauses every sender until `until` (epoch ms): a 429 here, or one another instance reported. */
  pauseUntil(until: number): void {
    if (until <= this.pausedUntilMs) return;
    this.pausedUntilMs = until;
    this.wake();
  }

  /**
   * Starts tracking the replies of update `updateId`, which the durable inbox door is about to handle; its
   * calls go through {@link updateLane}. Until {@link endUpdate} (its done mark committed), an update that
   * had a message accepted holds one of `maxInFlight` holds, and an update's first message call waits for
   * one: so the replies Telegram took for updates not yet marked done never outnumber `maxInFlight`, and
   * a crash repeats at most that many (the Bot API has no idempotency key). An update keeps its hold for
   * all of its calls, and lets it go {@link HOLD_AT_MOST_MS} after its last accepted reply if it is still
   * not done (a slow step after a reply must not stop everyone else's).
   */
  beginUpdate(updateId: number): void {
    if (this.holds.has(updateId)) return;
    this.holds.set(updateId, {
      state: "none",
      granted: Promise.resolve(),
      grant: () => undefined,
      busy: 0,
      accepted: false,
      timer: undefined,
    });
  }

  /** The update `updateId` is marked done (or handed back to the inbox): its hold goes to the next. */
  endUpdate(updateId: number): void {
    const hold = this.holds.get(updateId);
    if (hold === undefined) return;
    this.holds.delete(updateId);
    this.letGo(hold);
  }

  /**
   * The transformer for one update's API (`ctx.api.config.use(calls.updateLane(id))`, outermost, so that
   * retries stay inside one hold): message calls of an update begun with {@link beginUpdate} take its hold.
   * Every other call, and every call of an update not begun (tests, the preview), passes straight through.
   */
  updateLane(updateId: number): Transformer {
    return async (prev, method, payload, signal) => {
      const hold = this.holds.get(updateId);
      if (hold === undefined || !MESSAGE_METHODS.test(method)) return prev(method, payload, signal);
      if (hold.timer !== undefined) clearTimeout(hold.timer);
      hold.timer = undefined;
      if (hold.state === "none") this.ask(hold);
      hold.busy++;
      let accepted = false;
      try {
        await hold.granted;
        const result = await prev(method, payload, signal);
        accepted = result.ok;
        return result;
      } finally {
        hold.busy--;
        if (accepted) hold.accepted = true;
        if (hold.busy === 0 && this.holds.get(updateId) === hold) {
          if (!hold.accepted) this.letGo(hold);
          else {
            hold.timer = setTimeout(() => this.letGo(hold), HOLD_AT_MOST_MS);
            hold.timer.unref();
          }
        }
      }
    };
  }

  /** Grants `hold` one of the holds now, or queues it for the next let go. */
  private ask(hold: UpdateHold): void {
    if (this.holdsOut < this.maxInFlight) {
      this.holdsOut++;
      hold.state = "held";
      hold.granted = Promise.resolve();
      return;
    }
    hold.state = "waiting";
    hold.granted = new Promise<void>((resolve) => {
      hold.grant = resolve;
    });
    this.holdQueue.push(hold);
  }

  /** Ends `hold` (granted or queued) and grants the next queued one. */
  private letGo(hold: UpdateHold): void {
    if (hold.timer !== undefined) clearTimeout(hold.timer);
    hold.timer = undefined;
    hold.accepted = false;
    const was = hold.state;
    hold.state = "none";
    if (was === "waiting") {
      const at = this.holdQueue.indexOf(hold);
      if (at >= 0) this.holdQueue.splice(at, 1);
      hold.grant();
      return;
    }
    if (was !== "held") return;
    const next = this.holdQueue.shift();
    if (next === undefined) {
      this.holdsOut--;
      return;
    }
    next.state = "held";
    next.grant();
  }

  /** The transformer for the bot's own API: readers' answers and everything else that is not a push. */
  readerLane(): Transformer {
    return this.lane(false);
  }

  /** The transformer for the push engine's API. */
  pushLane(): Transformer {
    return this.lane(true);
  }

  /**
   * Starts no more pushes (queued ones fail with {@link OutgoingStopped}, never sent) and waits up to
   * `timeoutMs` for every call in flight to get its answer; resolves whether it did.
   */
  stop(timeoutMs: number): Promise<boolean> {
    this.stopping = true;
    for (const waiter of this.pushes.splice(0)) waiter.fail(new OutgoingStopped());
    if (this.inFlightAll === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  private lane(push: boolean): Transformer {
    return async (prev, method, payload, signal) => {
      // The long poll sends nothing, would hold a slot for 30 s, and its 429 is about polling alone.
      if (method === "getUpdates") return prev(method, payload, signal);
      const chatId = chatOf(payload);
      const counts = MESSAGE_METHODS.test(method);
      if (!push) {
        const wait = this.pausedUntilMs - this.now();
        if (wait > this.readerPauseLimitMs) return tooManyRequests(wait);
      }
      await this.acquire(push, chatId, counts);
      try {
        const result = await prev(method, payload, signal);
        if (!result.ok && result.error_code === 429) {
          this.floodAnswers++;
          const seconds = result.parameters?.retry_after ?? 1;
          const until = this.now() + seconds * 1000;
          this.pauseUntil(until);
          this.onPause?.(until);
        }
        return result;
      } finally {
        this.release(push);
      }
    };
  }

  private acquire(push: boolean, chatId: number | undefined, counts: boolean): Promise<void> {
    if (push && this.stopping) return Promise.reject(new OutgoingStopped());
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        chatId,
        counts,
        start: () => {
          this.inFlightAll++;
          if (push) this.inFlightPush++;
          if (counts && chatId !== undefined) this.noteSend(chatId);
          resolve();
        },
        fail: reject,
      };
      (push ? this.pushes : this.readers).push(waiter);
      this.wake();
    });
  }

  private release(push: boolean): void {
    this.inFlightAll--;
    if (push) this.inFlightPush--;
    if (this.inFlightAll === 0 && this.idleWaiters.length > 0) {
      for (const done of this.idleWaiters.splice(0)) done();
    }
    this.wake();
  }

  private noteSend(chatId: number): void {
    const t = this.now();
    this.lastToChat.set(chatId, t);
    if (chatId < 0) {
      const times = this.groupSends.get(chatId) ?? [];
      times.push(t);
      while (times.length > 0 && (times[0] ?? 0) <= t - 60_000) times.shift();
      this.groupSends.set(chatId, times);
    }
    // Forget chats idle for a minute, so a broadcast to a million chats leaves nothing behind.
    if (this.lastToChat.size > 50_000) {
      for (const [id, at] of this.lastToChat) if (at <= t - 60_000) this.lastToChat.delete(id);
      for (const [id, times] of this.groupSends) {
        if ((times[times.length - 1] ?? 0) <= t - 60_000) this.groupSends.delete(id);
      }
    }
  }

  /** When a push to `chatId` may go, by the chat's own limits (epoch ms). */
  private chatReadyAt(chatId: number | undefined): number {
    if (chatId === undefined) return 0;
    let ready = (this.lastToChat.get(chatId) ?? Number.NEGATIVE_INFINITY) + this.perChatMs;
    if (chatId < 0) {
      const times = this.groupSends.get(chatId);
      if (times !== undefined && times.length >= this.groupPerMinute) {
        ready = Math.max(ready, (times[times.length - this.groupPerMinute] ?? 0) + 60_000);
      }
    }
    return ready;
  }

  /** Starts whatever may start now, readers first; sets a timer for the earliest that may start later. */
  private wake(): void {
    const t = this.now();
    if (t < this.pausedUntilMs) {
      this.schedule(this.pausedUntilMs);
      return;
    }
    while (this.readers.length > 0 && this.inFlightAll < this.maxInFlight) {
      this.readers.shift()?.start();
    }
    let earliest = Number.POSITIVE_INFINITY;
    while (
      this.pushes.length > 0 &&
      this.inFlightAll < this.maxInFlight &&
      this.inFlightPush < this.maxPushInFlight
    ) {
      let picked = -1;
      for (let i = 0; i < this.pushes.length; i++) {
        const waiter = this.pushes[i] as Waiter;
        const ready = waiter.counts ? Math.max(this.nextPushAt, this.chatReadyAt(waiter.chatId)) : 0;
        if (ready <= t) {
          picked = i;
          break;
        }
        earliest = Math.min(earliest, ready);
      }
      if (picked < 0) break;
      const [waiter] = this.pushes.splice(picked, 1);
      if (waiter === undefined) break;
      if (waiter.counts) {
        // The budget catches up on late timers by up to 50 ms (or one interval), never more: at 25/s that
        // is at most 2 sends back to back after a quiet spell, 27 in any second.
        const interval = 1000 / this.pushRate;
        this.nextPushAt = Math.max(this.nextPushAt, t - Math.max(interval, 50)) + interval;
      }
      waiter.start();
    }
    if (this.pushes.length > 0 && Number.isFinite(earliest)) this.schedule(earliest);
  }

  private schedule(at: number): void {
    if (this.timer !== undefined && this.timerAt <= at) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.wake();
      },
      Math.max(0, at - this.now()),
    );
  }
}

/** The numeric chat a call goes to, if any (`@channel` usernames are not throttled per chat). */
function chatOf(payload: unknown): number | undefined {
  if (typeof payload !== "object" || payload === null) return undefined;
  const id = (payload as { chat_id?: unknown }).chat_id;
  if (typeof id === "number") return id;
  if (typeof id === "string" && /^-?\d+$/.test(id)) return Number(id);
  return undefined;
}

/** The answer Telegram would give during the pause, for a reader's call that will not wait for it. */
function tooManyRequests(waitMs: number) {
  const retryAfter = Math.ceil(waitMs / 1000);
  return {
    ok: false as const,
    error_code: 429,
    description: `Too Many Requests: retry after ${retryAfter}`,
    parameters: { retry_after: retryAfter },
  };
}
