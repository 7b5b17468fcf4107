import { Writable } from "node:stream";
import { GrammyError, HttpError } from "grammy";
import { describe, expect, it } from "vitest";
import { createLogger, REDACTED, secretRedactor } from "../../src/logger.js";

const TOKEN = "123456:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
const SECRET_HALF = "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

/** A destination that keeps every line written to it. */
function sink(): { stream: Writable; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      callback();
    },
  });
  return { stream, lines };
}

describe("secretRedactor", () => {
  it("replaces the token wherever it appears, and its secret half alone", () => {
    const redact = secretRedactor([TOKEN, SECRET_HALF]);
    expect(redact(`GET https://api.telegram.org/bot${TOKEN}/getMe`)).toBe(
      `GET https://api.telegram.org/bot${REDACTED}/getMe`,
    );
    expect(redact(`/bot123456%3A${SECRET_HALF}/x and ${TOKEN} twice ${TOKEN}`)).toBe(
      `/bot${REDACTED}/x and ${REDACTED} twice ${REDACTED}`,
    );
    expect(redact(`id 123456 with ${SECRET_HALF}`)).toBe(`id 123456 with ${REDACTED}`);
  });

  it("catches JSON-escaped and URL-encoded forms of secrets with special characters", () => {
    const redact = secretRedactor(['pa"ss/wo rd']);
    expect(redact(JSON.stringify({ url: 'redis://:pa"ss/wo rd@host' }))).not.toContain("ss/wo");
    expect(redact("redis://:pa%22ss%2Fwo%20rd@host")).toBe(`redis://:${REDACTED}@host`);
  });

  it("redacts secrets too short to replace everywhere where they stand: whole JSON strings, URLs, queries", () => {
    const redact = secretRedactor(["abc"]);
    // Not inside other words: that would garble every line.
    expect(redact("abc abcdef")).toBe("abc abcdef");
    expect(redact(JSON.stringify({ args: ["abc"], password: "abc" }))).toBe(
      JSON.stringify({ args: [REDACTED], password: REDACTED }),
    );
    expect(redact("redis://:abc@host:6379 and redis://user:abc@host")).toBe(
      `redis://:${REDACTED}@host:6379 and redis://user:${REDACTED}@host`,
    );
    expect(redact("redis://host:6379/0?db=1&password=abc")).toBe(
      `redis://host:6379/0?db=1&password=${REDACTED}`,
    );
  });

  it("redacts URL passwords and credential fields even when nobody listed them", () => {
    const redact = secretRedactor([]);
    expect(redact("rediss://admin:x@cache.internal")).toBe(`rediss://admin:${REDACTED}@cache.internal`);
    expect(redact('{"secret_token":"q"}')).toBe(`{"secret_token":"${REDACTED}"}`);
  });
});

describe("createLogger", () => {
  it("writes JSON lines without the token, even inside serialized errors and their causes", async () => {
    const { stream, lines } = sink();
    const logger = await createLogger({
      level: "debug",
      format: "json",
      secrets: [TOKEN, SECRET_HALF],
      destination: stream,
    });
    const cause = new Error(`request to https://api.telegram.org/bot${TOKEN}/sendMessage failed`);
    logger.error({ err: new HttpError("Network request for 'sendMessage' failed!", cause) }, "network");
    logger.error(
      {
        err: new GrammyError(
          "Call failed",
          { ok: false, error_code: 500, description: `bad ${TOKEN}` },
          "sendMessage",
          { text: TOKEN },
        ),
      },
      "api",
    );
    logger.child({ update_id: 7 }).debug({ token: TOKEN, nested: { deep: [TOKEN] } }, `message ${TOKEN}`);
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(line).not.toContain(SECRET_HALF);
      expect(() => JSON.parse(line)).not.toThrow();
    }
    expect(lines.join("\n")).toContain(REDACTED);
    expect(JSON.parse(lines[2] ?? "{}")).toMatchObject({ update_id: 7, level: 20 });
  });

  it("drops what errors drag along: ioredis command arguments and the text of a failed call", async () => {
    const { stream, lines } = sink();
    const logger = await createLogger({ level: "debug", format: "json", secrets: [], destination: stream });
    const reply = Object.assign(new Error("OOM command not allowed"), {
      command: { name: "set", args: ["khabar:conv:1", '{"first_name":"Layla","text":"typed words"}'] },
    });
    logger.error({ err: reply }, "write");
    logger.error({ err: new Error("outer", { cause: reply }) }, "write, as a cause");
    logger.error(
      {
        err: new GrammyError(
          "Call failed",
          { ok: false, error_code: 400, description: "Bad Request" },
          "sendMessage",
          { chat_id: 5, text: "No one called Layla" },
        ),
      },
      "api",
    );
    const text = lines.join("\n");
    expect(text).not.toContain("Layla");
    expect(text).not.toContain("typed words");
    expect(JSON.parse(lines[0] ?? "{}").err.command).toBe("set");
    expect(JSON.parse(lines[2] ?? "{}").err.payload).toEqual({ chat_id: 5 });
  });

  it("honours the level", async () => {
    const { stream, lines } = sink();
    const logger = await createLogger({ level: "warn", format: "json", secrets: [], destination: stream });
    logger.info("hidden");
    logger.warn("shown");
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(["shown"]);
  });
});
