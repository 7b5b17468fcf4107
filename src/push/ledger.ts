import type { PushEvent } from "./push-event.js";

/** What one delivery is: a new message, an edit of one sent earlier, or a story held for a digest. */
export type DeliveryKind = "send" | "edit" | "digest";

/**
 * Where a delivery stands. `waiting`: planned, not yet answered by Telegram (a crash leaves it waiting, so
 * it is sent again: the documented window); `held`: kept for the chat's daily digest; `sent`: Telegram
 * accepted it (`messageId` kept for later edits); `failed`: Telegram refused it, or the answer was lost
 * after the request went out (never resent: it may have been delivered); `stopped`: the chat blocked the
 * bot or is gone, so its following ended; `skipped`: nothing to send (unfollowed meanwhile, story gone).
 */
export type DeliveryStatus = "waiting" | "held" | "sent" | "failed" | "stopped" | "skipped";

/** A delivery as the sender reads it. */
export interface Delivery {
  /** The ledger's own id: deliveries are sent in this order. */
  id: number;
  eventId: string;
  chatId: number;
  kind: DeliveryKind;
  /** An edit: the message to edit; otherwise 0. */
  messageRef: number;
  /** An edit: the event whose push is edited (rendered again as the story now stands). */
  sourceEventId: string | undefined;
  /** An edit: the language the edited message was written in. */
  lang: string | undefined;
}

/** A delivery to plan. */
export interface PlannedDelivery {
  chatId: number;
  kind: DeliveryKind;
  messageRef?: number;
  sourceEventId?: string;
  lang?: string;
}

/** An event the engine has taken on and not finished. */
export interface OpenEvent {
  event: PushEvent;
  /** How far planning got: index into the event's planning phases, and the cursor within it. */
  phase: number;
  cursor: number | undefined;
  /** Followers counted when the push started (topics may overlap: an upper bound). */
  audience: number;
  startedAt: number;
  planned: boolean;
}

/** Counts of an event's deliveries by outcome. */
export interface Progress {
  waiting: number;
  held: number;
  sent: number;
  /** Of `sent`: delivered with `disable_notification` (quiet hours). */
  silent: number;
  failed: number;
  stopped: number;
  skipped: number;
}

/** A message already delivered for a story, as the correction and withdrawal edits need it. */
export interface SentMessage {
  cursor: number;
  chatId: number;
  messageId: number;
  eventId: string;
  lang: string | undefined;
}

/** The outcome of one delivery. */
export interface Settlement {
  status: Exclude<DeliveryStatus, "waiting">;
  messageId?: number;
  silent?: boolean;
  lang?: string;
  /** Why not sent: an error code and Telegram's description, never a reader's data. */
  reason?: string;
}

/**
 * The push engine's durable record: each event once, ever; each delivery with its result. Every method
 * is atomic on its own (SQLite: a statement or a transaction; Redis: a command or a Lua script); `plan` writes a window of deliveries and the cursor after it in one transaction,
 * so a crash never skips a follower nor plans one twice.
 */
export interface PushLedger {
  /** Whether the baseline was taken (this version has started here before). */
  initialised(): Promise<boolean>;
  /** Records every event present now as seen, without pushing them, and marks the ledger initialised. */
  baseline(events: readonly PushEvent[], at: number): Promise<void>;
  /**
   * Records an event if it was never recorded (atomic insert-if-absent); true when this call recorded it.
   * `first` deliveries (the channel) are planned with it.
   */
  record(event: PushEvent, at: number, audience: number, first: readonly PlannedDelivery[]): Promise<boolean>;
  /** Events taken on and not finished, oldest first. */
  open(): Promise<OpenEvent[]>;
  /** Adds deliveries (those already planned for the same chat and message are kept) and moves the cursor. */
  plan(
    eventId: string,
    storyId: string,
    deliveries: readonly PlannedDelivery[],
    next: { phase: number; cursor: number | undefined; planned: boolean },
  ): Promise<number>;
  /** Up to `limit` waiting deliveries with an id above `after`, oldest first. */
  waiting(limit: number, after: number): Promise<Delivery[]>;
  /** Deliveries waiting in all. */
  waitingCount(): Promise<number>;
  /**
   * Records a delivery's outcome. It may be committed with the others of the same tick; every other
   * method sees it at once, and {@link PushLedger.flush} commits it now.
   */
  settle(id: number, outcome: Settlement): Promise<void>;
  /** Commits the outcomes recorded so far. */
  flush(): Promise<void>;
  /** Moves a waiting delivery to another chat (a group became a supergroup); false if one is there already. */
  redirect(id: number, chatId: number): Promise<boolean>;
  /** Marks an event finished (every delivery answered). */
  finish(eventId: string, at: number): Promise<void>;
  /** Counts of one event's deliveries. */
  progress(eventId: string): Promise<Progress>;
  /** Messages sent for a story's events other than `exceptEventId`, after `cursor`, as plain sends. */
  sentForStory(
    storyId: string,
    exceptEventId: string,
    cursor: number | undefined,
    limit: number,
  ): Promise<SentMessage[]>;
  /** Chats that were sent a story's own push (for a correction's audience), after `cursor`. */
  pushedStory(storyId: string, cursor: number | undefined, limit: number): Promise<SentMessage[]>;
  /** Chats with stories held for their digest, after `cursor`. */
  heldChats(cursor: number | undefined, limit: number): Promise<number[]>;
  /** A chat's held digest entries. */
  heldOf(chatId: number): Promise<Delivery[]>;
  /** A small value kept by key (digest days, the operator's figures). */
  meta(key: string): Promise<string | undefined>;
  setMeta(key: string, value: string): Promise<void>;
  /**
   * Takes or renews the sender's lease until `until` (epoch ms): true when `owner` holds it. One process
   * sends at a time per bot, so the push budget and the per-chat limits hold across processes.
   */
  lease(owner: string, now: number, until: number): Promise<boolean>;
  /** Gives the lease up (a clean stop), so another process takes over at once. */
  release(owner: string): Promise<void>;
  /** The event, as recorded. */
  event(eventId: string): Promise<PushEvent | undefined>;
}
