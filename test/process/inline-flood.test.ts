/**
 * An inline flood from many accounts must not hold up readers: `npm start` in polling mode against the fake
 * Bot API server gets 5,000 inline queries from 5,000 users at once with a reader's `/help` in the middle.
 * What delays the reader is the bot's CPU spent on the queries ahead of theirs, so that is what is bounded
 * (measured from /proc, so other load on the machine does not count): 3.7 s before any global cap, 0.6 s
 * with the cap in the inline feature (each dropped query still walked grammY's middleware), 0.4 s with the
 * queries over the cap dropped at the door. The reader's wait is printed (about 0.3 s on an idle 2-core
 * machine, 0.17 s of it polling through the queries ahead) and bounded loosely, as a loaded machine
 * stretches it.
 */
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { type FakeBotApiServer, startFakeBotApiServer } from "../helpers/fake-bot-api-server.js";
import { killAllBots, msg, spawnBot, tempDataDir } from "../helpers/spawn-bot.js";
import * as updates from "../helpers/updates.js";

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  await killAllBots();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

let reader = 7;
const FLOOD = 5_000;

/** CPU time (user + system) a process has used so far, in ms, from /proc (clock ticks of 10 ms). */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  // After the command name: state is field 3, utime field 14 and stime field 15 (1-based).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** How long from queueing a reader's `/help` until the bot's answer to them reaches the Bot API. */
async function helpLatency(api: FakeBotApiServer): Promise<number> {
  // A reader of their own each time, so the answer awaited is this /help's.
  const id = ++reader;
  const started = performance.now();
  api.pushUpdate(updates.command("/help", { userId: id, lang: "en" }));
  await api.waitForCall((call) => call.method === "sendMessage" && call.payload.chat_id === id, 60_000);
  return performance.now() - started;
}

describe("an inline flood from many users", () => {
  it("does not delay a reader's answer beyond a few hundred ms", async () => {
    const api = await startFakeBotApiServer();
    cleanups.push(() => api.close());
    const data = tempDataDir();
    cleanups.push(data.remove);
    const bot = spawnBot({
      BOT_TOKEN: api.token,
      BOT_API_ROOT: api.apiRoot,
      DATA_DIR: data.dir,
      CONTENT_DIR: "test/fixtures/stories/riverside-final",
    });
    await bot.waitForLog(msg("polling for updates"), 30_000);
    // Twice on a quiet bot: the first pays for loading what an answer needs.
    await helpLatency(api);
    const quiet = await helpLatency(api);

    const pid = bot.child.pid ?? 0;
    const cpuBefore = cpuMsOf(pid);
    for (let i = 0; i < FLOOD / 2; i++)
      api.pushUpdate(updates.inlineQuery(i % 2 === 0 ? "Lopez" : "the fans", { userId: 100_000 + i }));
    const during = helpLatency(api);
    for (let i = FLOOD / 2; i < FLOOD; i++)
      api.pushUpdate(updates.inlineQuery(i % 2 === 0 ? "Lopez" : "the fans", { userId: 100_000 + i }));
    const flooded = await during;
    // Until every query of the flood has been read: the last one's update id confirmed by a later poll.
    api.pushUpdate(updates.command("/help", { userId: ++reader, lang: "en" }));
    await api.waitForCall((call) => call.method === "sendMessage" && call.payload.chat_id === reader, 60_000);
    const floodCpu = cpuMsOf(pid) - cpuBefore;
    console.log(
      `help: quiet ${quiet.toFixed(0)} ms, during the flood ${flooded.toFixed(0)} ms; the flood cost the bot ${floodCpu} ms of CPU`,
    );
    expect(floodCpu).toBeLessThan(1_000);
    expect(flooded).toBeLessThan(quiet + 3_000);
  }, 120_000);
});
