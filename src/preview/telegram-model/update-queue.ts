/**
 * The updates waiting for the bot and getUpdates long polling over them, with Telegram's rules: ids only
 * grow, an offset confirms every earlier update, a second poll ends the first with 409, updates of types
 * the bot did not allow are never created.
 */
import type { Update } from "grammy/types";
import { LIMITS } from "../../telegram-limits.js";
import { ERRORS, TelegramApiError } from "./errors.js";
import { type AbortSignalLike, abortError, toInt, toNumber } from "./values.js";

/** The update types Telegram sends only when asked for by allowed_updates. */
const OPT_IN_UPDATE_TYPES = new Set(["chat_member", "message_reaction", "message_reaction_count"]);

interface PendingPoll {
  limit: number;
  finish(result: Update[] | Error): void;
}

/** The update queue of one bot. */
export class UpdateQueue {
  /** Updates not yet confirmed by a getUpdates offset. */
  readonly pending: Update[] = [];
  /** The bot's allowed_updates, from getUpdates or setWebhook; undefined = never set. */
  allowedUpdates: string[] | undefined;
  private highestUpdateId = 0;
  private poll: PendingPoll | undefined;
  private deliveryScheduled = false;

  /** Whether a long poll is waiting. */
  get isPolling(): boolean {
    return this.poll !== undefined;
  }

  /**
   * Queues an update; an update_id that is missing or not above the last one is replaced. Returns the
   * full update and whether the bot allowed its type (a disallowed one is not queued).
   */
  push(update: Partial<Update>): { update: Update; queued: boolean } {
    const given = update.update_id;
    const id = given !== undefined && given > this.highestUpdateId ? given : this.highestUpdateId + 1;
    this.highestUpdateId = id;
    const full = { ...update, update_id: id } as Update;
    if (!this.isAllowed(full)) return { update: full, queued: false };
    this.pending.push(full);
    this.scheduleDelivery();
    return { update: full, queued: true };
  }

  /** Ends a pending long poll, with an empty result or an error. */
  endPoll(result: Update[] | Error = []): void {
    this.poll?.finish(result);
  }

  /** Drops every pending update (drop_pending_updates). */
  dropPending(): void {
    this.pending.length = 0;
  }

  /** getUpdates: confirms by offset, answers at once when updates wait, else holds the poll open. */
  getUpdates(p: Record<string, unknown>, signal: AbortSignalLike | undefined): Update[] | Promise<Update[]> {
    const offset = toInt(p.offset) ?? 0;
    const limit = Math.min(LIMITS.getUpdatesLimit, Math.max(1, toInt(p.limit) ?? LIMITS.getUpdatesLimit));
    const timeout = Math.max(0, toNumber(p.timeout) ?? 0);
    if (Array.isArray(p.allowed_updates)) {
      this.allowedUpdates = p.allowed_updates.filter((u): u is string => typeof u === "string");
    }
    // The offset confirms every earlier update; a negative offset keeps only the last -offset ones.
    if (offset > 0) {
      const keepFrom = this.pending.findIndex((u) => u.update_id >= offset);
      this.pending.splice(0, keepFrom === -1 ? this.pending.length : keepFrom);
    } else if (offset < 0) {
      this.pending.splice(0, Math.max(0, this.pending.length + offset));
    }
    // Telegram answers the older of two concurrent polls with 409; the newer one proceeds.
    this.poll?.finish(new TelegramApiError(409, ERRORS.conflictOtherPoll));

    const ready = this.pending.slice(0, limit);
    if (ready.length > 0 || timeout === 0) return structuredClone(ready);
    if (signal?.aborted) throw abortError();
    return new Promise<Update[]>((resolve, reject) => {
      const timer = setTimeout(() => poll.finish([]), timeout * 1000);
      const onAbort = (): void => poll.finish(abortError());
      const poll: PendingPoll = {
        limit,
        finish: (result: Update[] | Error) => {
          if (this.poll === poll) this.poll = undefined;
          clearTimeout(timer);
          signal?.removeEventListener("abort", onAbort);
          if (result instanceof Error) reject(result);
          else resolve(structuredClone(result));
        },
      };
      signal?.addEventListener("abort", onAbort);
      this.poll = poll;
    });
  }

  private isAllowed(update: Update): boolean {
    const type = Object.keys(update).find((k) => k !== "update_id");
    if (type === undefined) return false;
    const allowed = this.allowedUpdates;
    if (!allowed || allowed.length === 0) return !OPT_IN_UPDATE_TYPES.has(type);
    return allowed.includes(type);
  }

  private scheduleDelivery(): void {
    if (this.deliveryScheduled || !this.poll) return;
    this.deliveryScheduled = true;
    // A microtask lets updates pushed in the same tick arrive in one batch, as they would from Telegram.
    queueMicrotask(() => {
      this.deliveryScheduled = false;
      const poll = this.poll;
      if (poll && this.pending.length > 0) poll.finish(this.pending.slice(0, poll.limit));
    });
  }
}
