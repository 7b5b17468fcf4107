/**
 * The preview's HTTP routes as a Hono app, so it can be served alone (`npm start` without a token) or
 * mounted on the same HTTP layer as the webhook server: the page's static files, the JSON API the page
 * calls, and the Server-Sent Events stream of what the bot does (protocol: docs in the preview brief).
 */
import { networkInterfaces, hostname as osHostname } from "node:os";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { streamSSE } from "hono/streaming";
import * as v from "valibot";
import { LIMITS } from "../telegram-limits.js";
import type { PreviewEvent } from "./events.js";
import { ReaderActionError, type ReaderSimulator } from "./simulator.js";
import { type StaticPage, staticFile } from "./static-page.js";
import type { ModelRetention } from "./telegram-model/model.js";

/**
 * How often an idle event stream gets a comment line, so proxies and browsers keep it open; below the
 * HTTP layer's 10 s limit on a silent connection, which would otherwise cut the stream.
 */
const KEEPALIVE_MS = 4000;

/**
 * What the preview's Bot API model keeps: an editor scrolls back a few hundred messages at most, and
 * anything more would let whoever types at the page grow the process without end.
 */
export const PREVIEW_RETENTION: ModelRetention = {
  calls: 2000,
  messagesPerChat: 500,
  chats: 200,
  answers: 2000,
};

/** The largest request body the page sends is a 4096-character message in JSON: 64 KiB is ample. */
export const MAX_PREVIEW_BODY_BYTES = 64 * 1024;

/**
 * Event streams open at once. Each tab of the page holds one; past this many, the oldest is closed so that
 * a page opened now is always served (a closed page's EventSource reconnects by itself).
 */
export const MAX_EVENT_STREAMS = 16;

const Reader = v.object({
  id: v.pipe(v.number(), v.integer(), v.minValue(1)),
  first_name: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  language_code: v.optional(v.pipe(v.string(), v.regex(/^[a-z]{0,3}(-[A-Za-z0-9]+)?$/))),
});
const ChatSchema = v.object({
  id: v.pipe(v.number(), v.integer(), v.notValue(0)),
  type: v.picklist(["private", "group", "supergroup"]),
  title: v.optional(v.pipe(v.string(), v.maxLength(128))),
});
const MessageBody = v.object({
  chat: ChatSchema,
  from: Reader,
  // Telegram clients refuse an empty message and split a longer one before sending.
  text: v.pipe(
    v.string(),
    v.check((t) => t.trim() !== "", "text is empty"),
    v.maxLength(LIMITS.messageText),
  ),
});
const CallbackBody = v.object({
  chat: ChatSchema,
  from: Reader,
  messageId: v.pipe(v.number(), v.integer(), v.minValue(1)),
  data: v.pipe(v.string(), v.minLength(1)),
});
const InlineChoiceBody = v.object({
  chat: ChatSchema,
  from: Reader,
  queryId: v.pipe(v.string(), v.minLength(1)),
  resultId: v.pipe(v.string(), v.minLength(1)),
});
const InlineBody = v.object({
  from: Reader,
  query: v.pipe(v.string(), v.maxLength(LIMITS.inlineQuery)),
  offset: v.optional(v.string(), ""),
});

const GuestBody = v.object({
  from: Reader,
  text: v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.messageText)),
});

/** Options of the preview routes. */
export interface PreviewEndpointsOptions {
  simulator: ReaderSimulator;
  /** Where the page's files are. */
  page: StaticPage;
  /** The interface languages, for /api/info's per-language command menus. */
  languages: readonly string[];
  /**
   * Host names requests must be addressed to (see {@link previewHostnames}), so a web page elsewhere cannot
   * reach the preview by pointing its own name at the preview's address (DNS rebinding).
   */
  allowedHostnames: readonly string[];
  /** Event streams open at once (default {@link MAX_EVENT_STREAMS}). */
  maxEventStreams?: number;
}

/** The names a preview listening on a loopback address is reached by. */
export const LOOPBACK_HOSTNAMES = ["127.0.0.1", "localhost", "[::1]"] as const;

/** A host as it appears in a Host header: IPv6 addresses in brackets, lower case. */
function asHostHeader(host: string): string {
  const lower = host.toLowerCase();
  return lower.includes(":") && !lower.startsWith("[") ? `[${lower}]` : lower;
}

/**
 * The Host names a preview listening on `listenHost` answers to: the loopback names, the address it
 * listens on, and, listening on every interface (0.0.0.0, ::), this machine's own addresses and name. Any
 * other Host is refused, in every mode.
 */
export function previewHostnames(listenHost: string): string[] {
  const names = new Set<string>([...LOOPBACK_HOSTNAMES, asHostHeader(listenHost)]);
  if (listenHost === "0.0.0.0" || listenHost === "::" || listenHost === "[::]") {
    for (const list of Object.values(networkInterfaces())) {
      for (const entry of list ?? []) names.add(asHostHeader(entry.address.replace(/%.*$/, "")));
    }
    const name = osHostname().toLowerCase();
    names.add(name);
    names.add(`${name}.local`);
  }
  return [...names];
}

/** `Sec-Fetch-Site` values of requests the page itself makes (or the editor typed in the address bar). */
const OWN_SITE = new Set(["same-origin", "none"]);

/**
 * Whether a request to the API comes from the preview's own page (or from a tool that is not a browser):
 * a browser names the site a request comes from in `Sec-Fetch-Site` and, on anything but a plain GET, in
 * `Origin`; a page on another site can therefore never pass, whatever it sends.
 */
function fromOwnPage(headers: Headers, url: string): boolean {
  const site = headers.get("sec-fetch-site");
  if (site !== null && !OWN_SITE.has(site.toLowerCase())) return false;
  const origin = headers.get("origin");
  if (origin === null) return true;
  try {
    return new URL(origin).host.toLowerCase() === (headers.get("host") ?? new URL(url).host).toLowerCase();
  } catch {
    return false;
  }
}

/** The preview's routes: `GET /`, `GET /page/<file>` and `/api/*`. */
export function previewEndpoints(options: PreviewEndpointsOptions): Hono {
  const { simulator, page, languages } = options;
  const allowed = new Set(options.allowedHostnames.map((name) => name.toLowerCase()));
  const maxStreams = options.maxEventStreams ?? MAX_EVENT_STREAMS;
  /** The open event streams, oldest first, each with what closes it. */
  const streams = new Set<() => void>();
  const app = new Hono();

  app.use("*", async (c, next) => {
    // Node's server builds the URL from the Host header; a request without one is named by its URL.
    const host = (c.req.header("host") ?? new URL(c.req.url).host).toLowerCase().replace(/:\d+$/, "");
    if (!allowed.has(host)) return c.text("Forbidden: the preview answers on its own address only", 403);
    return next();
  });
  app.use("/api/*", async (c, next) => {
    if (!fromOwnPage(c.req.raw.headers, c.req.url))
      return c.json({ ok: false, description: "only the preview's own page may call its API" }, 403);
    return next();
  });
  app.post(
    "/api/*",
    bodyLimit({
      maxSize: MAX_PREVIEW_BODY_BYTES,
      onError: (c) =>
        c.json({ ok: false, description: `body larger than ${MAX_PREVIEW_BODY_BYTES} bytes` }, 413, {
          connection: "close",
        }),
    }),
  );

  app.onError((error, c) => {
    if (error instanceof ReaderActionError)
      return c.json({ ok: false, description: error.message }, error.status);
    return c.json({ ok: false, description: "the preview server failed; see its log" }, 500);
  });

  app.get("/", (c) => staticFile(c, page, "index.html"));
  app.get("/page/:file", (c) => staticFile(c, page, c.req.param("file")));

  app.get("/api/info", (c) => c.json(simulator.info(languages)));

  app.get("/api/history", (c) => {
    const chat = Number(c.req.query("chat"));
    if (!Number.isInteger(chat) || chat === 0) {
      return c.json({ ok: false, description: "chat must be a chat id" }, 400);
    }
    return c.json({ messages: simulator.history(chat) });
  });

  app.post("/api/message", async (c) => {
    const body = await readBody(c.req.raw, MessageBody);
    const message = simulator.sendText(body.chat, body.from, body.text);
    return c.json({ ok: true, message });
  });

  app.post("/api/callback", async (c) => {
    const body = await readBody(c.req.raw, CallbackBody);
    const id = simulator.press(body.chat, body.from, body.messageId, body.data);
    return c.json({ ok: true, id });
  });

  app.post("/api/inline", async (c) => {
    const body = await readBody(c.req.raw, InlineBody);
    const id = simulator.inlineQuery(body.from, body.query, body.offset);
    return c.json({ ok: true, id });
  });

  // Not in the first protocol: the page asks for it when the reader picks an inline result.
  app.post("/api/inline-choice", async (c) => {
    const body = await readBody(c.req.raw, InlineChoiceBody);
    const message = simulator.chooseInlineResult(body.chat, body.from, body.queryId, body.resultId);
    return c.json({ ok: true, message });
  });

  // Guest Mode: the reader mentions the bot in another chat it is not in (see `GUEST_CHAT`).
  app.post("/api/guest", async (c) => {
    const body = await readBody(c.req.raw, GuestBody);
    const message = simulator.guestMention(body.from, body.text);
    return c.json({ ok: true, message });
  });

  app.post("/api/reset", (c) => {
    simulator.reset();
    return c.json({ ok: true });
  });

  app.get("/api/events", (c) =>
    streamSSE(c, async (stream) => {
      const queue: PreviewEvent[] = [];
      let wake: (() => void) | undefined;
      const unsubscribe = simulator.subscribe((event) => {
        queue.push(event);
        wake?.();
      });
      const close = (): void => {
        void stream.close();
      };
      streams.add(close);
      for (const oldest of streams) {
        if (streams.size <= maxStreams) break;
        streams.delete(oldest);
        oldest();
      }
      stream.onAbort(() => {
        streams.delete(close);
        unsubscribe();
        wake?.();
      });
      // An SSE comment first: the browser fires `open` as soon as the response starts.
      await stream.write(": connected\n\n");
      while (!stream.aborted && !stream.closed) {
        const event = queue.shift();
        if (event) {
          await stream.writeSSE({ data: JSON.stringify(event) });
          continue;
        }
        const idle = new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, KEEPALIVE_MS).unref();
        });
        await idle;
        wake = undefined;
        if (queue.length === 0 && !stream.aborted && !stream.closed) await stream.write(": keep-alive\n\n");
      }
      streams.delete(close);
      unsubscribe();
    }),
  );

  return app;
}

/** Parses a JSON request body against a schema, or answers 400 with what is wrong. */
async function readBody<T extends v.GenericSchema>(request: Request, schema: T): Promise<v.InferOutput<T>> {
  // JSON only: a form on another site cannot send it without the browser asking this server first.
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json")) {
    throw new ReaderActionError(415, "send JSON (content-type: application/json)");
  }
  let raw: unknown;
  try {
    raw = await request.json();
  } catch {
    throw new ReaderActionError(400, "the body must be JSON");
  }
  const parsed = v.safeParse(schema, raw);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const path = issue?.path?.map((item) => String(item.key)).join(".") ?? "";
    throw new ReaderActionError(400, `${path === "" ? "body" : path}: ${issue?.message ?? "invalid"}`);
  }
  return parsed.output;
}
