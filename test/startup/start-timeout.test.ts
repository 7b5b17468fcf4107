import { describe, expect, it } from "vitest";
import { describeFatal, StartTimeout, withTimeout } from "../../src/startup/errors.js";

describe("start-up against an unreachable Bot API", () => {
  it("gives up after the bound with an error an operator can act on", async () => {
    const never = new Promise<never>(() => {});
    const error = await withTimeout(never, 20, () => new StartTimeout(30_000)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StartTimeout);
    expect(describeFatal(error)).toBe(
      "the Bot API did not answer within 30 s; check the network, or BOT_API_ROOT if set",
    );
  });

  it("passes an answer that comes in time through, and clears its timer", async () => {
    await expect(withTimeout(Promise.resolve(42), 1000, () => new StartTimeout(1000))).resolves.toBe(42);
  });
});
