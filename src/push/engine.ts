import { randomUUID } from "node:crypto";
import type { Api } from "grammy";
import type { InlineKeyboardMarkup, MessageEntity } from "grammy/types";
import type { Logger } from "pino";
import type { FollowStore, PushPrefs } from "./follow-store.js";
import type { Delivery, PlannedDelivery, Progress, PushLedger } from "./ledger.js";
import { planWindow } from "./planner.js";
import type { PushEvent } from "./push-event.js";
import { classifySendError } from "./send-outcome.js";
import { type PushStatusLine, statusLine } from "./status.js";
import { inQuietHours, localTime } from "./zones.js";

/** One push message as the renderer makes it. */
export interface PushMessage {
  text: string;
  entities?: MessageEntity[];
  reply_markup?: InlineKeyboardMarkup;
}

/**
 * Renders an event for one chat as the catalog stands now (also for edits of earlier pushes: a story
 * corrected or withdrawn since renders with its mark). `undefined`: nothing to send (story unknown).
 */
export type RenderPush = (event: PushEvent, prefs: PushPrefs) => PushMessage | undefined;

/** Renders one digest message of several new stories for one chat. */
export type RenderDigest = (events: readonly PushEvent[], prefs: PushPrefs) => PushMessage | undefined;

/** Options of {@link PushEngine}. */
export interface PushEngineOptions {
  /** The API pushes go out through: its own instance, with the scheduler's push lane and no auto-retry. */
  api: Api;
  follows: FollowStore;
  ledger: PushLedger;
  render: RenderPush;
  renderDigest: RenderDigest;
  logger: Logger;
  /** PUSH_RATE, for the expected duration and the ETA in the operator's lines. */
  pushRate: number;
  /** CHANNEL_ID: also posts each new story and correction there. */
  channel?: { chatId: number; lang: "ar" | "en" };
  /** PUSH_PAID=1: `allow_paid_broadcast` on every push send. */
  paid?: boolean;
  /** Deliveries waiting at most (planning pauses above it; default 2,000). */
  maxWaiting?: number;
  /** Followers read per planning window (default 500). */
  pageSize?: number;
  /** Push sends this engine keeps in flight (default 4; the scheduler bounds them too). */
  concurrency?: number;
  /** Operator's progress line period (default 10 s). */
  progressEveryMs?: number;
  /** How often held digests are checked (default 60 s). */
  digestEveryMs?: number;
  /**
   * This process is the only one on the ledger (a polling bot holds its SQLite file exclusively): it sends
   * without waiting for a lease a crashed run of itself may still hold.
   */
  alone?: boolean;
  /** How long the sender's lease holds without renewal (renewed every third of it; default 30 s). */
  leaseMs?: number;
  /** Called with the figures on every progress line (the status file of `npm run push:status`). */
  onProgress?: (lines: PushStatusLine[]) => void;
  now?: () => number;
}

/** How old the prefs of the next deliveries may be when one starts (see `bufferPrefs`). */
const PREFS_FRESH_MS = 1000;

interface Running {
  event: PushEvent;
  phase: number;
  cursor: number | undefined;
  planned: boolean;
  audience: number;
  counts: Progress;
}

/**
 * Delivers each {@link PushEvent} once, ever, to the chats that follow it, within Telegram's limits (the
 * scheduler on `api`), from a durable ledger: planned window by window from a saved cursor with at most
 * `maxWaiting` deliveries waiting, each delivery recorded with its result; a restart resumes where it was.
 * One process sends at a time (a lease in the ledger), so several processes on one store push once.
 */
export class PushEngine {
  private readonly o: Required<Omit<PushEngineOptions, "channel" | "onProgress">> &
    Pick<PushEngineOptions, "channel" | "onProgress">;
  private readonly owner = randomUUID();
  private readonly running = new Map<string, Running>();
  private readonly inFlight = new Set<number>();
  private readonly sends = new Set<Promise<void>>();
  private waitingTotal = 0;
  private buffer: Delivery[] = [];
  private scanAfter = 0;
  private stopped = false;
  private leader = false;
  private wakeUp: (() => void) | undefined;
  private woken = false;
  private loop: Promise<void> | undefined;
  private timers: Array<ReturnType<typeof setInterval>> = [];
  private pending: PushEvent[] = [];
  private backoffUntil = 0;
  private nextDigestAt = 0;
  private leaseRenewAt = 0;
  /** The events given at start, until the first takeOn: the baseline when this version never ran here. */
  private startEvents: PushEvent[] | undefined;
  /** Whether the lease was tried at least once (until then nothing is known to be idle). */
  private leaseTried = false;
  /**
   * The prefs of the buffer's chats, read in one go (a chat absent follows nothing any more) with the
   * buffer and again whenever they are older than {@link PREFS_FRESH_MS}: one read per hundred pushes at
   * high rates, and a chat that stops following is never sent a delivery that starts a second later.
   */
  private bufferPrefs = new Map<number, PushPrefs>();
  private bufferPrefsAt = 0;
  /**
   * Deliveries answered, or redirected to a group's new id, since the buffer was read: never taken from the
   * buffer again (a copy read while the redirect was under way still names the old chat; the next read of
   * the ledger has the new one).
   */
  private readonly answered = new Set<number>();
  /** Events by id, as recorded (they never change). */
  private readonly events = new Map<string, PushEvent | undefined>();
  private idleWaiters: Array<() => void> = [];

  constructor(options: PushEngineOptions) {
    this.o = {
      paid: false,
      alone: false,
      leaseMs: 30_000,
      maxWaiting: 2000,
      pageSize: 500,
      concurrency: 4,
      progressEveryMs: 10_000,
      digestEveryMs: 60_000,
      now: Date.now,
      ...options,
    };
  }

  /**
   * Starts: the first start of this version records every event given as seen (nothing is pushed); later
   * starts take on the events never recorded, and resume unfinished pushes.
   */
  start(events: readonly PushEvent[]): void {
    this.pending = [...events];
    this.startEvents = [...events];
    this.timers.push(setInterval(() => this.logProgress(), this.o.progressEveryMs));
    this.timers.push(setInterval(() => this.wake(), this.o.digestEveryMs));
    // The digest check runs at most once per period (its timer wakes the loop), not once per send.
    for (const timer of this.timers) timer.unref();
    this.loop = this.run();
  }

  /**
   * Takes on the catalog's events (after a swap; every event of the catalog, each time): those never
   * recorded are pushed. A process that is not sending keeps the latest list for when it takes over.
   */
  offer(events: readonly PushEvent[]): void {
    if (this.stopped) return;
    this.pending = [...events];
    this.wake();
  }

  /** Resolves once nothing is waiting nor being planned (tests, benches). */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Figures of the pushes under way. */
  status(): PushStatusLine[] {
    return [...this.running.values()].map((r) => this.line(r));
  }

  /**
   * Stops sending: starts no more deliveries and waits (up to `timeoutMs`) for those in flight to get their
   * answers recorded; what was not sent stays waiting for the next start. Gives the lease up.
   */
  async stop(timeoutMs: number): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    this.wake();
    const all = Promise.allSettled([this.loop, ...this.sends]);
    await Promise.race([all, new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
    await this.o.ledger.flush();
    if (this.leader) await this.o.ledger.release(this.owner);
  }

  private isIdle(): boolean {
    if (!this.leaseTried) return false;
    if (!this.leader) return this.inFlight.size === 0;
    return this.pending.length === 0 && this.running.size === 0 && this.inFlight.size === 0;
  }

  private wake(): void {
    const resolve = this.wakeUp;
    this.wakeUp = undefined;
    if (resolve === undefined) this.woken = true;
    resolve?.();
  }

  /** Sleeps `ms`, or less when woken (a wake that came while awake ends the next sleep at once). */
  private sleep(ms: number): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wakeUp = undefined;
        resolve();
      }, ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private async renewLease(): Promise<boolean> {
    const now = this.o.now();
    this.leaseRenewAt = now + this.o.leaseMs / 3;
    const held = this.o.alone || (await this.o.ledger.lease(this.owner, now, now + this.o.leaseMs));
    this.leaseTried = true;
    if (held && !this.leader) await this.resume();
    if (!held && this.leader) this.o.logger.warn("push: another process took over sending");
    this.leader = held;
    return held;
  }

  /** Loads the unfinished pushes (a restart, or taking over from a dead process). */
  private async resume(): Promise<void> {
    for (const open of await this.o.ledger.open()) {
      this.running.set(open.event.id, {
        event: open.event,
        phase: open.phase,
        cursor: open.cursor,
        planned: open.planned,
        audience: open.audience,
        counts: await this.o.ledger.progress(open.event.id),
      });
      this.o.logger.info({ event: open.event.id, audience: open.audience }, "push: resuming");
    }
    this.waitingTotal = await this.o.ledger.waitingCount();
    this.buffer = [];
    this.scanAfter = 0;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        const renew = !this.leader || this.o.now() >= this.leaseRenewAt;
        if (renew && !(await this.renewLease())) {
          if (this.isIdle()) for (const done of this.idleWaiters.splice(0)) done();
          await this.sleep(this.o.leaseMs / 3);
          continue;
        }
        // Each step is skipped without a promise when it has nothing to do: the loop turns once per send.
        if (this.pending.length > 0 || this.startEvents !== undefined) await this.takeOn();
        if (this.waitingTotal < this.o.maxWaiting && this.hasUnplanned()) await this.planSome();
        if (this.hasFinished()) await this.finishDone();
        if (this.o.now() >= this.nextDigestAt) await this.digests();
        const started = await this.fill();
        if (this.isIdle()) for (const done of this.idleWaiters.splice(0)) done();
        if (!started) {
          const wait = this.backoffUntil - this.o.now();
          // Never past the next lease renewal: a lease that lapsed would let a second sender start.
          const nap = this.inFlight.size > 0 ? 1000 : Math.max(wait, this.running.size > 0 ? 250 : 5000);
          await this.sleep(Math.min(nap, this.o.leaseMs / 3));
        }
      } catch (error) {
        this.o.logger.error({ err: error }, "push: engine step failed; retrying in 5 s");
        await this.sleep(5000);
      }
    }
  }

  /** Records new events (insert-if-absent: once, ever, whatever the process). */
  private async takeOn(): Promise<void> {
    const startEvents = this.startEvents;
    if (startEvents !== undefined) {
      // The first start of this version records what is there as seen, without pushing it.
      this.startEvents = undefined;
      if (!(await this.o.ledger.initialised())) {
        await this.o.ledger.baseline(startEvents, this.o.now());
        this.o.logger.info(
          { events: startEvents.length },
          "push: first start, present stories recorded as seen",
        );
      }
    }
    while (this.pending.length > 0) {
      const event = this.pending.shift() as PushEvent;
      if (this.running.has(event.id) || (await this.o.ledger.event(event.id)) !== undefined) continue;
      let audience = 0;
      for (const topic of event.audience) audience += await this.o.follows.count(topic);
      const first: PlannedDelivery[] =
        this.o.channel !== undefined && event.kind !== "withdrawal"
          ? [{ chatId: this.o.channel.chatId, kind: "send" }]
          : [];
      if (!(await this.o.ledger.record(event, this.o.now(), audience, first))) continue;
      this.waitingTotal += first.length;
      const counts = emptyProgress();
      counts.waiting = first.length;
      this.running.set(event.id, { event, phase: 0, cursor: undefined, planned: false, audience, counts });
      this.o.logger.info(
        { event: event.id, audience, expected_s: Math.ceil(audience / this.o.pushRate) },
        "push: started",
      );
    }
  }

  /** Plans windows of followers while fewer than `maxWaiting` deliveries wait. */
  private async planSome(): Promise<void> {
    for (const r of this.running.values()) {
      while (!r.planned && this.waitingTotal < this.o.maxWaiting && !this.stopped) await this.planWindow(r);
    }
  }

  private async planWindow(r: Running): Promise<void> {
    const added = await planWindow(r, this.o.follows, this.o.ledger, this.o.pageSize);
    r.counts.held += added.held;
    r.counts.waiting += added.waiting;
    this.waitingTotal += added.waiting;
  }

  private hasUnplanned(): boolean {
    for (const r of this.running.values()) if (!r.planned) return true;
    return false;
  }

  private hasFinished(): boolean {
    for (const r of this.running.values()) if (r.planned && r.counts.waiting <= 0) return true;
    return false;
  }

  private async finishDone(): Promise<void> {
    for (const r of [...this.running.values()]) {
      if (!r.planned || r.counts.waiting > 0) continue;
      await this.o.ledger.finish(r.event.id, this.o.now());
      this.running.delete(r.event.id);
      this.o.logger.info(this.line(r), "push: finished");
    }
  }

  /** Starts deliveries up to `concurrency`; false when none could start. */
  private async fill(): Promise<boolean> {
    if (this.o.now() < this.backoffUntil) return false;
    let started = false;
    while (this.inFlight.size < this.o.concurrency && !this.stopped) {
      const next = await this.nextDelivery();
      if (next === undefined) break;
      if (this.o.now() - this.bufferPrefsAt > PREFS_FRESH_MS) await this.readPrefs([next, ...this.buffer]);
      started = true;
      this.inFlight.add(next.id);
      const send = this.deliver(next, this.bufferPrefs.get(next.chatId))
        .catch((error: unknown) => this.o.logger.error({ err: error }, "push: delivery failed to record"))
        .finally(() => {
          this.inFlight.delete(next.id);
          this.sends.delete(send);
          this.wake();
        });
      this.sends.add(send);
    }
    return started;
  }

  private async nextDelivery(): Promise<Delivery | undefined> {
    for (let pass = 0; pass < 2; pass++) {
      while (this.buffer.length > 0) {
        const d = this.buffer.shift() as Delivery;
        if (!this.inFlight.has(d.id) && !this.answered.has(d.id)) return d;
      }
      this.answered.clear();
      this.buffer = await this.o.ledger.waiting(100, this.scanAfter);
      const last = this.buffer[this.buffer.length - 1];
      if (last !== undefined) {
        this.scanAfter = last.id;
      } else {
        // From the start again: deliveries left waiting by a 429 or a failed connection.
        this.scanAfter = 0;
        if (pass === 0) this.buffer = await this.o.ledger.waiting(100, 0);
        const again = this.buffer[this.buffer.length - 1];
        if (again !== undefined) this.scanAfter = again.id;
      }
      await this.readPrefs(this.buffer);
    }
    return undefined;
  }

  /** Reads the prefs of the deliveries' chats into {@link bufferPrefs}. */
  private async readPrefs(deliveries: readonly Delivery[]): Promise<void> {
    const channel = this.o.channel?.chatId;
    const chats = new Set<number>();
    for (const d of deliveries) if (d.chatId !== channel) chats.add(d.chatId);
    this.bufferPrefsAt = this.o.now();
    this.bufferPrefs = chats.size === 0 ? new Map() : await this.o.follows.prefsOfMany([...chats]);
  }

  private async eventOf(id: string): Promise<PushEvent | undefined> {
    if (!this.events.has(id)) this.events.set(id, await this.o.ledger.event(id));
    return this.events.get(id);
  }

  private counts(eventId: string): Progress {
    return this.running.get(eventId)?.counts ?? emptyProgress();
  }

  /** Sends (or edits) one delivery and records its answer; `chatPrefs`: the chat's, read with the buffer. */
  private async deliver(d: Delivery, chatPrefs: PushPrefs | undefined): Promise<void> {
    const { ledger } = this.o;
    const eventId = d.kind === "edit" ? (d.sourceEventId ?? d.eventId) : d.eventId;
    const event = await this.eventOf(eventId);
    const channel = this.o.channel !== undefined && d.chatId === this.o.channel.chatId;
    let prefs: PushPrefs | undefined = channel
      ? { lang: this.o.channel?.lang ?? "ar", mode: "instant" }
      : chatPrefs;
    if (d.kind === "edit")
      prefs = { ...(prefs ?? { mode: "instant" }), lang: (d.lang ?? prefs?.lang ?? "ar") as "ar" | "en" };
    const done = async (settlement: Parameters<PushLedger["settle"]>[1]): Promise<void> => {
      await ledger.settle(d.id, settlement);
      this.answered.add(d.id);
      const counts = this.counts(d.eventId);
      counts.waiting--;
      this.waitingTotal--;
      counts[settlement.status]++;
      if (settlement.silent === true) counts.silent++;
    };
    if (prefs === undefined) return done({ status: "skipped", reason: "no longer follows" });
    const message = event === undefined ? undefined : this.o.render(event, prefs);
    if (message === undefined) return done({ status: "skipped", reason: "nothing to render" });
    const silent = d.kind === "send" && !channel && inQuietHours(prefs, new Date(this.o.now()));
    try {
      if (d.kind === "edit") {
        await this.edit(d, message);
        return await done({ status: "sent", messageId: d.messageRef, lang: prefs.lang });
      }
      const sent = await this.o.api.sendMessage(d.chatId, message.text, {
        ...(message.entities === undefined ? {} : { entities: message.entities }),
        ...(message.reply_markup === undefined ? {} : { reply_markup: message.reply_markup }),
        ...(silent ? { disable_notification: true } : {}),
        ...(this.o.paid ? { allow_paid_broadcast: true } : {}),
      });
      await done({ status: "sent", messageId: sent.message_id, silent, lang: prefs.lang });
    } catch (error) {
      await this.failed(d, error, done);
    }
  }

  private async edit(d: Delivery, message: PushMessage): Promise<void> {
    try {
      await this.o.api.editMessageText(d.chatId, d.messageRef, message.text, {
        ...(message.entities === undefined ? {} : { entities: message.entities }),
        ...(message.reply_markup === undefined ? {} : { reply_markup: message.reply_markup }),
      });
    } catch (error) {
      // Already as it should be: nothing to change is success.
      if (error instanceof Error && /message is not modified/.test(error.message)) return;
      throw error;
    }
  }

  private async failed(
    d: Delivery,
    error: unknown,
    done: (settlement: Parameters<PushLedger["settle"]>[1]) => Promise<void>,
  ): Promise<void> {
    const outcome = classifySendError(error);
    switch (outcome.action) {
      case "retry":
        // Left waiting: the scheduler's pause (429) or a short back-off (no connection) comes first.
        if (outcome.reason !== "429") this.backoffUntil = this.o.now() + 1000;
        return;
      case "migrate":
        await this.o.follows.moveChat(d.chatId, outcome.to);
        this.o.logger.info({ event: d.eventId }, "push: a group moved to a supergroup; following moved");
        if (!(await this.o.ledger.redirect(d.id, outcome.to))) {
          await done({ status: "skipped", reason: "moved" });
          return;
        }
        this.answered.add(d.id);
        return;
      case "stop":
        if (d.kind !== "edit") await this.o.follows.forget(d.chatId);
        return done({ status: "stopped", reason: outcome.reason });
      case "fail":
        return done({ status: "failed", reason: outcome.reason });
    }
  }

  /** Sends each chat's held stories as one message at its digest hour, once a day. */
  private async digests(): Promise<void> {
    const { ledger } = this.o;
    const now = this.o.now();
    if (now < this.nextDigestAt) return;
    this.nextDigestAt = now + this.o.digestEveryMs;
    let cursor: number | undefined;
    for (;;) {
      const chats = await ledger.heldChats(cursor, 500);
      for (const chatId of chats) {
        if (this.stopped) return;
        const prefs = await this.o.follows.prefsOf(chatId);
        const held = await ledger.heldOf(chatId);
        if (prefs === undefined) {
          for (const d of held) await ledger.settle(d.id, { status: "skipped", reason: "no longer follows" });
          continue;
        }
        const clock = localTime(prefs.timeZone, new Date(now));
        const due = prefs.mode !== "digest" || clock.hour === (prefs.digestHour ?? 8);
        if (!due || (await ledger.meta(`digest:${chatId}`)) === clock.date) continue;
        await this.sendDigest(chatId, prefs, held, clock.date);
      }
      if (chats.length < 500) return;
      cursor = chats[chats.length - 1];
    }
  }

  private async sendDigest(chatId: number, prefs: PushPrefs, held: Delivery[], date: string): Promise<void> {
    const { ledger } = this.o;
    const events: PushEvent[] = [];
    for (const d of held) {
      const event = await this.eventOf(d.eventId);
      if (event !== undefined) events.push(event);
    }
    const message = this.o.renderDigest(events, prefs);
    const settleAll = async (s: Parameters<PushLedger["settle"]>[1]): Promise<void> => {
      for (const d of held) await ledger.settle(d.id, s);
      for (const d of held) {
        const counts = this.running.get(d.eventId)?.counts;
        if (counts !== undefined) {
          counts.held--;
          counts[s.status]++;
        }
      }
    };
    if (message === undefined) return settleAll({ status: "skipped", reason: "nothing to render" });
    try {
      const sent = await this.o.api.sendMessage(chatId, message.text, {
        ...(message.entities === undefined ? {} : { entities: message.entities }),
        ...(message.reply_markup === undefined ? {} : { reply_markup: message.reply_markup }),
        ...(inQuietHours(prefs, new Date(this.o.now())) ? { disable_notification: true } : {}),
      });
      await ledger.setMeta(`digest:${chatId}`, date);
      await settleAll({ status: "sent", messageId: sent.message_id, lang: prefs.lang });
    } catch (error) {
      const outcome = classifySendError(error);
      if (outcome.action === "retry") return;
      if (outcome.action === "migrate") {
        await this.o.follows.moveChat(chatId, outcome.to);
        return;
      }
      if (outcome.action === "stop") await this.o.follows.forget(chatId);
      await ledger.setMeta(`digest:${chatId}`, date);
      await settleAll({ status: outcome.action === "stop" ? "stopped" : "failed", reason: outcome.reason });
    }
  }

  private line(r: Running): PushStatusLine {
    return statusLine(r, r.counts, this.o.pushRate);
  }

  private logProgress(): void {
    const lines = this.status();
    for (const line of lines) this.o.logger.info(line, "push: progress");
    this.o.onProgress?.(lines);
  }
}

function emptyProgress(): Progress {
  return { waiting: 0, held: 0, sent: 0, silent: 0, failed: 0, stopped: 0, skipped: 0 };
}
