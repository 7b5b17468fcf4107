import pino from "pino";
import { describe, expect, it } from "vitest";
import { createHarness, methods, textOf, updates } from "./harness.js";

/** A logger whose JSON lines are kept in memory. */
function capturedLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level: "debug" }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe("the error boundary", () => {
  it("logs a failed update with its id and tells the reader in their language", async () => {
    const { logger, lines } = capturedLogger();
    const h = createHarness({ logger });
    h.tg.inject({
      method: "sendMessage",
      fault: { kind: "error", error_code: 500, description: "Internal Server Error" },
    });
    const update = updates.command("/summary", { lang: "en" });
    const calls = await h.send(update);
    expect(methods(calls)).toEqual(["sendMessage", "sendMessage"]);
    expect(textOf(calls[1])).toBe("Something went wrong. Please try again in a moment.");
    const error = lines.find((l) => l.level === 50);
    expect(error?.update_id).toBe(update.update_id);
    expect(error?.msg).toBe("update failed: Bot API error");
  });

  it("answers a failed button press so no spinner is left", async () => {
    const h = createHarness();
    h.tg.inject({
      method: "editMessageText",
      fault: { kind: "error", error_code: 500, description: "Internal Server Error" },
    });
    const update = updates.callback("sm", { tg: h.tg });
    await h.send(update);
    expect(h.tg.answeredCallbackQueries.get(update.callback_query.id)).toBe(1);
  });

  it("only notes a reader who blocked the bot, and sends nothing more", async () => {
    const { logger, lines } = capturedLogger();
    const h = createHarness({ logger });
    h.tg.inject({
      method: "sendMessage",
      fault: { kind: "error", error_code: 403, description: "Forbidden: bot was blocked by the user" },
    });
    const calls = await h.send(updates.command("/summary"));
    expect(methods(calls)).toEqual(["sendMessage"]);
    expect(lines.filter((l) => (l.level as number) >= 40)).toEqual([]);
    expect(lines.find((l) => l.msg === "reader unreachable or button expired")).toBeDefined();
  });

  it("never throws out of handleUpdate, even when telling the reader fails too", async () => {
    const h = createHarness();
    h.tg.inject({ method: "sendMessage", times: 2, fault: { kind: "drop" } });
    await expect(h.bot.handleUpdate(updates.command("/summary"))).resolves.toBeUndefined();
  });
});
