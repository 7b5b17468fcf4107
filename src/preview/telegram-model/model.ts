/**
 * An in-memory model of the Telegram Bot API: the tests, the benchmarks and the embedded preview all talk
 * to it instead of Telegram. It answers the way Telegram does — same JSON shapes, same error codes and
 * descriptions — and enforces Telegram's limits, because limit bugs (a 4097-character message, 65 bytes of
 * callback data) otherwise only show up in production. Transports (fetch.ts in-process; an HTTP server in
 * the tests) call `handle()`; everything else is for observers: recorded calls, violations, chat state and
 * the update queue. Fault injection is a test helper built on `intercept()`.
 */
import type { BotCommand, Chat, Message, Update, User, UserFromGetMe } from "grammy/types";
import { LIMITS } from "../../telegram-limits.js";
import { QueryAnswers } from "./answers.js";
import { DEFAULT_BOT_INFO } from "./bot-info.js";
import { ChatStore, synthesizeChat } from "./chats.js";
import { type ApiErrorBody, type ApiResponse, ERRORS, TelegramApiError } from "./errors.js";
import { type FloodLimitOptions, FloodLimits, REFUSALS } from "./flood.js";
import {
  deleteMessage,
  deleteMessages,
  editMessageReplyMarkup,
  editMessageText,
  type MessageContext,
  sendChatAction,
  sendMessage,
} from "./messages.js";
import { type BotProfile, CommandMenus, langOf, setProfileText } from "./profile.js";
import { UpdateQueue } from "./update-queue.js";
import { type AbortSignalLike, abortError, isAbortError, isTrue, sleep } from "./values.js";
import { parseSetWebhook, type WebhookState } from "./webhook.js";

/** One recorded request, filled in with its outcome once it has been answered. */
export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
  /** When the request arrived (Date.now()). */
  at: number;
  /** How long the answer took, including injected latency; set once answered. */
  durationMs?: number;
  result?: unknown;
  error?: ApiErrorBody;
  /** Set when an interception (a test's fault) shaped this call, to tell injected failures from real ones. */
  fault?: CallInterception["kind"];
  /** The connection was destroyed instead of answered ("drop"). */
  dropped?: boolean;
  /** The client gave up (aborted / disconnected) before the answer. */
  aborted?: boolean;
}

/** A request the model rejected with 400 on its own (not an injected fault): a bug in the bot. */
export interface Violation {
  method: string;
  description: string;
  payload: Record<string, unknown>;
}

/** How `intercept()` reshapes a call before the method runs. */
export type CallInterception =
  | { kind: "error"; error: TelegramApiError }
  | { kind: "drop" }
  | { kind: "delay"; ms: number };

/** How a call ended, for the transports: an HTTP status with a body, or a destroyed connection. */
export type ModelOutcome = { kind: "response"; status: number; body: ApiResponse } | { kind: "drop" };

/** What a method handler gets besides the payload. */
export interface HandlerContext {
  tg: BotApiModel;
  signal?: AbortSignalLike;
}

/**
 * Implements one Bot API method: returns the `result`, or throws a TelegramApiError for an error
 * response. Register more with `registerMethod()` when a feature needs a method the model lacks.
 */
export type MethodHandler = (payload: Record<string, unknown>, ctx: HandlerContext) => unknown;

/** Options for a model. */
export interface BotApiModelOptions {
  /** Overrides for getMe's answer (id, username, …). */
  botInfo?: Partial<UserFromGetMe>;
  /** Delay added to every call, for round-trip benchmarks. */
  latencyMs?: number;
  /**
   * How much a long-running model keeps (the preview, which anyone at the page can feed); unbounded when
   * absent, as tests want every call to assert on.
   */
  retain?: ModelRetention;
  /** Enforce Telegram's sending limits (429 past them); off by default, as most tests send in bursts. */
  flood?: FloodLimitOptions;
}

/** Bounds on what a model remembers; the oldest goes first. */
export interface ModelRetention {
  /** Recorded calls and violations (each). */
  calls: number;
  /** Messages per chat (older ones are gone, as if deleted long ago). */
  messagesPerChat: number;
  /** Chats (the least recently created is forgotten). */
  chats: number;
  /** Query ids remembered as answered, per kind. */
  answers: number;
}

/** The in-memory Bot API of one bot. */
export class BotApiModel {
  /** What getMe returns; also the `from` of every message the bot sends. */
  readonly botInfo: UserFromGetMe;
  /** Delay added to every call (ms), on top of any intercepted delay. */
  latencyMs: number;
  /** Every call in arrival order; `result`/`error` fill in when answered. */
  readonly calls: ApiCall[] = [];
  /** Every 400 the model produced by itself: assert this is empty to prove the bot stayed within limits. */
  readonly violations: Violation[] = [];
  /** The webhook set with setWebhook, if any. */
  webhook: WebhookState | undefined;
  /** Bot descriptions set with setMyDescription / setMyShortDescription / setMyName, keyed by language. */
  readonly profile: BotProfile = { description: new Map(), shortDescription: new Map(), name: new Map() };

  /** The sending limits, when enforced (`flood` option): `flood.breaches` counts the 429s answered. */
  readonly flood: FloodLimits | undefined;
  /** Chats whose reader blocked the bot: messages there get 403. */
  readonly blocked = new Set<number>();
  /** Groups that became supergroups (old id → new id): messages to the old id get 400 with the new one. */
  readonly migrated = new Map<number, number>();

  private readonly handlers = new Map<string, { name: string; handler: MethodHandler }>();
  private readonly completed = new WeakSet<ApiCall>();
  private readonly listeners = new Set<(call: ApiCall) => void>();
  private readonly chats: ChatStore;
  private readonly answers: QueryAnswers;
  private readonly retain: ModelRetention | undefined;
  private readonly commands = new CommandMenus();
  private readonly queue = new UpdateQueue();

  constructor(options: BotApiModelOptions = {}) {
    this.botInfo = { ...DEFAULT_BOT_INFO, ...options.botInfo };
    this.latencyMs = options.latencyMs ?? 0;
    this.retain = options.retain;
    this.chats = new ChatStore(options.retain);
    this.answers = new QueryAnswers(options.retain?.answers);
    this.flood = options.flood === undefined ? undefined : new FloodLimits(options.flood);
    this.registerBuiltins();
  }

  // ---------------------------------------------------------------- recorded calls

  /** answerCallbackQuery attempts per callback_query_id (failed ones count too), to assert "exactly once". */
  get answeredCallbackQueries(): Map<string, number> {
    return this.answers.callbackAttempts;
  }

  /** answerInlineQuery attempts per inline_query_id. */
  get answeredInlineQueries(): Map<string, number> {
    return this.answers.inlineAttempts;
  }

  /** answerGuestQuery attempts per guest_query_id, to assert "answered exactly once". */
  get answeredGuestQueries(): Map<string, number> {
    return this.answers.guestAttempts;
  }

  /** The result a guest query was answered with (the message sent into the guest chat), if any. */
  guestAnswer(guestQueryId: string): Record<string, unknown> | undefined {
    return this.answers.guestResults.get(guestQueryId);
  }

  /** Calls to one method (case-insensitive, as Telegram's method names are). */
  callsTo(method: string): ApiCall[] {
    const name = this.canonicalName(method);
    return this.calls.filter((c) => c.method === name);
  }

  /** The messages the bot actually sent (successful sendMessage results, as they were when sent). */
  sent(): Message.TextMessage[] {
    const out: Message.TextMessage[] = [];
    for (const call of this.calls) {
      if (call.method === "sendMessage" && call.error === undefined && call.result !== undefined) {
        out.push(call.result as Message.TextMessage);
      }
    }
    return out;
  }

  /** The messages the bot sent to one chat. */
  sentTo(chatId: number): Message.TextMessage[] {
    return this.sent().filter((m) => m.chat.id === chatId);
  }

  /** Forgets recorded history (calls, violations, answer counts); chats and updates stay. */
  clear(): void {
    this.calls.length = 0;
    this.violations.length = 0;
    this.answers.clearCounts();
  }

  /** Calls `listener` with every call once it has been answered; returns the unsubscribe function. */
  onCall(listener: (call: ApiCall) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Resolves with the first finished call matching `predicate`, whether already recorded or still to come.
   * Only finished calls count, so `result` or `error` is set unless the call was dropped or aborted.
   */
  waitForCall(predicate: (call: ApiCall) => boolean, timeoutMs = 5000): Promise<ApiCall> {
    for (const call of this.calls) {
      if (this.completed.has(call) && predicate(call)) return Promise.resolve(call);
    }
    return new Promise<ApiCall>((resolve, reject) => {
      const listener = (call: ApiCall): void => {
        let matched: boolean;
        try {
          matched = predicate(call);
        } catch (error) {
          done();
          reject(error);
          return;
        }
        if (matched) {
          done();
          resolve(call);
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`waitForCall: no matching call within ${timeoutMs} ms. ${this.describeCalls()}`));
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        unsubscribe();
      };
      const unsubscribe = this.onCall(listener);
    });
  }

  /** A one-line history of the calls so far, for failure messages. */
  describeCalls(last = 40): string {
    if (this.calls.length === 0) return "No calls were made.";
    const parts: string[] = [];
    let previous = "";
    let count = 0;
    const flush = (): void => {
      if (count > 0) parts.push(count > 1 ? `${previous} ×${count}` : previous);
    };
    for (const call of this.calls.slice(-last)) {
      const label = call.error
        ? `${call.method} (${call.error.error_code}: ${call.error.description})`
        : call.dropped
          ? `${call.method} (dropped)`
          : call.aborted
            ? `${call.method} (aborted)`
            : call.method;
      if (label === previous) {
        count++;
      } else {
        flush();
        previous = label;
        count = 1;
      }
    }
    flush();
    const skipped = this.calls.length > last ? `${this.calls.length - last} earlier, then ` : "";
    return `Calls seen (${this.calls.length}): ${skipped}${parts.join(", ")}.`;
  }

  // ---------------------------------------------------------------- methods

  /** Adds or replaces a method, so a feature needing one the model lacks can supply it from its test. */
  registerMethod(name: string, handler: MethodHandler): void {
    this.handlers.set(name.toLowerCase(), { name, handler });
  }

  /** Whether the model implements a method. */
  supports(method: string): boolean {
    return this.handlers.has(method.toLowerCase());
  }

  /** The implemented methods. */
  supportedMethods(): string[] {
    return [...this.handlers.values()].map((h) => h.name);
  }

  private canonicalName(method: string): string {
    return this.handlers.get(method.toLowerCase())?.name ?? method;
  }

  /**
   * Decides whether a call is answered normally (undefined, the default) or failed, dropped or delayed.
   * Test helpers override it to inject faults; the model itself never intercepts.
   */
  protected intercept(_method: string, _payload: Record<string, unknown>): CallInterception | undefined {
    return undefined;
  }

  /**
   * Answers one Bot API request: records it, applies latency and interceptions, runs the method. Rejects
   * only when `signal` aborts (with an AbortError, like fetch); a "drop" resolves to `{ kind: "drop" }`
   * and the transport destroys the connection.
   */
  async handle(
    method: string,
    payload: Record<string, unknown>,
    options: { signal?: AbortSignalLike } = {},
  ): Promise<ModelOutcome> {
    const entry = this.handlers.get(method.toLowerCase());
    const call: ApiCall = { method: entry?.name ?? method, payload, at: Date.now() };
    this.calls.push(call);
    if (this.retain !== undefined) {
      trimFront(this.calls, this.retain.calls);
      trimFront(this.violations, this.retain.calls);
    }
    const { signal } = options;
    try {
      const fault = this.intercept(call.method, payload);
      if (fault) call.fault = fault.kind;
      const delay = this.latencyMs + (fault?.kind === "delay" ? fault.ms : 0);
      if (delay > 0) await sleep(delay, signal);
      if (signal?.aborted) throw abortError();

      if (fault?.kind === "drop") {
        call.dropped = true;
        return { kind: "drop" };
      }
      if (fault?.kind === "error") {
        return { kind: "response", ...this.errorResponse(call, fault.error, false) };
      }
      const refusal = this.refusal(call.method, payload);
      if (refusal) return { kind: "response", ...this.errorResponse(call, refusal, false) };
      if (!entry) {
        return {
          kind: "response",
          ...this.errorResponse(call, new TelegramApiError(404, ERRORS.methodNotFound), false),
        };
      }
      let result: unknown;
      try {
        const ctx: HandlerContext = signal ? { tg: this, signal } : { tg: this };
        result = await entry.handler(payload, ctx);
      } catch (error) {
        if (isAbortError(error)) throw error;
        if (error instanceof TelegramApiError) {
          return { kind: "response", ...this.errorResponse(call, error, true) };
        }
        // A bug in the model itself: answer loudly rather than hang or crash the transport.
        const message = error instanceof Error ? error.message : String(error);
        const crash = new TelegramApiError(
          500,
          `Internal Server Error: the Bot API model crashed: ${message}`,
        );
        return { kind: "response", ...this.errorResponse(call, crash, false) };
      }
      call.result = result;
      return { kind: "response", status: 200, body: { ok: true, result } };
    } catch (error) {
      if (isAbortError(error)) call.aborted = true;
      throw error;
    } finally {
      call.durationMs = Date.now() - call.at;
      this.completed.add(call);
      for (const listener of [...this.listeners]) listener(call);
    }
  }

  /** A blocked reader, a migrated group, or a breach of the sending limits. */
  private refusal(method: string, payload: Record<string, unknown>): TelegramApiError | undefined {
    if (!/^(send|copyMessage|forwardMessage|editMessage)/.test(method) || method === "sendChatAction") {
      return undefined;
    }
    const chatId = typeof payload.chat_id === "number" ? payload.chat_id : Number(payload.chat_id);
    const chat = Number.isSafeInteger(chatId) ? chatId : undefined;
    if (chat !== undefined && this.blocked.has(chat)) return new TelegramApiError(403, REFUSALS.blocked);
    const to = chat === undefined ? undefined : this.migrated.get(chat);
    if (to !== undefined) return new TelegramApiError(400, REFUSALS.migrated, { migrate_to_chat_id: to });
    return this.flood?.check(method, chat, Date.now());
  }

  private errorResponse(
    call: ApiCall,
    error: TelegramApiError,
    modelMade: boolean,
  ): { status: number; body: ApiResponse } {
    const body: ApiErrorBody = { error_code: error.error_code, description: error.description };
    if (error.parameters) body.parameters = error.parameters;
    call.error = body;
    if (modelMade && error.error_code === 400) {
      this.violations.push({ method: call.method, description: error.description, payload: call.payload });
    }
    return { status: error.error_code, body: { ok: false, ...body } };
  }

  private registerBuiltins(): void {
    const m = (name: string, handler: MethodHandler): void => this.registerMethod(name, handler);
    const messages = (): MessageContext => ({ chats: this.chats, bot: this.botUser() });
    m("getMe", () => ({ ...this.botInfo }));
    m("sendMessage", (p) => sendMessage(messages(), p));
    m("editMessageText", (p) => editMessageText(messages(), p));
    m("editMessageReplyMarkup", (p) => editMessageReplyMarkup(messages(), p));
    m("deleteMessage", (p) => deleteMessage(messages(), p));
    m("deleteMessages", (p) => deleteMessages(messages(), p));
    m("answerCallbackQuery", (p) => this.answers.answerCallbackQuery(p));
    m("answerInlineQuery", (p) => this.answers.answerInlineQuery(p));
    m("answerGuestQuery", (p) => this.answers.answerGuestQuery(p));
    m("sendChatAction", (p) => sendChatAction(messages(), p));
    m("setMyCommands", (p) => this.commands.set(p));
    m("deleteMyCommands", (p) => this.commands.delete(p));
    m("getMyCommands", (p) => this.commands.get(p));
    m("setMyDescription", (p) =>
      setProfileText(p, "description", this.profile.description, LIMITS.botDescription),
    );
    m("setMyShortDescription", (p) =>
      setProfileText(p, "short_description", this.profile.shortDescription, LIMITS.botShortDescription),
    );
    m("setMyName", (p) => setProfileText(p, "name", this.profile.name, 64));
    m("getMyDescription", (p) => ({ description: this.profile.description.get(langOf(p)) ?? "" }));
    m("getMyShortDescription", (p) => ({
      short_description: this.profile.shortDescription.get(langOf(p)) ?? "",
    }));
    m("setChatMenuButton", () => true);
    m("setWebhook", (p) => this.setWebhook(p));
    m("deleteWebhook", (p) => {
      this.webhook = undefined;
      if (isTrue(p.drop_pending_updates)) this.queue.dropPending();
      return true;
    });
    m("getWebhookInfo", () => {
      const info: Record<string, unknown> = {
        url: this.webhook?.url ?? "",
        has_custom_certificate: false,
        pending_update_count: this.queue.pending.length,
      };
      if (this.webhook?.max_connections !== undefined) info.max_connections = this.webhook.max_connections;
      if (this.webhook && this.queue.allowedUpdates) info.allowed_updates = [...this.queue.allowedUpdates];
      return info;
    });
    m("getUpdates", (p, ctx) => {
      if (this.webhook) throw new TelegramApiError(409, ERRORS.conflictWebhook);
      return this.queue.getUpdates(p, ctx.signal);
    });
    m("close", () => true);
    m("logOut", () => true);
  }

  private setWebhook(p: Record<string, unknown>): true {
    const webhook = parseSetWebhook(p);
    if (!webhook) {
      this.webhook = undefined;
      return true;
    }
    if (webhook.allowed_updates) this.queue.allowedUpdates = [...webhook.allowed_updates];
    if (isTrue(p.drop_pending_updates)) this.queue.dropPending();
    this.webhook = webhook;
    // Telegram ends a pending long poll the moment a webhook is set.
    this.queue.endPoll(new TelegramApiError(409, ERRORS.conflictSetWebhook));
    return true;
  }

  // ---------------------------------------------------------------- chats and messages

  /** Tells the model a chat's type, so messages sent there report it (positive ids default to private). */
  setChatType(chatId: number, type: Chat["type"]): void {
    this.chats.state(chatId).chat = synthesizeChat(chatId, type);
  }

  /**
   * Learns from an update what Telegram would already know: chat types, message ids in use, and the bot
   * message a callback button sits on (so the bot can edit it). `pushUpdate` and the HTTP server call this
   * for every update; in-process tests call it, or pass the model to the update factories.
   */
  observe(update: Update): void {
    this.chats.observe(update);
  }

  /**
   * Hands an update to a bot in-process after observing it, as the real server would have seen it first:
   * `await tg.deliver(bot, updates.callback("p:2", { messageId: 5 }))`.
   */
  async deliver(bot: { handleUpdate(update: Update): Promise<unknown> }, update: Update): Promise<void> {
    this.observe(update);
    await bot.handleUpdate(update);
  }

  /** The current state of a message the model knows (after edits), or undefined if unknown or deleted. */
  getMessage(chatId: number, messageId: number): Message | undefined {
    return this.chats.message(chatId, messageId);
  }

  /** Every message of a chat that is still there, oldest first, as it is after edits. */
  history(chatId: number): Message[] {
    return this.chats.history(chatId);
  }

  /**
   * Records a message Telegram would hold without the bot being told, e.g. one a user sent "via @bot" in
   * inline mode, or its state after an edit through its inline_message_id.
   */
  rememberMessage(message: Message): void {
    this.chats.put(message);
  }

  /** The next message id in a chat, for a message a user is about to send. */
  nextMessageId(chatId: number): number {
    return this.chats.state(chatId).lastMessageId + 1;
  }

  /** Forgets every chat, message and pending update: a fresh start for the embedded preview. */
  forgetChats(): void {
    this.chats.clear();
    this.queue.dropPending();
  }

  /** The commands set for a scope and language (what getMyCommands would return). */
  getCommands(scope: Record<string, unknown> = { type: "default" }, languageCode = ""): BotCommand[] {
    return this.commands.get({ scope, language_code: languageCode });
  }

  private botUser(): User {
    const { id, is_bot, first_name, username } = this.botInfo;
    return { id, is_bot, first_name, username };
  }

  // ---------------------------------------------------------------- updates

  /** Updates waiting to be confirmed by a getUpdates offset. */
  get pendingUpdates(): readonly Update[] {
    return this.queue.pending;
  }

  /** Whether a getUpdates long poll is currently waiting. */
  get isPolling(): boolean {
    return this.queue.isPolling;
  }

  /**
   * Queues an update for getUpdates, as if a user just did something. An update_id that is missing or not
   * above the last one is replaced (Telegram's ids only grow, and grammY's offset would skip a lower one);
   * returns the id used. Updates of types the bot did not allow are dropped, as Telegram never creates them.
   */
  pushUpdate(update: Partial<Update>): number {
    const { update: full } = this.queue.push(update);
    this.observe(full);
    return full.update_id;
  }

  /** Ends a pending long poll with an empty result, e.g. when the server shuts down. */
  cancelPendingPolls(): void {
    this.queue.endPoll([]);
  }
}

/** Drops the oldest entries once `list` holds twice `keep` (amortised: one splice per `keep` pushes). */
function trimFront(list: unknown[], keep: number): void {
  if (list.length > 2 * keep) list.splice(0, list.length - keep);
}
