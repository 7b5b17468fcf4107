/**
 * The preview answers only its owner: the real process (`npm run preview`), over real HTTP, as a stranger
 * would try it. A foreign Host is refused however it listens (loopback, 127.0.0.2, every interface); the
 * API refuses calls from another site's page; bodies, message history and event streams are bounded.
 */
import { request } from "node:http";
import type { Message } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_EVENT_STREAMS, PREVIEW_RETENTION } from "../../src/preview/endpoints.js";
import { rssBytes } from "../helpers/slow-clients.js";
import { type BotProcess, killAllBots, msg, spawnBot, tempDataDir } from "../helpers/spawn-bot.js";

const MAIN = ["--import", "tsx", "src/main.ts"];
const CONTENT = "test/fixtures/stories";
const data = tempDataDir();

afterAll(async () => {
  await killAllBots();
  data.remove();
});

interface Answer {
  status: number;
  body: string;
}

/** One HTTP request to 127.0.0.1:`port` with exactly these headers (Host included). */
function call(
  port: number,
  options: { method?: string; path: string; host: string; headers?: Record<string, string>; body?: string },
  address = "127.0.0.1",
): Promise<Answer> {
  return callAt(address, port, options);
}

function callAt(
  address: string,
  port: number,
  options: { method?: string; path: string; host: string; headers?: Record<string, string>; body?: string },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: address,
        port,
        method: options.method ?? "GET",
        path: options.path,
        headers: {
          host: options.host,
          ...(options.body === undefined ? {} : { "content-type": "application/json" }),
          ...options.headers,
        },
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          body += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        res.on("error", reject);
      },
    );
    req.on("error", (error) =>
      reject(new Error(`${options.method ?? "GET"} ${options.path}: ${error.message}`)),
    );
    req.end(options.body);
  });
}

async function startPreview(host: string): Promise<{ bot: BotProcess; port: number }> {
  const bot = spawnBot({ PORT: "0", DATA_DIR: data.dir }, [
    ...MAIN,
    "--preview",
    "--content",
    CONTENT,
    "--host",
    host,
  ]);
  const ready = await bot.waitForLog(msg("preview ready"), 30_000);
  return { bot, port: Number(/:(\d+)$/.exec(String(ready.address))?.[1]) };
}

const reader = { id: 777, first_name: "Editor", language_code: "en" };
const textBody = (text: string) =>
  JSON.stringify({ chat: { id: reader.id, type: "private" }, from: reader, text });

describe.each(["127.0.0.2", "0.0.0.0"])("the preview listening on %s", (listen) => {
  let port: number;
  const own = listen === "0.0.0.0" ? "127.0.0.1" : listen;
  const call = (options: Parameters<typeof callAt>[2]) => callAt(own, port, options);
  beforeAll(async () => {
    ({ port } = await startPreview(listen));
  }, 40_000);

  it("refuses a foreign Host on the page and the API, and answers its own", async () => {
    expect((await call({ path: "/", host: `${own}:${port}` })).status).toBe(200);
    expect((await call({ path: "/api/info", host: `localhost:${port}` })).status).toBe(200);
    for (const host of [`evil.example:${port}`, "evil.example", `attacker.test.${own}.nip.io:${port}`]) {
      expect((await call({ path: "/", host })).status).toBe(403);
      expect((await call({ path: "/api/info", host })).status).toBe(403);
      expect((await call({ method: "POST", path: "/api/reset", host })).status).toBe(403);
    }
  });
});

describe("the preview on loopback", () => {
  let bot: BotProcess;
  let port: number;
  let host: string;
  beforeAll(async () => {
    ({ bot, port } = await startPreview("127.0.0.1"));
    host = `127.0.0.1:${port}`;
  }, 40_000);

  const history = async (): Promise<Message[]> =>
    (
      JSON.parse((await call(port, { path: `/api/history?chat=${reader.id}`, host })).body) as {
        messages: Message[];
      }
    ).messages;

  it("refuses state-changing calls from another site's page and takes its own page's", async () => {
    const sent = await call(port, { method: "POST", path: "/api/message", host, body: textBody("/start") });
    expect(sent.status).toBe(200);
    expect((await history()).length).toBeGreaterThan(0);
    // What Chromium sends for a form or fetch on another site: refused, the chat is not wiped.
    const crossSite: Record<string, string>[] = [
      { origin: "http://evil.example", "sec-fetch-site": "cross-site" },
      { origin: "http://evil.example" },
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site", origin: `http://localhost:${port}` },
      { origin: "null" },
    ];
    for (const headers of crossSite) {
      expect((await call(port, { method: "POST", path: "/api/reset", host, headers })).status).toBe(403);
      const injected = await call(port, {
        method: "POST",
        path: "/api/message",
        host,
        headers,
        body: textBody("from elsewhere"),
      });
      expect(injected.status).toBe(403);
      // The event stream is not for other sites either.
      expect((await call(port, { path: "/api/events", host, headers })).status).toBe(403);
    }
    expect((await history()).some((m) => m.text === "from elsewhere")).toBe(false);
    expect((await history()).length).toBeGreaterThan(0);
    // The page itself: same origin.
    const own = { origin: `http://${host}`, "sec-fetch-site": "same-origin" };
    expect((await call(port, { method: "POST", path: "/api/reset", host, headers: own })).status).toBe(200);
    expect(await history()).toEqual([]);
  });

  it("refuses a body over the limit without reading it", async () => {
    const before = rssBytes(bot.child.pid ?? 0);
    const huge = textBody("x".repeat(8 * 1024 * 1024));
    for (let i = 0; i < 4; i++) {
      const answer = await call(port, { method: "POST", path: "/api/message", host, body: huge }).catch(
        () => ({ status: 413, body: "" }),
      );
      expect(answer.status).toBe(413);
    }
    expect(rssBytes(bot.child.pid ?? 0) - before).toBeLessThan(64 * 1024 * 1024);
  }, 30_000);

  it("keeps a bounded history per chat", async () => {
    const keep = PREVIEW_RETENTION.messagesPerChat;
    for (let i = 0; i < keep + 40; i++) {
      const sent = await call(port, {
        method: "POST",
        path: "/api/message",
        host,
        body: textBody(`note ${i}`),
      });
      expect(sent.status).toBe(200);
    }
    const kept = await history();
    expect(kept.length).toBeLessThanOrEqual(keep);
    // The newest are the ones kept.
    expect(kept.some((m) => m.text === `note ${keep + 39}`)).toBe(true);
    expect(kept.some((m) => m.text === "note 0")).toBe(false);
  }, 60_000);

  it("caps event streams, closing the oldest, so a page opened now is still served", async () => {
    const streams: { closed: Promise<void>; abort: () => void }[] = [];
    for (let i = 0; i < MAX_EVENT_STREAMS + 20; i++) {
      const opened = await new Promise<{ closed: Promise<void>; abort: () => void }>((resolve, reject) => {
        const req = request({ host: "127.0.0.1", port, path: "/api/events", headers: { host } }, (res) => {
          expect(res.statusCode).toBe(200);
          const closed = new Promise<void>((done) => res.once("close", () => done()));
          res.resume();
          resolve({ closed, abort: () => req.destroy() });
        });
        req.on("error", reject);
        req.end();
      });
      streams.push(opened);
    }
    const state = await Promise.all(
      streams.map((s) =>
        Promise.race([s.closed.then(() => "closed"), new Promise((r) => setTimeout(() => r("open"), 1000))]),
      ),
    );
    expect(state.filter((s) => s === "open")).toHaveLength(MAX_EVENT_STREAMS);
    // The oldest went; the newest are open, and the page still loads and talks to the bot.
    expect(state.slice(-MAX_EVENT_STREAMS).every((s) => s === "open")).toBe(true);
    expect((await call(port, { path: "/", host })).status).toBe(200);
    expect(
      (await call(port, { method: "POST", path: "/api/message", host, body: textBody("/help") })).status,
    ).toBe(200);
    for (const s of streams) s.abort();
  }, 30_000);
});
