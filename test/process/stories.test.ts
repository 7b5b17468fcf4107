/**
 * `npm start` with several stories in CONTENT_DIR, as a child process against the fake Bot API server: the
 * start-up line naming what is served and skipped, a broken draft that does not stop the others, and
 * content edits picked up without a restart (by watching the folder, and on SIGHUP), a broken edit keeping
 * the last good version live.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { StoryData } from "../../src/content/schema.js";
import { RIVERSIDE_DIR } from "../bot/multi-story.js";
import { type FakeBotApiServer, startFakeBotApiServer } from "../helpers/fake-bot-api-server.js";
import type { ApiCall } from "../helpers/fake-telegram.js";
import { killAllBots, LEVEL, msg, spawnBot, tempDataDir } from "../helpers/spawn-bot.js";
import * as updates from "../helpers/updates.js";

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  await killAllBots();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function fakeApi(): Promise<FakeBotApiServer> {
  const api = await startFakeBotApiServer();
  cleanups.push(() => api.close());
  return api;
}

/** A content directory with the real story, the fixture and a broken draft. */
function contentDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "khabar-stories-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  cpSync("test/fixtures/stories/putin-trump-call", join(dir, "putin-trump-call"), { recursive: true });
  cpSync(RIVERSIDE_DIR, join(dir, "riverside-final"), { recursive: true });
  cpSync(RIVERSIDE_DIR, join(dir, "half-done"), { recursive: true });
  edit(dir, "half-done", (d) => {
    d.id = "half-done";
    d.draft = true;
    d.sections.pop();
  });
  return dir;
}

function edit(dir: string, id: string, change: (data: StoryData) => void): void {
  const file = join(dir, id, "story.json");
  const data = JSON.parse(readFileSync(file, "utf8")) as StoryData;
  change(data);
  writeFileSync(file, JSON.stringify(data, null, 2));
}

function start(api: FakeBotApiServer, content: string) {
  const data = tempDataDir();
  cleanups.push(data.remove);
  return spawnBot({
    BOT_TOKEN: api.token,
    BOT_API_ROOT: api.apiRoot,
    DATA_DIR: data.dir,
    CONTENT_DIR: content,
  });
}

/** Sends /start and returns the text of the reply. */
async function startText(api: FakeBotApiServer): Promise<string> {
  const before = api.tg.calls.length;
  api.pushUpdate(updates.command("/start", { lang: "en" }));
  const reply: ApiCall = await api.waitForCall(
    (c) => c.method === "sendMessage" && api.tg.calls.indexOf(c) >= before,
    10_000,
  );
  return String(reply.payload.text);
}

describe("several stories in one process", () => {
  it("names every story served and skipped at start, and serves the others beside a broken draft", async () => {
    const api = await fakeApi();
    const bot = start(api, contentDir());
    const loaded = await bot.waitForLog(msg(/^stories loaded: /), 20_000);
    expect(loaded.msg).toMatch(
      /^stories loaded: 1 story folder\(s\) failed \(above\); serving riverside-final \(key \w{4}, [^)]+\), putin-trump-call \(key pt, 2026-11-28\); skipping .*half-done \(\d+ problem\(s\)\)$/,
    );
    expect(loaded.served).toEqual([
      expect.objectContaining({ id: "riverside-final" }),
      expect.objectContaining({ id: "putin-trump-call", key: "pt" }),
    ]);
    const skipped = await bot.waitForLog(msg(/^story .*half-done skipped: \d+ problem\(s\)$/));
    expect(skipped.level).toBe(LEVEL.error);
    expect(String(skipped.problems)).toMatch(/is missing from the story/);
    await bot.waitForLog(msg("polling for updates"), 20_000);
    expect(await startText(api)).toContain("Riverside FC win the town final");
  }, 60_000);

  it("picks up a fixed story and keeps the last good version of a broken edit, without a restart", async () => {
    const api = await fakeApi();
    const content = contentDir();
    const bot = start(api, content);
    await bot.waitForLog(msg("polling for updates"), 20_000);
    await bot.waitForLog(msg("watching the content directory for changes"), 20_000);

    edit(content, "riverside-final", (d) => {
      d.title = { en: "Riverside FC are the town champions" };
    });
    await bot.waitForLog(
      msg(
        /^stories reloaded \(content changed\): (\d+ story folder\(s\) failed \(above\); )?serving riverside-final/,
      ),
      20_000,
    );
    expect(await startText(api)).toContain("Riverside FC are the town champions");

    edit(content, "riverside-final", (d) => {
      d.title = { en: "A broken edit" };
      d.sections[0]?.paragraphs.pop();
    });
    const kept = await bot.waitForLog(
      msg(/riverside-final has \d+ problem\(s\) after an edit: its last good version stays live/),
      20_000,
    );
    expect(kept.level).toBe(LEVEL.error);
    expect(await startText(api)).toContain("Riverside FC are the town champions");
    expect(bot.logs().filter((l) => (l.level ?? 0) >= LEVEL.fatal)).toEqual([]);
  }, 60_000);

  it("reloads on SIGHUP", async () => {
    const api = await fakeApi();
    const content = contentDir();
    const bot = start(api, content);
    await bot.waitForLog(msg("polling for updates"), 20_000);
    bot.kill("SIGHUP");
    const reloaded = await bot.waitForLog(
      msg(/^stories reloaded \(SIGHUP\): (\d+ story folder\(s\) failed \(above\); )?serving /),
      20_000,
    );
    expect(reloaded.level).toBe(LEVEL.info);
    expect(await startText(api)).toContain("Riverside FC win the town final");
  }, 60_000);
});
