/**
 * An in-memory model of the Telegram Bot API for tests and benchmarks.
 *
 * Telegram is unreachable from the test machines, so every test talks to this model instead, either
 * in-process (fake-fetch.ts) or over HTTP (fake-bot-api-server.ts). Both transports share this core, so a
 * behaviour verified in one kind of test holds in the other. The model answers the way Telegram does —
 * same JSON shapes, same error codes and descriptions — and enforces Telegram's limits, because limit
 * bugs (a 4097-character message, 65 bytes of callback data) otherwise only show up in production.
 */
import type {
  BotCommand,
  Chat,
  InlineKeyboardMarkup,
  Message,
  MessageEntity,
  ResponseParameters,
  Update,
  User,
  UserFromGetMe,
} from "grammy/types";

/** A token whose numeric prefix matches the fake bot's id, as real tokens do (`<bot id>:<secret>`). */
export const FAKE_BOT_TOKEN = "1000:AAFAKE-khabar-test-token";

/** What the fake's getMe returns unless a test overrides it. */
export const DEFAULT_BOT_INFO: UserFromGetMe = {
  id: 1000,
  is_bot: true,
  first_name: "Khabar",
  username: "khabar_test_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: true,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

/** Telegram's documented limits, exported so tests can build payloads right at the edge. */
export const LIMITS = {
  /** Message text after entity parsing, in UTF-16 code units. */
  messageText: 4096,
  /** callback_data, in UTF-8 bytes. */
  callbackData: 64,
  /** answerCallbackQuery text, in characters. */
  callbackAnswerText: 200,
  commandName: 32,
  commandDescription: 256,
  commands: 100,
  inlineKeyboardButtons: 100,
  inlineQueryResults: 50,
  getUpdatesLimit: 100,
} as const;

/** The error half of a Bot API response. */
export interface ApiErrorBody {
  error_code: number;
  description: string;
  parameters?: ResponseParameters;
}

/** A Bot API response body, shaped exactly as Telegram shapes it. */
export type ApiResponse = { ok: true; result: unknown } | ({ ok: false } & ApiErrorBody);

/** One recorded request to the fake, filled in with its outcome once it has been answered. */
export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
  /** When the request arrived (Date.now()). */
  at: number;
  /** How long the answer took, including injected latency; set once answered. */
  durationMs?: number;
  result?: unknown;
  error?: ApiErrorBody;
  /** Set when a fault rule shaped this call, so tests can tell injected failures from real ones. */
  fault?: Fault["kind"];
  /** The connection was destroyed instead of answered ("drop" fault). */
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

/** What a fault rule does to a matching call. */
export type Fault =
  | { kind: "error"; error_code: number; description?: string; retry_after?: number }
  | { kind: "drop" }
  | { kind: "delay"; ms: number };

/** Matches calls by method and chat, and applies a fault to the next `times` of them. */
export interface FaultRule {
  method?: string | RegExp;
  chatId?: number;
  /** How many matching calls to affect; default 1, Infinity allowed. */
  times?: number;
  fault: Fault;
}

/** How a call ended, for the transports: an HTTP status with a body, or a destroyed connection. */
export type FakeOutcome = { kind: "response"; status: number; body: ApiResponse } | { kind: "drop" };

/**
 * The part of AbortSignal the fake uses. grammY on Node passes the `abort-controller` polyfill's signal,
 * which is not an instance of the global AbortSignal, so the fake must duck-type it.
 */
export interface AbortSignalLike {
  readonly aborted: boolean;
  addEventListener(type: "abort", listener: () => void): void;
  removeEventListener(type: "abort", listener: () => void): void;
}

/** What a method handler gets besides the payload. */
export interface HandlerContext {
  tg: FakeTelegram;
  signal?: AbortSignalLike;
}

/**
 * Implements one Bot API method: returns the `result`, or throws a TelegramApiError for an error
 * response. Register more with `tg.registerMethod()` when a feature needs a method the fake lacks.
 */
export type MethodHandler = (payload: Record<string, unknown>, ctx: HandlerContext) => unknown;

/** Thrown by method handlers to answer with a Telegram error instead of a result. */
export class TelegramApiError extends Error {
  readonly error_code: number;
  readonly description: string;
  readonly parameters: ResponseParameters | undefined;

  constructor(error_code: number, description: string, parameters?: ResponseParameters) {
    super(description);
    this.name = "TelegramApiError";
    this.error_code = error_code;
    this.description = description;
    this.parameters = parameters;
  }
}

/** A 400 with Telegram's "Bad Request: " prefix. */
export function badRequest(what: string): TelegramApiError {
  return new TelegramApiError(400, `Bad Request: ${what}`);
}

/** The descriptions tests most often assert on, spelled exactly as Telegram spells them. */
export const ERRORS = {
  notModified:
    "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
  editNotFound: "Bad Request: message to edit not found",
  deleteNotFound: "Bad Request: message to delete not found",
  cantEdit: "Bad Request: message can't be edited",
  textEmpty: "Bad Request: message text is empty",
  tooLong: "Bad Request: message is too long",
  chatNotFound: "Bad Request: chat not found",
  buttonDataInvalid: "Bad Request: BUTTON_DATA_INVALID",
  textButton:
    "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
  queryTooOld: "Bad Request: query is too old and response timeout expired or query ID is invalid",
  answerTooLong: "Bad Request: MESSAGE_TOO_LONG",
  commandInvalid: "Bad Request: BOT_COMMAND_INVALID",
  commandDescriptionInvalid: "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID",
  methodNotFound: "Not Found: method not found",
  unauthorized: "Unauthorized",
  conflictOtherPoll:
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
  conflictWebhook:
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
  conflictSetWebhook: "Conflict: terminated by setWebhook request",
} as const;

/** The update types Telegram sends when allowed_updates is empty or was never set. */
const OPT_IN_UPDATE_TYPES = new Set(["chat_member", "message_reaction", "message_reaction_count"]);

const ENTITY_TYPES = new Set([
  "mention",
  "hashtag",
  "cashtag",
  "bot_command",
  "url",
  "email",
  "phone_number",
  "bold",
  "italic",
  "underline",
  "strikethrough",
  "spoiler",
  "blockquote",
  "expandable_blockquote",
  "code",
  "pre",
  "text_link",
  "text_mention",
  "custom_emoji",
  "date_time",
]);

/** Fields of which an inline keyboard button must have exactly one. */
const BUTTON_ACTIONS = [
  "url",
  "callback_data",
  "web_app",
  "login_url",
  "disabled",
  "switch_inline_query",
  "switch_inline_query_current_chat",
  "switch_inline_query_chosen_chat",
  "copy_text",
  "callback_game",
  "pay",
] as const;

const CHAT_ACTIONS = new Set([
  "typing",
  "upload_photo",
  "record_video",
  "upload_video",
  "record_voice",
  "upload_voice",
  "upload_document",
  "choose_sticker",
  "find_location",
  "record_video_note",
  "upload_video_note",
]);

const SCOPE_TYPES = new Set([
  "default",
  "all_private_chats",
  "all_group_chats",
  "all_chat_administrators",
  "chat",
  "chat_administrators",
  "chat_member",
]);

interface ChatState {
  chat: Chat;
  /** The highest message_id used in this chat, so the bot's messages continue the chat's numbering. */
  lastMessageId: number;
  messages: Map<number, Message>;
  deleted: Set<number>;
}

interface InlineMessageState {
  text?: string;
  entities?: MessageEntity[];
  reply_markup?: InlineKeyboardMarkup;
}

interface PendingPoll {
  limit: number;
  finish(result: Update[] | Error): void;
}

interface ActiveFault {
  rule: FaultRule;
  remaining: number;
}

/** The webhook the bot has set, as getWebhookInfo reports it plus the secret tests may check. */
export interface WebhookState {
  url: string;
  secret_token?: string;
  allowed_updates?: string[];
  max_connections?: number;
}

/** Options for a FakeTelegram. */
export interface FakeTelegramOptions {
  /** Overrides for getMe's answer (id, username, …). */
  botInfo?: Partial<UserFromGetMe>;
  /** Delay added to every call, for round-trip benchmarks. */
  latencyMs?: number;
}

/**
 * The in-memory Bot API. `handle(method, payload)` is what the transports call; everything else is for
 * tests: recorded calls, violations, fault injection, the update queue and the state of chats.
 */
export class FakeTelegram {
  /** What getMe returns; also the `from` of every message the bot sends. */
  readonly botInfo: UserFromGetMe;
  /** Delay added to every call (ms), on top of any delay fault. */
  latencyMs: number;
  /** Every call in arrival order; `result`/`error` fill in when answered. */
  readonly calls: ApiCall[] = [];
  /** Every 400 the model produced by itself: assert this is empty to prove the bot stayed within limits. */
  readonly violations: Violation[] = [];
  /** answerCallbackQuery attempts per callback_query_id (failed ones count too), to assert "exactly once". */
  readonly answeredCallbackQueries = new Map<string, number>();
  /** answerInlineQuery attempts per inline_query_id. */
  readonly answeredInlineQueries = new Map<string, number>();
  /** How many calls a fault rule has shaped. */
  faultsInjected = 0;
  /** The webhook set with setWebhook, if any. */
  webhook: WebhookState | undefined;
  /** Bot descriptions set with setMyDescription / setMyShortDescription / setMyName, keyed by language. */
  readonly profile = {
    description: new Map<string, string>(),
    shortDescription: new Map<string, string>(),
    name: new Map<string, string>(),
  };

  private readonly handlers = new Map<string, { name: string; handler: MethodHandler }>();
  private readonly completed = new WeakSet<ApiCall>();
  private readonly listeners = new Set<(call: ApiCall) => void>();
  private faults: ActiveFault[] = [];
  private readonly chats = new Map<number, ChatState>();
  private readonly inlineMessages = new Map<string, InlineMessageState>();
  private readonly successfulAnswers = new Set<string>();
  private readonly successfulInlineAnswers = new Set<string>();
  private readonly commands = new Map<string, BotCommand[]>();
  private readonly queue: Update[] = [];
  private highestUpdateId = 0;
  private allowedUpdates: string[] | undefined;
  private poll: PendingPoll | undefined;
  private deliveryScheduled = false;

  constructor(options: FakeTelegramOptions = {}) {
    this.botInfo = { ...DEFAULT_BOT_INFO, ...options.botInfo };
    this.latencyMs = options.latencyMs ?? 0;
    this.registerBuiltins();
  }

  // ---------------------------------------------------------------- recorded calls

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

  /** Forgets recorded history (calls, violations, answer counts, fault count); chats and updates stay. */
  clear(): void {
    this.calls.length = 0;
    this.violations.length = 0;
    this.answeredCallbackQueries.clear();
    this.answeredInlineQueries.clear();
    this.faultsInjected = 0;
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
        this.listeners.delete(listener);
      };
      this.listeners.add(listener);
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

  // ---------------------------------------------------------------- faults

  /** Makes the next `rule.times` matching calls fail, drop or slow down. */
  inject(rule: FaultRule): void {
    this.faults.push({ rule, remaining: rule.times ?? 1 });
  }

  /** Removes every fault rule (already-injected counts stay). */
  clearFaults(): void {
    this.faults = [];
  }

  private takeFault(method: string, payload: Record<string, unknown>): Fault | undefined {
    const chatId = toChatId(payload.chat_id);
    for (const active of this.faults) {
      if (active.remaining <= 0) continue;
      const { rule } = active;
      if (rule.method !== undefined && !methodMatches(rule.method, method)) continue;
      if (rule.chatId !== undefined && rule.chatId !== chatId) continue;
      active.remaining--;
      this.faults = this.faults.filter((f) => f.remaining > 0);
      this.faultsInjected++;
      return rule.fault;
    }
    return undefined;
  }

  // ---------------------------------------------------------------- methods

  /** Adds or replaces a method, so a feature needing one the fake lacks can supply it from its test. */
  registerMethod(name: string, handler: MethodHandler): void {
    this.handlers.set(name.toLowerCase(), { name, handler });
  }

  /** Whether the fake implements a method. */
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
   * Answers one Bot API request: records it, applies latency and faults, runs the method. Rejects only
   * when `signal` aborts (with an AbortError, like fetch); a "drop" fault resolves to `{ kind: "drop" }`
   * and the transport destroys the connection.
   */
  async handle(
    method: string,
    payload: Record<string, unknown>,
    options: { signal?: AbortSignalLike } = {},
  ): Promise<FakeOutcome> {
    const entry = this.handlers.get(method.toLowerCase());
    const call: ApiCall = { method: entry?.name ?? method, payload, at: Date.now() };
    this.calls.push(call);
    const { signal } = options;
    try {
      const fault = this.takeFault(call.method, payload);
      if (fault) call.fault = fault.kind;
      const delay = this.latencyMs + (fault?.kind === "delay" ? fault.ms : 0);
      if (delay > 0) await sleep(delay, signal);
      if (signal?.aborted) throw abortError();

      if (fault?.kind === "drop") {
        call.dropped = true;
        return { kind: "drop" };
      }
      if (fault?.kind === "error") {
        return { kind: "response", ...this.errorResponse(call, faultError(fault), false) };
      }
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
        // A bug in the fake itself: answer loudly rather than hang or crash the transport.
        const message = error instanceof Error ? error.message : String(error);
        const crash = new TelegramApiError(500, `Internal Server Error: fake-telegram crashed: ${message}`);
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
    m("getMe", () => ({ ...this.botInfo }));
    m("sendMessage", (p) => this.sendMessage(p));
    m("editMessageText", (p) => this.editMessageText(p));
    m("editMessageReplyMarkup", (p) => this.editMessageReplyMarkup(p));
    m("deleteMessage", (p) => this.deleteMessage(p));
    m("deleteMessages", (p) => {
      const state = this.requireChat(p);
      const ids = Array.isArray(p.message_ids) ? p.message_ids : [];
      if (ids.length < 1 || ids.length > 100) throw badRequest("message identifiers are not specified");
      for (const id of ids) {
        const n = toInt(id);
        if (n === undefined) continue;
        state.messages.delete(n);
        state.deleted.add(n);
      }
      return true;
    });
    m("answerCallbackQuery", (p) => this.answerCallbackQuery(p));
    m("answerInlineQuery", (p) => this.answerInlineQuery(p));
    m("sendChatAction", (p) => {
      this.requireChat(p);
      if (typeof p.action !== "string" || !CHAT_ACTIONS.has(p.action)) {
        throw badRequest("wrong parameter action in request");
      }
      return true;
    });
    m("setMyCommands", (p) => this.setMyCommands(p));
    m("deleteMyCommands", (p) => {
      this.commands.delete(commandsKey(p));
      return true;
    });
    m("getMyCommands", (p) => structuredClone(this.commands.get(commandsKey(p)) ?? []));
    m("setMyDescription", (p) => this.setProfileText(p, "description", this.profile.description, 512));
    m("setMyShortDescription", (p) =>
      this.setProfileText(p, "short_description", this.profile.shortDescription, 120),
    );
    m("setMyName", (p) => this.setProfileText(p, "name", this.profile.name, 64));
    m("getMyDescription", (p) => ({ description: this.profile.description.get(langOf(p)) ?? "" }));
    m("getMyShortDescription", (p) => ({
      short_description: this.profile.shortDescription.get(langOf(p)) ?? "",
    }));
    m("setChatMenuButton", () => true);
    m("setWebhook", (p) => this.setWebhook(p));
    m("deleteWebhook", (p) => {
      this.webhook = undefined;
      if (isTrue(p.drop_pending_updates)) this.queue.length = 0;
      return true;
    });
    m("getWebhookInfo", () => {
      const info: Record<string, unknown> = {
        url: this.webhook?.url ?? "",
        has_custom_certificate: false,
        pending_update_count: this.queue.length,
      };
      if (this.webhook?.max_connections !== undefined) info.max_connections = this.webhook.max_connections;
      if (this.webhook && this.allowedUpdates) info.allowed_updates = [...this.allowedUpdates];
      return info;
    });
    m("getUpdates", (p, ctx) => this.getUpdates(p, ctx.signal));
    m("close", () => true);
    m("logOut", () => true);
  }

  // ---------------------------------------------------------------- chats and messages

  /** Tells the fake a chat's type, so messages sent there report it (positive ids default to private). */
  setChatType(chatId: number, type: Chat["type"]): void {
    const state = this.chatState(chatId);
    state.chat = synthesizeChat(chatId, type);
  }

  /**
   * Learns from an update what Telegram would already know: chat types, message ids in use, and the bot
   * message a callback button sits on (so the bot can edit it). The HTTP server calls this for every
   * pushed update; in-process tests call it, or pass `tg` to the update factories.
   */
  observe(update: Update): void {
    const messages = [
      update.message,
      update.edited_message,
      update.channel_post,
      update.edited_channel_post,
      update.callback_query?.message,
    ];
    for (const message of messages) {
      if (!message) continue;
      const state = this.chatState(message.chat.id);
      state.chat = { ...message.chat };
      if (message.date === 0) continue; // an inaccessible message: nothing to remember
      state.lastMessageId = Math.max(state.lastMessageId, message.message_id);
      if (!state.messages.has(message.message_id) && !state.deleted.has(message.message_id)) {
        state.messages.set(message.message_id, structuredClone(message as Message));
      }
    }
    const member = update.my_chat_member ?? update.chat_member;
    if (member) this.chatState(member.chat.id).chat = { ...member.chat };
  }

  /**
   * Hands an update to a bot in-process after observing it, as the real server would have seen it first:
   * `await tg.deliver(bot, updates.callback("p:2", { messageId: 5 }))`.
   */
  async deliver(bot: { handleUpdate(update: Update): Promise<unknown> }, update: Update): Promise<void> {
    this.observe(update);
    await bot.handleUpdate(update);
  }

  /** The current state of a message the fake knows (after edits), or undefined if unknown or deleted. */
  getMessage(chatId: number, messageId: number): Message | undefined {
    const message = this.chats.get(chatId)?.messages.get(messageId);
    return message ? structuredClone(message) : undefined;
  }

  /** The commands set for a scope and language (what getMyCommands would return). */
  getCommands(scope: Record<string, unknown> = { type: "default" }, languageCode = ""): BotCommand[] {
    return structuredClone(this.commands.get(commandsKey({ scope, language_code: languageCode })) ?? []);
  }

  private chatState(chatId: number): ChatState {
    let state = this.chats.get(chatId);
    if (!state) {
      state = {
        chat: synthesizeChat(chatId, chatId > 0 ? "private" : "supergroup"),
        lastMessageId: 0,
        messages: new Map(),
        deleted: new Set(),
      };
      this.chats.set(chatId, state);
    }
    return state;
  }

  private requireChat(p: Record<string, unknown>): ChatState {
    const chatId = toChatId(p.chat_id);
    if (chatId === undefined || chatId === 0) throw badRequest("chat not found");
    return this.chatState(chatId);
  }

  private botUser(): User {
    const { id, is_bot, first_name, username } = this.botInfo;
    return { id, is_bot, first_name, username };
  }

  private sendMessage(p: Record<string, unknown>): Message.TextMessage {
    const state = this.requireChat(p);
    const { text, entities } = formattedText(p, "text", "entities", "parse_mode");
    const markup = validateReplyMarkup(p.reply_markup);
    state.lastMessageId++;
    const message: Message.TextMessage = {
      message_id: state.lastMessageId,
      from: this.botUser(),
      chat: { ...state.chat },
      date: Math.floor(Date.now() / 1000),
      text,
    };
    if (entities.length > 0) message.entities = entities;
    if (markup && markup.inline_keyboard.length > 0) message.reply_markup = markup;
    if (isRecord(p.link_preview_options))
      message.link_preview_options = structuredClone(p.link_preview_options);
    const replyTo = isRecord(p.reply_parameters)
      ? toInt(p.reply_parameters.message_id)
      : toInt(p.reply_to_message_id);
    const original = replyTo === undefined ? undefined : state.messages.get(replyTo);
    if (original) {
      // Telegram nests the replied-to message one level deep only.
      const reply = structuredClone(original);
      delete reply.reply_to_message;
      message.reply_to_message = { ...reply, reply_to_message: undefined };
    }
    state.messages.set(message.message_id, message);
    return structuredClone(message);
  }

  /** Finds the message an edit targets: a chat message, or an inline message by id. */
  private editTarget(
    p: Record<string, unknown>,
  ): { kind: "chat"; message: Message } | { kind: "inline"; id: string; state: InlineMessageState } {
    if (typeof p.inline_message_id === "string" && p.inline_message_id !== "") {
      const id = p.inline_message_id;
      let state = this.inlineMessages.get(id);
      if (!state) {
        state = {};
        this.inlineMessages.set(id, state);
      }
      return { kind: "inline", id, state };
    }
    const chatState = this.requireChat(p);
    const messageId = toInt(p.message_id);
    if (messageId === undefined) throw badRequest("message identifier is not specified");
    const message = chatState.messages.get(messageId);
    if (!message) throw badRequest("message to edit not found");
    if (message.from?.id !== this.botInfo.id) throw badRequest("message can't be edited");
    return { kind: "chat", message };
  }

  private editMessageText(p: Record<string, unknown>): Message | true {
    const target = this.editTarget(p);
    const { text, entities } = formattedText(p, "text", "entities", "parse_mode");
    const markup = inlineOnly(validateReplyMarkup(p.reply_markup));
    const current = target.kind === "chat" ? target.message : target.state;
    if (
      current.text !== undefined &&
      current.text.trim() === text.trim() &&
      sameJson(current.entities ?? [], entities) &&
      sameMarkup(current.reply_markup, markup)
    ) {
      throw new TelegramApiError(400, ERRORS.notModified);
    }
    if (target.kind === "inline") {
      target.state.text = text;
      target.state.entities = entities;
      target.state.reply_markup = markup;
      return true;
    }
    const message = target.message as Message.TextMessage;
    if (typeof message.text !== "string") throw badRequest("there is no text in the message to edit");
    message.text = text;
    if (entities.length > 0) message.entities = entities;
    else delete message.entities;
    setMarkup(message, markup);
    message.edit_date = Math.floor(Date.now() / 1000);
    return structuredClone(message);
  }

  private editMessageReplyMarkup(p: Record<string, unknown>): Message | true {
    const target = this.editTarget(p);
    const markup = inlineOnly(validateReplyMarkup(p.reply_markup));
    const current = target.kind === "chat" ? target.message : target.state;
    if (sameMarkup(current.reply_markup, markup)) {
      throw new TelegramApiError(400, ERRORS.notModified);
    }
    if (target.kind === "inline") {
      target.state.reply_markup = markup;
      return true;
    }
    setMarkup(target.message, markup);
    target.message.edit_date = Math.floor(Date.now() / 1000);
    return structuredClone(target.message);
  }

  private deleteMessage(p: Record<string, unknown>): true {
    const state = this.requireChat(p);
    const messageId = toInt(p.message_id);
    if (messageId === undefined) throw badRequest("message identifier is not specified");
    if (state.deleted.has(messageId)) throw badRequest("message to delete not found");
    state.messages.delete(messageId);
    state.deleted.add(messageId);
    return true;
  }

  private answerCallbackQuery(p: Record<string, unknown>): true {
    const id = typeof p.callback_query_id === "string" ? p.callback_query_id : "";
    this.answeredCallbackQueries.set(id, (this.answeredCallbackQueries.get(id) ?? 0) + 1);
    if (id === "" || this.successfulAnswers.has(id)) throw new TelegramApiError(400, ERRORS.queryTooOld);
    if (p.text !== undefined) {
      if (typeof p.text !== "string") throw badRequest("text must be a string");
      if ([...p.text].length > LIMITS.callbackAnswerText) throw badRequest("MESSAGE_TOO_LONG");
    }
    this.successfulAnswers.add(id);
    return true;
  }

  private answerInlineQuery(p: Record<string, unknown>): true {
    const id = typeof p.inline_query_id === "string" ? p.inline_query_id : "";
    this.answeredInlineQueries.set(id, (this.answeredInlineQueries.get(id) ?? 0) + 1);
    if (id === "" || this.successfulInlineAnswers.has(id))
      throw new TelegramApiError(400, ERRORS.queryTooOld);
    const results = Array.isArray(p.results) ? p.results : [];
    if (results.length > LIMITS.inlineQueryResults) throw badRequest("RESULTS_TOO_MUCH");
    const ids = new Set<string>();
    for (const result of results) {
      if (!isRecord(result) || typeof result.id !== "string" || result.id === "") {
        throw badRequest("RESULT_ID_INVALID");
      }
      if (ids.has(result.id)) throw badRequest("RESULT_ID_DUPLICATE");
      ids.add(result.id);
      validateReplyMarkup(result.reply_markup);
      const content = result.input_message_content;
      if (isRecord(content) && "message_text" in content) {
        formattedText(content, "message_text", "entities", "parse_mode");
      }
    }
    this.successfulInlineAnswers.add(id);
    return true;
  }

  private setMyCommands(p: Record<string, unknown>): true {
    const commands = p.commands === undefined ? [] : p.commands;
    if (!Array.isArray(commands)) throw badRequest("can't parse commands JSON object");
    if (commands.length > LIMITS.commands) throw badRequest("BOT_COMMANDS_TOO_MUCH");
    const clean: BotCommand[] = [];
    for (const command of commands) {
      if (!isRecord(command) || typeof command.command !== "string") throw badRequest("BOT_COMMAND_INVALID");
      if (!/^[a-z0-9_]{1,32}$/.test(command.command)) throw badRequest("BOT_COMMAND_INVALID");
      const description = command.description;
      if (typeof description !== "string") throw badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
      const length = [...description.trim()].length;
      if (length < 1 || [...description].length > LIMITS.commandDescription) {
        throw badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
      }
      clean.push({ command: command.command, description });
    }
    const key = commandsKey(p);
    if (clean.length === 0) this.commands.delete(key);
    else this.commands.set(key, clean);
    return true;
  }

  private setProfileText(
    p: Record<string, unknown>,
    field: string,
    store: Map<string, string>,
    max: number,
  ): true {
    const value = p[field];
    const lang = langOf(p);
    if (value === undefined || value === "") {
      store.delete(lang);
      return true;
    }
    if (typeof value !== "string" || [...value].length > max) throw badRequest(`${field} is too long`);
    store.set(lang, value);
    return true;
  }

  private setWebhook(p: Record<string, unknown>): true {
    const url = typeof p.url === "string" ? p.url : "";
    if (url === "") {
      this.webhook = undefined;
      return true;
    }
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw badRequest("invalid webhook URL specified");
    }
    if (parsed.protocol !== "https:")
      throw badRequest("bad webhook: An HTTPS URL must be provided for webhook");
    if (!["", "80", "88", "443", "8443"].includes(parsed.port)) {
      throw badRequest("bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443");
    }
    const webhook: WebhookState = { url };
    if (p.secret_token !== undefined) {
      if (typeof p.secret_token !== "string" || !/^[A-Za-z0-9_-]{1,256}$/.test(p.secret_token)) {
        throw badRequest("secret token contains unallowed characters");
      }
      webhook.secret_token = p.secret_token;
    }
    const maxConnections = toInt(p.max_connections);
    if (maxConnections !== undefined) {
      if (maxConnections < 1 || maxConnections > 100) throw badRequest("invalid max_connections specified");
      webhook.max_connections = maxConnections;
    }
    if (Array.isArray(p.allowed_updates)) {
      this.allowedUpdates = p.allowed_updates.filter((u): u is string => typeof u === "string");
      webhook.allowed_updates = [...this.allowedUpdates];
    }
    if (isTrue(p.drop_pending_updates)) this.queue.length = 0;
    this.webhook = webhook;
    // Telegram ends a pending long poll the moment a webhook is set.
    this.poll?.finish(new TelegramApiError(409, ERRORS.conflictSetWebhook));
    return true;
  }

  // ---------------------------------------------------------------- updates

  /** Updates waiting to be confirmed by a getUpdates offset. */
  get pendingUpdates(): readonly Update[] {
    return this.queue;
  }

  /** Whether a getUpdates long poll is currently waiting. */
  get isPolling(): boolean {
    return this.poll !== undefined;
  }

  /**
   * Queues an update for getUpdates, as if a user just did something. An update_id that is missing or not
   * above the last one is replaced (Telegram's ids only grow, and grammY's offset would skip a lower one);
   * returns the id used. Updates of types the bot did not allow are dropped, as Telegram never creates them.
   */
  pushUpdate(update: Partial<Update>): number {
    const given = update.update_id;
    const id = given !== undefined && given > this.highestUpdateId ? given : this.highestUpdateId + 1;
    this.highestUpdateId = id;
    const full = { ...update, update_id: id } as Update;
    this.observe(full);
    if (!this.isAllowed(full)) return id;
    this.queue.push(full);
    this.scheduleDelivery();
    return id;
  }

  /** Ends a pending long poll with an empty result, e.g. when the server shuts down. */
  cancelPendingPolls(): void {
    this.poll?.finish([]);
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
      if (poll && this.queue.length > 0) poll.finish(this.queue.slice(0, poll.limit));
    });
  }

  private getUpdates(
    p: Record<string, unknown>,
    signal: AbortSignalLike | undefined,
  ): Update[] | Promise<Update[]> {
    if (this.webhook) throw new TelegramApiError(409, ERRORS.conflictWebhook);
    const offset = toInt(p.offset) ?? 0;
    const limit = Math.min(LIMITS.getUpdatesLimit, Math.max(1, toInt(p.limit) ?? LIMITS.getUpdatesLimit));
    const timeout = Math.max(0, toNumber(p.timeout) ?? 0);
    if (Array.isArray(p.allowed_updates)) {
      this.allowedUpdates = p.allowed_updates.filter((u): u is string => typeof u === "string");
    }
    // The offset confirms every earlier update; a negative offset keeps only the last -offset ones.
    if (offset > 0) {
      const keepFrom = this.queue.findIndex((u) => u.update_id >= offset);
      this.queue.splice(0, keepFrom === -1 ? this.queue.length : keepFrom);
    } else if (offset < 0) {
      this.queue.splice(0, Math.max(0, this.queue.length + offset));
    }
    // Telegram answers the older of two concurrent polls with 409; the newer one proceeds.
    this.poll?.finish(new TelegramApiError(409, ERRORS.conflictOtherPoll));

    const ready = this.queue.slice(0, limit);
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
}

// ---------------------------------------------------------------- formatting and validation

/**
 * Reads a text field the way Telegram does: explicit entities win over parse_mode; otherwise HTML or
 * MarkdownV2 is parsed into plain text and entities. Then the limits apply to the parsed text.
 */
export function formattedText(
  p: Record<string, unknown>,
  textField: string,
  entitiesField: string,
  parseModeField: string,
): { text: string; entities: MessageEntity[] } {
  const raw = p[textField];
  let text = typeof raw === "string" ? raw : typeof raw === "number" ? String(raw) : "";
  let entities: MessageEntity[] = [];
  if (p[entitiesField] !== undefined) {
    entities = validateEntities(p[entitiesField], text);
  } else if (typeof p[parseModeField] === "string") {
    const mode = (p[parseModeField] as string).toLowerCase();
    if (mode === "html") ({ text, entities } = parseHtml(text));
    else if (mode === "markdownv2") ({ text, entities } = parseMarkdownV2(text));
    else if (mode !== "markdown" && mode !== "") throw badRequest(`unsupported parse_mode`);
  }
  if (text.trim() === "") throw badRequest("message text is empty");
  if (text.length > LIMITS.messageText) throw badRequest("message is too long");
  return { text, entities };
}

function validateEntities(value: unknown, text: string): MessageEntity[] {
  if (!Array.isArray(value)) throw badRequest("can't parse entities JSON object");
  const out: MessageEntity[] = [];
  value.forEach((entity, index) => {
    const where = `entity #${index}`;
    if (!isRecord(entity)) throw badRequest(`can't parse entities: ${where} is not an object`);
    const { type, offset, length } = entity;
    if (typeof type !== "string" || !ENTITY_TYPES.has(type)) {
      throw badRequest(`can't parse entities: ${where} has unsupported type ${JSON.stringify(type)}`);
    }
    if (!Number.isInteger(offset) || !Number.isInteger(length)) {
      throw badRequest(`can't parse entities: ${where} (${type}) needs integer offset and length`);
    }
    const o = offset as number;
    const l = length as number;
    if (o < 0 || l < 0 || o + l > text.length) {
      throw badRequest(
        `can't parse entities: ${where} (${type}) at offset ${o} with length ${l} lies outside the text of ${text.length} UTF-16 code units`,
      );
    }
    if (type === "text_link" && typeof entity.url !== "string") {
      throw badRequest(`can't parse entities: ${where} (text_link) has no url`);
    }
    if (type === "text_mention" && !isRecord(entity.user)) {
      throw badRequest(`can't parse entities: ${where} (text_mention) has no user`);
    }
    if (type === "custom_emoji" && typeof entity.custom_emoji_id !== "string") {
      throw badRequest(`can't parse entities: ${where} (custom_emoji) has no custom_emoji_id`);
    }
    // Checked field by field above; Telegram silently drops empty entities.
    if (l > 0) out.push(structuredClone(entity) as unknown as MessageEntity);
  });
  return out;
}

/**
 * Checks reply_markup as Telegram does and returns the inline keyboard it holds, if any. Reply keyboards,
 * keyboard removal and force-reply pass (they do not appear on the sent message).
 */
export function validateReplyMarkup(value: unknown): InlineKeyboardMarkup | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) throw badRequest("can't parse reply keyboard markup JSON object");
  if ("inline_keyboard" in value) {
    const rows = value.inline_keyboard;
    if (!Array.isArray(rows) || !rows.every(Array.isArray)) {
      throw badRequest('can\'t parse inline keyboard: field "inline_keyboard" must be an Array of Arrays');
    }
    let count = 0;
    for (const row of rows as unknown[][]) {
      for (const button of row) {
        count++;
        validateInlineButton(button);
      }
    }
    if (count > LIMITS.inlineKeyboardButtons) throw badRequest("reply markup is too long");
    // Every button was checked above.
    return structuredClone(value) as unknown as InlineKeyboardMarkup;
  }
  if ("keyboard" in value) {
    const rows = value.keyboard;
    if (!Array.isArray(rows) || !rows.every(Array.isArray)) {
      throw badRequest('can\'t parse keyboard: field "keyboard" must be an Array of Arrays');
    }
    for (const row of rows as unknown[][]) {
      for (const button of row) {
        const text = typeof button === "string" ? button : isRecord(button) ? button.text : undefined;
        if (typeof text !== "string" || text === "")
          throw badRequest('can\'t parse keyboard button: Field "text" must be of type String');
      }
    }
    return undefined;
  }
  if ("remove_keyboard" in value || "force_reply" in value) return undefined;
  throw badRequest("can't parse reply keyboard markup JSON object");
}

function validateInlineButton(button: unknown): void {
  if (!isRecord(button) || typeof button.text !== "string") {
    throw badRequest("can't parse inline keyboard button: Can't find field \"text\"");
  }
  const actions = BUTTON_ACTIONS.filter((field) => button[field] !== undefined);
  if (actions.length === 0)
    throw badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
  if (actions.length > 1) throw badRequest("BUTTON_TYPE_INVALID");
  if (button.callback_data !== undefined) {
    const data = button.callback_data;
    if (typeof data !== "string" || data === "" || utf8Length(data) > LIMITS.callbackData) {
      throw badRequest("BUTTON_DATA_INVALID");
    }
  }
  if (button.url !== undefined) {
    let ok = false;
    if (typeof button.url === "string") {
      try {
        ok = ["http:", "https:", "tg:"].includes(new URL(button.url).protocol);
      } catch {
        ok = false;
      }
    }
    if (!ok) throw badRequest("BUTTON_URL_INVALID");
  }
}

function inlineOnly(markup: InlineKeyboardMarkup | undefined): InlineKeyboardMarkup | undefined {
  return markup && markup.inline_keyboard.length > 0 ? markup : undefined;
}

function setMarkup(message: Message, markup: InlineKeyboardMarkup | undefined): void {
  if (markup) message.reply_markup = markup;
  else delete message.reply_markup;
}

function sameMarkup(a: InlineKeyboardMarkup | undefined, b: InlineKeyboardMarkup | undefined): boolean {
  return sameJson(inlineOnly(a) ?? null, inlineOnly(b) ?? null);
}

// ---------------------------------------------------------------- parse modes

const HTML_TAGS: Record<string, MessageEntity["type"] | "a" | "span" | "tg-emoji"> = {
  b: "bold",
  strong: "bold",
  i: "italic",
  em: "italic",
  u: "underline",
  ins: "underline",
  s: "strikethrough",
  strike: "strikethrough",
  del: "strikethrough",
  "tg-spoiler": "spoiler",
  span: "span",
  a: "a",
  code: "code",
  pre: "pre",
  blockquote: "blockquote",
  "tg-emoji": "tg-emoji",
};

interface OpenTag {
  name: string;
  start: number;
  attrs: Record<string, string>;
  /** Set on a <pre> when its inner <code class="language-x"> names a language. */
  language?: string;
}

/** Parses Telegram's HTML parse mode into text and entities, failing where Telegram fails. */
export function parseHtml(input: string): { text: string; entities: MessageEntity[] } {
  const fail = (what: string): never => {
    throw badRequest(`can't parse entities: ${what}`);
  };
  const byteOffset = (i: number): number => utf8Length(input.slice(0, i));
  let text = "";
  const entities: MessageEntity[] = [];
  const stack: OpenTag[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i];
    if (ch === "<") {
      const close = input.indexOf(">", i);
      if (input[i + 1] === "/") {
        if (close === -1) fail(`Unclosed end tag at byte offset ${byteOffset(i)}`);
        const name = input
          .slice(i + 2, close)
          .trim()
          .toLowerCase();
        const open = stack.pop();
        if (!open) fail(`Unexpected end tag at byte offset ${byteOffset(i)}`);
        else if (open.name !== name) {
          fail(
            `Unmatched end tag at byte offset ${byteOffset(i)}, expected "</${open.name}>", found "</${name}>"`,
          );
        } else {
          closeHtmlTag(open, stack, text.length, entities);
        }
        i = close + 1;
        continue;
      }
      const nameMatch = /^[a-zA-Z][a-zA-Z0-9-]*/.exec(input.slice(i + 1));
      const name = (nameMatch?.[0] ?? "").toLowerCase();
      if (!(name in HTML_TAGS)) fail(`Unsupported start tag "${name}" at byte offset ${byteOffset(i)}`);
      if (close === -1) fail(`Unclosed start tag at byte offset ${byteOffset(i)}`);
      const attrs = parseHtmlAttributes(input.slice(i + 1 + name.length, close).replace(/\/$/, ""));
      stack.push({ name, start: text.length, attrs });
      i = close + 1;
      continue;
    }
    if (ch === "&") {
      const entity = /^&(#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z]+);/.exec(input.slice(i, i + 12));
      const decoded = entity?.[1] === undefined ? undefined : decodeHtmlEntity(entity[1]);
      if (entity && decoded !== undefined) {
        text += decoded;
        i += entity[0].length;
        continue;
      }
    }
    text += ch;
    i++;
  }
  const unclosed = stack.pop();
  if (unclosed) fail(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
  return { text, entities: sortEntities(entities) };
}

function closeHtmlTag(open: OpenTag, stack: OpenTag[], end: number, entities: MessageEntity[]): void {
  const length = end - open.start;
  const kind = HTML_TAGS[open.name];
  const parent = stack[stack.length - 1];
  if (open.name === "code" && parent?.name === "pre" && open.attrs.class?.startsWith("language-")) {
    // <pre><code class="language-x"> is one pre entity with a language, not two entities.
    parent.language = open.attrs.class.slice("language-".length);
    return;
  }
  if (length === 0) return;
  const base = { offset: open.start, length };
  if (kind === "a") {
    if (open.attrs.href) entities.push({ ...base, type: "text_link", url: open.attrs.href });
  } else if (kind === "span") {
    if (open.attrs.class !== "tg-spoiler") {
      throw badRequest('can\'t parse entities: Tag "span" must have class "tg-spoiler"');
    }
    entities.push({ ...base, type: "spoiler" });
  } else if (kind === "tg-emoji") {
    entities.push({ ...base, type: "custom_emoji", custom_emoji_id: open.attrs["emoji-id"] ?? "" });
  } else if (kind === "pre") {
    entities.push(
      open.language ? { ...base, type: "pre", language: open.language } : { ...base, type: "pre" },
    );
  } else if (kind === "blockquote") {
    entities.push({ ...base, type: "expandable" in open.attrs ? "expandable_blockquote" : "blockquote" });
  } else if (kind !== undefined) {
    entities.push({ ...base, type: kind } as MessageEntity);
  }
}

function parseHtmlAttributes(source: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  const pattern = /([a-zA-Z-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
  for (const match of source.matchAll(pattern)) {
    const name = match[1];
    if (name === undefined) continue;
    const value = match[2] ?? match[3] ?? match[4] ?? "";
    attrs[name.toLowerCase()] = value.replace(
      /&(#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z]+);/g,
      (whole, body: string) => {
        return decodeHtmlEntity(body) ?? whole;
      },
    );
  }
  return attrs;
}

function decodeHtmlEntity(body: string): string | undefined {
  const named: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };
  if (body.startsWith("#x") || body.startsWith("#X"))
    return safeCodePoint(Number.parseInt(body.slice(2), 16));
  if (body.startsWith("#")) return safeCodePoint(Number.parseInt(body.slice(1), 10));
  return named[body];
}

function safeCodePoint(n: number): string | undefined {
  return Number.isInteger(n) && n >= 0 && n <= 0x10ffff ? String.fromCodePoint(n) : undefined;
}

const MARKDOWN_V2_RESERVED = new Set("_*[]()~`>#+-=|{}.!".split(""));
const MARKDOWN_V2_NAMES: Record<string, string> = {
  bold: "Bold",
  italic: "Italic",
  underline: "Underline",
  strikethrough: "Strikethrough",
  spoiler: "Spoiler",
  link: "TextUrl",
  emoji: "CustomEmoji",
};

/**
 * Parses MarkdownV2 into text and entities. Covers what bots write in practice — the inline styles, code,
 * pre, links, custom emoji and block quotes — and, above all, rejects unescaped reserved characters the
 * way Telegram does, the classic MarkdownV2 bug with dynamic text.
 */
export function parseMarkdownV2(input: string): { text: string; entities: MessageEntity[] } {
  const fail = (what: string): never => {
    throw badRequest(`can't parse entities: ${what}`);
  };
  const byteOffset = (i: number): number => utf8Length(input.slice(0, i));
  let text = "";
  const entities: MessageEntity[] = [];
  const stack: { kind: string; start: number; at: number }[] = [];
  let quoteStart: number | undefined;
  let quoteExpandable = false;
  const closeQuote = (): void => {
    if (quoteStart === undefined) return;
    let end = text.length;
    if (text.endsWith("\n")) end--;
    if (end > quoteStart) {
      entities.push({
        type: quoteExpandable ? "expandable_blockquote" : "blockquote",
        offset: quoteStart,
        length: end - quoteStart,
      });
    }
    quoteStart = undefined;
    quoteExpandable = false;
  };
  const toggle = (kind: string, at: number): void => {
    const top = stack[stack.length - 1];
    if (top?.kind === kind) {
      stack.pop();
      if (text.length > top.start) {
        entities.push({ type: kind, offset: top.start, length: text.length - top.start } as MessageEntity);
      }
    } else {
      stack.push({ kind, start: text.length, at });
    }
  };
  let i = 0;
  while (i < input.length) {
    const ch = input[i] ?? "";
    const lineStart = i === 0 || input[i - 1] === "\n";
    if (lineStart) {
      if (input.startsWith("**>", i) || ch === ">") {
        if (quoteStart === undefined) {
          quoteStart = text.length;
          quoteExpandable = input.startsWith("**>", i);
        }
        i += input.startsWith("**>", i) ? 3 : 1;
        continue;
      }
      closeQuote();
    }
    if (ch === "\\") {
      const next = input[i + 1];
      if (next === undefined) fail(`Character '\\' is reserved and must be escaped with the preceding '\\'`);
      text += next;
      i += 2;
      continue;
    }
    if (ch === "`") {
      const isPre = input.startsWith("```", i);
      const fence = isPre ? "```" : "`";
      let j = i + fence.length;
      let language: string | undefined;
      if (isPre) {
        const newline = input.indexOf("\n", j);
        const end = input.indexOf("```", j);
        if (newline !== -1 && (end === -1 || newline < end)) {
          language = input.slice(j, newline) || undefined;
          j = newline + 1;
        }
      }
      const start = text.length;
      let closed = false;
      while (j < input.length) {
        if (input[j] === "\\" && j + 1 < input.length) {
          text += input[j + 1];
          j += 2;
          continue;
        }
        if (input.startsWith(fence, j)) {
          closed = true;
          break;
        }
        text += input[j];
        j++;
      }
      if (!closed) fail(`Can't find end of ${isPre ? "Pre" : "Code"} entity at byte offset ${byteOffset(i)}`);
      if (text.length > start) {
        const base = { offset: start, length: text.length - start };
        entities.push(
          isPre
            ? language
              ? { ...base, type: "pre", language }
              : { ...base, type: "pre" }
            : { ...base, type: "code" },
        );
      }
      i = j + fence.length;
      continue;
    }
    if (ch === "*") {
      toggle("bold", i);
      i++;
      continue;
    }
    if (ch === "_") {
      if (input[i + 1] === "_") {
        toggle("underline", i);
        i += 2;
      } else {
        toggle("italic", i);
        i++;
      }
      continue;
    }
    if (ch === "~") {
      toggle("strikethrough", i);
      i++;
      continue;
    }
    if (ch === "|" && input[i + 1] === "|") {
      // "||" closing the last line of an expandable quote, or a spoiler.
      if (
        quoteExpandable &&
        stack[stack.length - 1]?.kind !== "spoiler" &&
        /^\|\|(\n|$)/.test(input.slice(i))
      ) {
        i += 2;
        continue;
      }
      toggle("spoiler", i);
      i += 2;
      continue;
    }
    if (ch === "[" || (ch === "!" && input[i + 1] === "[")) {
      stack.push({ kind: ch === "!" ? "emoji" : "link", start: text.length, at: i });
      i += ch === "!" ? 2 : 1;
      continue;
    }
    if (ch === "]") {
      const top = stack[stack.length - 1];
      if ((top?.kind === "link" || top?.kind === "emoji") && input[i + 1] === "(") {
        let j = i + 2;
        let url = "";
        while (j < input.length && input[j] !== ")") {
          if (input[j] === "\\" && j + 1 < input.length) {
            url += input[j + 1];
            j += 2;
            continue;
          }
          url += input[j];
          j++;
        }
        if (j >= input.length) fail(`Can't find end of a URL at byte offset ${byteOffset(i + 1)}`);
        stack.pop();
        const base = { offset: top.start, length: text.length - top.start };
        if (base.length > 0) {
          if (top.kind === "emoji") {
            const id = /[?&]id=(\d+)/.exec(url)?.[1] ?? "";
            entities.push({ ...base, type: "custom_emoji", custom_emoji_id: id });
          } else {
            entities.push({ ...base, type: "text_link", url });
          }
        }
        i = j + 1;
        continue;
      }
    }
    if (MARKDOWN_V2_RESERVED.has(ch)) {
      fail(`Character '${ch}' is reserved and must be escaped with the preceding '\\'`);
    }
    text += ch;
    i++;
  }
  closeQuote();
  const open = stack.pop();
  if (open)
    fail(
      `Can't find end of ${MARKDOWN_V2_NAMES[open.kind] ?? open.kind} entity at byte offset ${byteOffset(open.at)}`,
    );
  return { text, entities: sortEntities(entities) };
}

function sortEntities(entities: MessageEntity[]): MessageEntity[] {
  return entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
}

// ---------------------------------------------------------------- small helpers

function methodMatches(pattern: string | RegExp, method: string): boolean {
  if (typeof pattern === "string") return pattern.toLowerCase() === method.toLowerCase();
  pattern.lastIndex = 0; // a /g or /y pattern would otherwise remember where it stopped
  return pattern.test(method);
}

function faultError(fault: {
  error_code: number;
  description?: string;
  retry_after?: number;
}): TelegramApiError {
  if (fault.error_code === 429) {
    const retryAfter = fault.retry_after ?? 1;
    return new TelegramApiError(429, fault.description ?? `Too Many Requests: retry after ${retryAfter}`, {
      retry_after: retryAfter,
    });
  }
  const defaults: Record<number, string> = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: ERRORS.conflictOtherPoll,
    500: "Internal Server Error",
    502: "Bad Gateway",
  };
  const description = fault.description ?? defaults[fault.error_code] ?? `Error ${fault.error_code}`;
  return fault.retry_after === undefined
    ? new TelegramApiError(fault.error_code, description)
    : new TelegramApiError(fault.error_code, description, { retry_after: fault.retry_after });
}

function synthesizeChat(id: number, type: Chat["type"]): Chat {
  switch (type) {
    case "private":
      return { id, type, first_name: "Reader" };
    case "group":
      return { id, type, title: "Test group" };
    case "supergroup":
      return { id, type, title: "Test supergroup" };
    case "channel":
      return { id, type, title: "Test channel" };
  }
}

function commandsKey(p: Record<string, unknown>): string {
  const scope = p.scope === undefined ? { type: "default" } : p.scope;
  if (!isRecord(scope) || typeof scope.type !== "string" || !SCOPE_TYPES.has(scope.type)) {
    throw badRequest("can't parse BotCommandScope JSON object");
  }
  const needsChat =
    scope.type === "chat" || scope.type === "chat_administrators" || scope.type === "chat_member";
  const chatId = toChatId(scope.chat_id);
  if (needsChat && chatId === undefined) throw badRequest("chat not found");
  const userId = toInt(scope.user_id);
  if (scope.type === "chat_member" && userId === undefined) throw badRequest("user not found");
  const lang = langOf(p);
  if (lang !== "" && !/^[a-z]{2}$/.test(lang)) throw badRequest("invalid language code specified");
  return JSON.stringify([scope.type, needsChat ? chatId : null, userId ?? null, lang]);
}

function langOf(p: Record<string, unknown>): string {
  return typeof p.language_code === "string" ? p.language_code : "";
}

/** Chat ids arrive as numbers from JSON and as strings from form bodies; "@channel" names are unknown here. */
function toChatId(value: unknown): number | undefined {
  return toInt(value);
}

function toInt(value: unknown): number | undefined {
  const n = toNumber(value);
  return n !== undefined && Number.isInteger(n) ? n : undefined;
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return undefined;
}

function isTrue(value: unknown): boolean {
  return value === true || value === "true";
}

/** A plain-object check that narrows `unknown` without casts. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function utf8Length(s: string): number {
  return Buffer.byteLength(s, "utf8");
}

function sameJson(a: unknown, b: unknown): boolean {
  return stableStringify(a) === stableStringify(b);
}

function stableStringify(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (!isRecord(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(v).sort()) sorted[key] = v[key];
    return sorted;
  });
}

function abortError(): Error {
  return new DOMException("This operation was aborted", "AbortError");
}

function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === "AbortError";
}

/** setTimeout as a promise that an abort signal can cut short. */
function sleep(ms: number, signal?: AbortSignalLike): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError());
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort);
  });
}
