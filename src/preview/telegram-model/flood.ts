/**
 * Telegram's sending limits, as the model enforces them when asked (`new BotApiModel({ flood: {} })`):
 * about 30 messages a second for the whole bot, about one a second in one chat (short bursts allowed) and
 * 20 a minute in a group. Past them the call gets 429 with `retry_after`, as Telegram answers; a bot that
 * stays within them never sees one. Also the chats that refuse messages: a reader who blocked the bot
 * (403) and a group that became a supergroup (400 with `migrate_to_chat_id`).
 */
import { TelegramApiError } from "./errors.js";

/** The limits; each a count of messages within a sliding window. */
export interface FloodLimitOptions {
  /** Messages a second for the whole bot (default 30). */
  globalPerSecond?: number;
  /** Messages to one chat within `perChatWindowMs` (default 3 in 3,000 ms: one a second, bursts of 3). */
  perChat?: number;
  perChatWindowMs?: number;
  /** Messages a minute to one group (default 20). */
  groupPerMinute?: number;
}

/** Methods that send or change a message: these count. */
const COUNTED = /^(send(?!ChatAction)[A-Z]\w*|copyMessages?|forwardMessages?|editMessage\w*)$/;
const NEW_MESSAGE = /^(send(?!ChatAction)[A-Z]\w*|copyMessages?|forwardMessages?)$/;

/** Descriptions as Telegram spells them. */
export const REFUSALS = {
  blocked: "Forbidden: bot was blocked by the user",
  migrated: "Bad Request: group chat was upgraded to a supergroup chat",
} as const;

/** The limits' state: sliding windows of recent message times. */
export class FloodLimits {
  private readonly globalPerSecond: number;
  private readonly perChat: number;
  private readonly perChatWindowMs: number;
  private readonly groupPerMinute: number;
  private readonly all: number[] = [];
  private readonly byChat = new Map<number, number[]>();
  /** 429s answered, to assert a bot stayed within the limits. */
  breaches = 0;

  constructor(options: FloodLimitOptions = {}) {
    this.globalPerSecond = options.globalPerSecond ?? 30;
    this.perChat = options.perChat ?? 3;
    this.perChatWindowMs = options.perChatWindowMs ?? 3000;
    this.groupPerMinute = options.groupPerMinute ?? 20;
  }

  /** Counts a call at `now`, or returns the 429 Telegram would answer (then it does not count). */
  check(method: string, chatId: number | undefined, now: number): TelegramApiError | undefined {
    if (!COUNTED.test(method)) return undefined;
    prune(this.all, now - 1000);
    let freeAt = 0;
    if (this.all.length >= this.globalPerSecond) freeAt = (this.all[0] ?? now) + 1000;
    const own = chatId === undefined || !NEW_MESSAGE.test(method) ? undefined : this.chatTimes(chatId);
    if (own !== undefined && chatId !== undefined) {
      const window = chatId < 0 ? Math.max(this.perChatWindowMs, 60_000) : this.perChatWindowMs;
      prune(own, now - window);
      const recent = own.filter((t) => t > now - this.perChatWindowMs);
      if (recent.length >= this.perChat) freeAt = Math.max(freeAt, (recent[0] ?? now) + this.perChatWindowMs);
      if (chatId < 0 && own.length >= this.groupPerMinute) {
        freeAt = Math.max(freeAt, (own[own.length - this.groupPerMinute] ?? now) + 60_000);
      }
    }
    if (freeAt > now) {
      this.breaches++;
      const retryAfter = Math.max(1, Math.ceil((freeAt - now) / 1000));
      return new TelegramApiError(429, `Too Many Requests: retry after ${retryAfter}`, {
        retry_after: retryAfter,
      });
    }
    this.all.push(now);
    own?.push(now);
    return undefined;
  }

  private chatTimes(chatId: number): number[] {
    let times = this.byChat.get(chatId);
    if (times === undefined) {
      times = [];
      this.byChat.set(chatId, times);
      if (this.byChat.size > 100_000) {
        for (const [id, t] of this.byChat)
          if ((t[t.length - 1] ?? 0) < Date.now() - 60_000) this.byChat.delete(id);
      }
    }
    return times;
  }
}

function prune(times: number[], before: number): void {
  let drop = 0;
  while (drop < times.length && (times[drop] ?? 0) <= before) drop++;
  if (drop > 0) times.splice(0, drop);
}
