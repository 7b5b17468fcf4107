import { describe, expect, it } from "vitest";
import { CONVERSATION_TTL_SECONDS } from "../../src/bot/create-bot.js";
import { createMemoryStore } from "../../src/storage/index.js";
import { quotesDialog } from "../helpers/quotes-dialog.js";
import { createTestApp, story } from "../helpers/test-app.js";
import * as updates from "../helpers/updates.js";

const QUESTION = "اقتباسات مَن تريد";
/** What a name the story lacks gets outside the quotes question (inside: "no one by that name" and a retry). */
const NOT_READ = "لا شيء في هذا الخبر يطابق";

function clockedStore() {
  let now = Date.UTC(2025, 0, 1);
  const store = createMemoryStore({ scope: "1000", now: () => now, sweepIntervalMs: 0 });
  return { store, advance: (ms: number) => (now += ms) };
}

const textOf = (calls: ReadonlyArray<{ method: string; payload: Record<string, unknown> }>) =>
  String(calls.find((c) => c.method === "sendMessage")?.payload.text ?? "");

describe("conversation state in the store", () => {
  it("a finished conversation leaves nothing behind", async () => {
    const { store } = clockedStore();
    const t = createTestApp({ store });
    expect(textOf(await t.send(updates.command("/quotes")))).toContain(QUESTION);
    expect(store.size()).toBeGreaterThan(0);
    const conv = quotesDialog(store);
    expect(await conv.read("42")).toBeDefined();
    expect(textOf(await t.send(updates.message("بيسكوف")))).toContain(story.quotesBy.get("peskov")?.[0]?.ar);
    expect(await conv.read("42")).toBeUndefined();
  });

  it("an abandoned conversation expires after CONVERSATION_TTL_SECONDS without a write", async () => {
    const { store, advance } = clockedStore();
    const t = createTestApp({ store });
    await t.send(updates.command("/quotes"));
    advance(CONVERSATION_TTL_SECONDS * 1000 - 1000);
    expect(await quotesDialog(store).read("42")).toBeDefined();
    advance(2000);
    expect(await quotesDialog(store).read("42")).toBeUndefined();
    // The reader's next message is no longer taken as an answer.
    expect(textOf(await t.send(updates.message("نتنياهو")))).toContain(NOT_READ);
  });

  it("a conversation begun by one instance is answered by another sharing the store", async () => {
    const { store } = clockedStore();
    const a = createTestApp({ store });
    const b = createTestApp({ store });
    await a.send(updates.command("/quotes"));
    expect(textOf(await b.send(updates.message("بيسكوف")))).toContain(story.quotesBy.get("peskov")?.[0]?.ar);
  });
});
