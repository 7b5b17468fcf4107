import { GrammyError, HttpError } from "grammy";
import { describe, expect, it } from "vitest";
import { OutgoingStopped } from "../../src/push/outgoing-calls.js";
import { classifySendError } from "../../src/push/send-outcome.js";

const telegram = (error_code: number, description: string, parameters = {}) =>
  new GrammyError("call failed", { ok: false, error_code, description, parameters }, "sendMessage", {});
const network = (code: string) => new HttpError("network", Object.assign(new Error(code), { code }));

describe("what a failed push send leads to", () => {
  it("retries only what never reached Telegram", () => {
    expect(
      classifySendError(telegram(429, "Too Many Requests: retry after 3", { retry_after: 3 })).action,
    ).toBe("retry");
    expect(classifySendError(network("ECONNREFUSED")).action).toBe("retry");
    expect(classifySendError(new OutgoingStopped()).action).toBe("retry");
    // A reset or a time-out after the request went out may have been delivered.
    expect(classifySendError(network("ECONNRESET")).action).toBe("fail");
    expect(classifySendError(new HttpError("timeout", new Error("The operation was aborted"))).action).toBe(
      "fail",
    );
    expect(classifySendError(telegram(500, "Internal Server Error")).action).toBe("fail");
  });

  it("ends following for a blocked bot or a chat that is gone, and moves a migrated group", () => {
    expect(classifySendError(telegram(403, "Forbidden: bot was blocked by the user")).action).toBe("stop");
    expect(classifySendError(telegram(403, "Forbidden: user is deactivated")).action).toBe("stop");
    expect(classifySendError(telegram(400, "Bad Request: chat not found")).action).toBe("stop");
    expect(
      classifySendError(
        telegram(400, "Bad Request: group chat was upgraded to a supergroup chat", {
          migrate_to_chat_id: -100123,
        }),
      ),
    ).toEqual({ action: "migrate", to: -100123 });
    expect(classifySendError(telegram(400, "Bad Request: message is too long")).action).toBe("fail");
  });
});
