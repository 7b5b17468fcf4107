/**
 * The preview as the editor's desk, through the real process: drafts served and named as drafts, a broken
 * edit's problems told to the page (as content:check prints them) with the version that stays live, and the
 * preview's state kept apart from the real bot's so both run from one folder at once.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { ProblemInfo, StoryInfo } from "../../src/preview/stories.js";
import { startFakeBotApiServer } from "../helpers/fake-bot-api-server.js";
import { killAllBots, msg, spawnBot, tempDataDir } from "../helpers/spawn-bot.js";
import { command as updateCommand } from "../helpers/updates.js";
import { breakLiveStory, deskContent } from "../preview/desk-content.js";

const MAIN = ["--import", "tsx", "src/main.ts"];
const RIVERSIDE = "test/fixtures/stories/riverside-final";
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  await killAllBots();
  for (const clean of cleanups.splice(0)) await clean();
});

function temp(): string {
  const { dir, remove } = tempDataDir();
  cleanups.push(remove);
  return dir;
}

const updateOf = (userId: number, text: string) => updateCommand(text, { userId });

interface Info {
  stories: StoryInfo[];
  problems: ProblemInfo[];
}

describe("the preview as the editor's desk", () => {
  it("serves drafts as drafts, names them in the log, and tells the page a broken edit's problems and what stays live", async () => {
    const content = deskContent(temp());
    const bot = spawnBot({ PORT: "0", DATA_DIR: temp() }, [...MAIN, "--preview", "--content", content.dir]);
    const loaded = await bot.waitForLog(msg(/^stories loaded: /), 30_000);
    expect(loaded.msg).toMatch(/riverside-draft \(key \w+, [^)]+, DRAFT\)/);
    expect(loaded.drafts).toEqual(["riverside-draft"]);
    const ready = await bot.waitForLog(msg("preview ready"), 30_000);
    const address = String(ready.address);
    const info = async (): Promise<Info> => (await (await fetch(`${address}/api/info`)).json()) as Info;

    expect((await info()).stories).toEqual([
      expect.objectContaining({ id: "riverside-draft", state: "draft", draft: true }),
      expect.objectContaining({ id: "riverside-live", state: "live", draft: false }),
    ]);
    expect((await info()).problems).toEqual([]);

    await bot.waitForLog(msg("watching the content directory for changes"), 30_000);
    breakLiveStory(content.liveFile);
    const failed = await bot.waitForLog(
      msg(/^story riverside-live has 1 problem\(s\) after an edit/),
      30_000,
    );
    const reloaded = await bot.waitForLog(
      msg(/^stories reloaded \(content changed\): 1 story folder\(s\) failed/),
    );
    // What failed is logged first.
    const lines = bot.logs();
    expect(lines.indexOf(failed)).toBeLessThan(lines.indexOf(reloaded));

    await expect.poll(async () => (await info()).problems.length, { timeout: 10_000 }).toBe(1);
    const [problem] = (await info()).problems;
    expect(problem).toEqual({
      story: "riverside-live",
      problems: [
        expect.stringMatching(
          /riverside-live.story\.json quotes\[0\] \(lopez-1\)\.speaker: names person "nobody"/,
        ),
      ],
      live: { title: "Riverside FC win the town final", loadedAt: expect.stringMatching(/^\d{4}-/) },
    });
  }, 90_000);

  it("runs beside the real bot (npm start) from one folder, each with its own state", async () => {
    const api = await startFakeBotApiServer();
    cleanups.push(() => api.close());
    const data = temp();
    const real = spawnBot({ BOT_TOKEN: api.token, BOT_API_ROOT: api.apiRoot, DATA_DIR: data });
    await real.waitForLog(msg("polling for updates"), 30_000);
    const preview = spawnBot({ PORT: "0", DATA_DIR: data }, [...MAIN, "--preview", "--content", RIVERSIDE]);
    const ready = await preview.waitForLog(msg("preview ready"), 30_000);
    const address = String(ready.address);
    const reader = { id: 4242, first_name: "Editor", language_code: "en" };
    const sent = await fetch(`${address}/api/message`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ chat: { id: reader.id, type: "private" }, from: reader, text: "/start" }),
    });
    expect(sent.status).toBe(200);
    await expect
      .poll(
        async () => {
          const body = (await (await fetch(`${address}/api/history?chat=${reader.id}`)).json()) as {
            messages: Array<{ from?: { is_bot?: boolean } }>;
          };
          return body.messages.some((m) => m.from?.is_bot === true);
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    // The real bot is still running and answering.
    expect(real.child.exitCode).toBeNull();
    api.pushUpdate(updateOf(99, "/help"));
    await api.waitForCall((c) => c.method === "sendMessage" && c.payload.chat_id === 99, 15_000);
  }, 90_000);
});
