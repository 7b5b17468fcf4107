/**
 * The preview shows pushes as Telegram would: a reader of the preview who follows new stories gets one
 * when an editor saves a new story under `--content`.
 */
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Message } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { RIVERSIDE_DIR } from "../bot/multi-story.js";
import { killAllBots, msg, spawnBot, tempDataDir } from "../helpers/spawn-bot.js";

const removers: Array<() => void> = [];
afterEach(async () => {
  await killAllBots();
  for (const remove of removers.splice(0)) remove();
});

function dir(): string {
  const { dir, remove } = tempDataDir();
  removers.push(remove);
  return dir;
}

/** The bot's messages in a preview chat once there are at least `n`. */
async function botMessages(address: string, chatId: number, n: number): Promise<Message[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const body = (await (await fetch(`${address}/api/history?chat=${chatId}`)).json()) as {
      messages: Message[];
    };
    const mine = body.messages.filter((m) => m.from?.is_bot === true);
    if (mine.length >= n) return mine;
    if (Date.now() > deadline) throw new Error(`no push in chat ${chatId}: ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("pushes in the preview", () => {
  it("a story saved under --content is pushed to the preview readers who follow new stories, in their language", async () => {
    const content = dir();
    cpSync(RIVERSIDE_DIR, join(content, "riverside-final"), { recursive: true });
    const bot = spawnBot({ PORT: "0", DATA_DIR: dir() }, [
      "--import",
      "tsx",
      "src/main.ts",
      "--preview",
      "--content",
      content,
    ]);
    const ready = await bot.waitForLog(msg("preview ready"), 30_000);
    await bot.waitForLog(msg("push: first start, present stories recorded as seen"), 30_000);
    const address = String(ready.address);
    // The preview keeps its readers in memory: two of them follow new stories through its page's API, one
    // reading in English and one in Arabic.
    for (const [id, lang] of [
      [555, "en"],
      [556, "ar"],
    ] as const) {
      const from = { id, is_bot: false, first_name: "Reader", language_code: lang };
      const sent = await fetch(`${address}/api/message`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ chat: { id, type: "private" }, from, text: "/follow" }),
      });
      expect(sent.status).toBe(200);
      await botMessages(address, id, 1);
    }

    const target = join(content, "riverside-replay");
    cpSync(RIVERSIDE_DIR, target, { recursive: true });
    const file = join(target, "story.json");
    const story = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    story.id = "riverside-replay";
    story.key = "rr";
    story.title = { en: "Riverside replay announced" };
    writeFileSync(file, JSON.stringify(story, null, 2));

    const [, english] = await botMessages(address, 555, 2);
    expect(english?.text).toContain("Riverside replay announced");
    const [, arabic] = await botMessages(address, 556, 2);
    // The story has no Arabic translation: the Arabic reader gets the original.
    expect(arabic?.text).toContain("Riverside replay announced");
    await bot.waitForLog(msg("push: finished"), 20_000);
    // The story present at the first start was never pushed.
    expect((await botMessages(address, 555, 2)).map((m) => m.text)).toHaveLength(2);
  }, 90_000);
});
