import { describe, expect, it } from "vitest";
import { LOOPBACK_HOSTNAMES, previewEndpoints } from "../../src/preview/endpoints.js";
import { ReaderSimulator } from "../../src/preview/simulator.js";
import { findPage } from "../../src/preview/static-page.js";
import { BotApiModel } from "../../src/preview/telegram-model/index.js";

function app(allowedHostnames: readonly string[] = ["localhost"]) {
  const model = new BotApiModel();
  const simulator = new ReaderSimulator(model);
  const routes = previewEndpoints({
    simulator,
    page: findPage(),
    languages: ["ar", "en"],
    allowedHostnames,
  });
  return { model, routes };
}

describe("the preview routes", () => {
  it("stream what the bot does as Server-Sent Events, one JSON object per event", async () => {
    const { model, routes } = app();
    const response = await routes.request("/api/events");
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const reader = response.body?.getReader();
    if (!reader) throw new Error("no body");
    const decoder = new TextDecoder();
    let text = "";
    const readUntil = async (needle: string): Promise<void> => {
      while (!text.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${needle}: ${text}`);
        text += decoder.decode(value);
      }
    };
    await readUntil(": connected");
    await model.handle("sendMessage", { chat_id: 5, text: "hello" });
    await readUntil("\n\n");
    await readUntil('"hello"');
    const data = text.split("\n").find((line) => line.startsWith("data: "));
    expect(JSON.parse(data?.slice(6) ?? "null")).toMatchObject({
      type: "message",
      chatId: 5,
      message: { text: "hello", chat: { id: 5 } },
    });
    await reader.cancel();
  });

  it("serve the page's files by plain name only", async () => {
    const { routes } = app();
    const index = await routes.request("/");
    expect(index.status).toBe(200);
    expect(await index.text()).toContain("/page/page.js");
    expect((await routes.request("/page/page.js")).headers.get("content-type")).toContain("text/javascript");
    expect((await routes.request("/page/..%2F..%2Fconfig.ts")).status).toBe(404);
    expect((await routes.request("/page/nothing.js")).status).toBe(404);
  });

  it("answer malformed requests with 400 and what is wrong", async () => {
    const { routes } = app();
    const bad = await routes.request("/api/message", {
      method: "POST",
      body: "{",
      headers: { "content-type": "application/json" },
    });
    expect(bad.status).toBe(400);
    const wrong = await routes.request("/api/message", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        chat: { id: 1, type: "channel" },
        from: { id: 1, first_name: "R" },
        text: "hi",
      }),
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({
      ok: false,
      description: expect.stringContaining("chat.type"),
    });
    expect((await routes.request("/api/history?chat=abc")).status).toBe(400);
  });

  it("answer on loopback names only when bound to loopback, so another site cannot rebind to them", async () => {
    const { routes } = app(LOOPBACK_HOSTNAMES);
    const on = (host: string) => routes.request("http://x/api/info", { headers: { host } });
    expect((await on("127.0.0.1:8080")).status).toBe(200);
    expect((await on("localhost:8080")).status).toBe(200);
    expect((await on("[::1]:8080")).status).toBe(200);
    expect((await on("evil.example:8080")).status).toBe(403);
  });

  it("take JSON bodies only, so a plain cross-site form cannot post to them", async () => {
    const { routes } = app();
    const body = JSON.stringify({
      chat: { id: 1, type: "private" },
      from: { id: 1, first_name: "R" },
      text: "hi",
    });
    const form = await routes.request("/api/message", {
      method: "POST",
      body,
      headers: { "content-type": "text/plain" },
    });
    expect(form.status).toBe(415);
    const json = await routes.request("/api/message", {
      method: "POST",
      body,
      headers: { "content-type": "application/json; charset=utf-8" },
    });
    expect(json.status).toBe(200);
  });
});
