import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type Config, parseConfig, secretsOf } from "../../src/config.js";

const TOKEN = "123456:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
const SECRET = "s3cr3t-webhook-token_0123456789abcdef";

function ok(env: Record<string, string | undefined>, context = {}): Config {
  const result = parseConfig(env, context);
  if (!result.ok) throw new Error(`expected a valid config, got: ${result.errors.join("; ")}`);
  return result.config;
}

function errors(env: Record<string, string | undefined>): string[] {
  const result = parseConfig(env);
  if (result.ok) throw new Error("expected configuration errors");
  return result.errors;
}

describe("parseConfig", () => {
  it("needs only BOT_TOKEN and fills in every default", () => {
    const config = ok({ BOT_TOKEN: TOKEN });
    expect(config).toMatchObject({
      botToken: TOKEN,
      botId: "123456",
      mode: "polling",
      host: "0.0.0.0",
      port: 8080,
      apiRoot: undefined,
      redisUrl: undefined,
      redisCluster: false,
      dataDir: "./data",
      contentDir: "content",
      logLevel: "info",
      logFormat: "json",
      defaultLocale: "ar",
      webhookUrl: undefined,
      webhookPath: "/webhook",
    });
  });

  it("reads every variable", () => {
    const config = ok({
      BOT_TOKEN: TOKEN,
      BOT_MODE: "webhook",
      WEBHOOK_URL: "https://bot.example.com/tg",
      WEBHOOK_PATH: "/tg",
      WEBHOOK_SECRET: SECRET,
      HOST: "127.0.0.1",
      PORT: "0",
      BOT_API_ROOT: "http://127.0.0.1:8081/",
      REDIS_URL: "redis://:pw-123456@127.0.0.1:6379/2",
      REDIS_CLUSTER: "1",
      DATA_DIR: "/var/lib/khabar",
      CONTENT_DIR: "stories",
      LOG_LEVEL: "debug",
      LOG_FORMAT: "pretty",
      DEFAULT_LOCALE: "en",
    });
    expect(config).toMatchObject({
      mode: "webhook",
      webhookSecret: SECRET,
      webhookUrl: "https://bot.example.com/tg",
      webhookPath: "/tg",
      host: "127.0.0.1",
      port: 0,
      apiRoot: "http://127.0.0.1:8081",
      redisUrl: "redis://:pw-123456@127.0.0.1:6379/2",
      redisCluster: true,
      dataDir: "/var/lib/khabar",
      contentDir: "stories",
      logLevel: "debug",
      logFormat: "pretty",
      defaultLocale: "en",
    });
  });

  it("treats empty values as unset, as an untouched .env.example line is", () => {
    expect(ok({ BOT_TOKEN: TOKEN, PORT: "", REDIS_URL: " ", BOT_MODE: "" })).toMatchObject({
      port: 8080,
      redisUrl: undefined,
      mode: "polling",
    });
  });

  it("explains in one line how to get a token when BOT_TOKEN is missing", () => {
    const [message, ...rest] = errors({});
    expect(rest).toEqual([]);
    expect(message).toContain("BOT_TOKEN");
    expect(message).toContain("@BotFather");
    expect(message).not.toContain("\n");
  });

  it("never echoes a bad token", () => {
    const bad = "123456:short secret";
    const [message] = errors({ BOT_TOKEN: bad });
    expect(message).toContain("BOT_TOKEN");
    expect(message).not.toContain("short");
  });

  it("gives one message per bad variable, all at once", () => {
    const found = errors({
      BOT_TOKEN: TOKEN,
      BOT_MODE: "webhook",
      WEBHOOK_SECRET: "short",
      PORT: "abc",
      LOG_LEVEL: "loud",
      DEFAULT_LOCALE: "fr",
      WEBHOOK_URL: "http://insecure.example.com",
      BOT_API_ROOT: "not a url",
      REDIS_URL: "http://user:hunter2hunter2@host",
    });
    expect(found).toHaveLength(7);
    const byVariable = (name: string) => found.filter((m) => m.startsWith(name));
    for (const name of [
      "PORT",
      "WEBHOOK_SECRET",
      "LOG_LEVEL",
      "DEFAULT_LOCALE",
      "WEBHOOK_URL",
      "BOT_API_ROOT",
      "REDIS_URL",
    ]) {
      expect(byVariable(name), name).toHaveLength(1);
    }
    expect(byVariable("PORT")[0]).not.toContain("abc");
    expect(found.join("\n")).not.toContain("hunter2");
    expect(found.join("\n")).not.toContain("short");
  });

  it("rejects out-of-range and non-integer ports", () => {
    expect(errors({ BOT_TOKEN: TOKEN, PORT: "70000" })[0]).toMatch(/^PORT/);
    expect(errors({ BOT_TOKEN: TOKEN, PORT: "80.5" })[0]).toMatch(/^PORT/);
    expect(errors({ BOT_TOKEN: TOKEN, PORT: "-1" })[0]).toMatch(/^PORT/);
  });

  it("requires WEBHOOK_SECRET in webhook mode only, even when other variables are bad too", () => {
    expect(ok({ BOT_TOKEN: TOKEN }).webhookSecret).toBeUndefined();
    const found = errors({ BOT_MODE: "webhook" });
    expect(found).toHaveLength(2);
    expect(found.find((m) => m.startsWith("WEBHOOK_SECRET"))).toContain("required when BOT_MODE=webhook");
  });

  it("rejects an unknown mode", () => {
    expect(errors({ BOT_TOKEN: TOKEN, BOT_MODE: "serverless" })).toEqual([
      'BOT_MODE must be "polling" or "webhook" (the value is not shown: it may be something pasted in the wrong place)',
    ]);
  });

  it("picks pretty logs for development and terminals, JSON for production and pipes", () => {
    expect(ok({ BOT_TOKEN: TOKEN, NODE_ENV: "development" }).logFormat).toBe("pretty");
    expect(ok({ BOT_TOKEN: TOKEN }, { stdoutIsTTY: true }).logFormat).toBe("pretty");
    expect(ok({ BOT_TOKEN: TOKEN, NODE_ENV: "production" }, { stdoutIsTTY: true }).logFormat).toBe("json");
    expect(ok({ BOT_TOKEN: TOKEN }, { stdoutIsTTY: false }).logFormat).toBe("json");
    expect(ok({ BOT_TOKEN: TOKEN, NODE_ENV: "development", LOG_FORMAT: "json" }).logFormat).toBe("json");
  });
});

describe("configuration errors on values that may hold secrets", () => {
  it("show the variable and what is wrong, and none of the values", () => {
    const found = errors({
      BOT_TOKEN: TOKEN,
      BOT_MODE: "webhook",
      WEBHOOK_SECRET: SECRET,
      BOT_API_ROOT: `api.telegram.org/bot${TOKEN}`,
      WEBHOOK_URL: `http://user:pw@bot.example.com/hook/${SECRET}?token=abc#frag`,
    });
    const text = found.join("\n");
    expect(found.find((m) => m.startsWith("BOT_API_ROOT"))).toContain("must be an http(s) URL");
    expect(found.find((m) => m.startsWith("WEBHOOK_URL"))).toContain("must be the public https:// address");
    for (const secret of [TOKEN, TOKEN.split(":")[1] ?? "", SECRET, ":pw@", "=abc", "frag", "example.com"]) {
      expect(text).not.toContain(secret);
    }
  });

  it("never echo a secret pasted into any other variable", () => {
    // Someone else's key, pasted into the wrong line of .env: nothing the configuration knows to mask.
    const pasted = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";
    const variables = [
      "BOT_MODE",
      "LOG_LEVEL",
      "LOG_FORMAT",
      "DEFAULT_LOCALE",
      "PORT",
      "HEALTH_PORT",
      "INBOX_LEASE_SECONDS",
      "WEBHOOK_PATH",
      "WEBHOOK_URL",
      "BOT_API_ROOT",
      "REDIS_URL",
      "REDIS_CLUSTER",
    ];
    for (const name of variables) {
      const found = errors({ BOT_TOKEN: TOKEN, [name]: pasted });
      expect(found, name).toHaveLength(1);
      expect(found[0], name).toMatch(new RegExp(`^${name} `));
      expect(found[0], name).not.toContain("4eC39Hq");
    }
  });
});

describe("secretsOf", () => {
  it("takes a Redis password given as ?password= too", () => {
    const config = ok({ BOT_TOKEN: TOKEN, REDIS_URL: "redis://127.0.0.1:6379/0?password=s3cr" });
    expect(secretsOf(config)).toContain("s3cr");
  });

  it("lists the token, its secret half, the webhook secret and a Redis password", () => {
    const config = ok({
      BOT_TOKEN: TOKEN,
      BOT_MODE: "webhook",
      WEBHOOK_SECRET: SECRET,
      REDIS_URL: "redis://:p%40ss-word@127.0.0.1:6379",
    });
    expect(secretsOf(config)).toEqual([TOKEN, TOKEN.split(":")[1], SECRET, "p@ss-word"]);
  });
});

describe("HEALTH_PORT and INBOX_LEASE_SECONDS", () => {
  it("are optional, validated, and say what is wrong", () => {
    expect(ok({ BOT_TOKEN: TOKEN }).healthPort).toBeUndefined();
    expect(ok({ BOT_TOKEN: TOKEN }).inboxLeaseSeconds).toBe(60);
    expect(ok({ BOT_TOKEN: TOKEN, HEALTH_PORT: "9100", INBOX_LEASE_SECONDS: "5" })).toMatchObject({
      healthPort: 9100,
      inboxLeaseSeconds: 5,
    });
    const bad = parseConfig({ BOT_TOKEN: TOKEN, HEALTH_PORT: "http", INBOX_LEASE_SECONDS: "1" });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.errors.join("\n")).toContain("HEALTH_PORT must be a whole number");
      expect(bad.errors.join("\n")).toContain("INBOX_LEASE_SECONDS must be a whole number from 2 to 3600");
    }
  });
});

describe("EDITORS_CHAT_ID", () => {
  it("takes a chat's numeric id, and says what it must be otherwise, never echoing the value", () => {
    expect(ok({ BOT_TOKEN: TOKEN, EDITORS_CHAT_ID: "-1001234567890" }).editorsChatId).toBe(-1001234567890);
    expect(ok({ BOT_TOKEN: TOKEN }).editorsChatId).toBeUndefined();
    expect(ok({ BOT_TOKEN: TOKEN, EDITORS_CHAT_ID: "" }).editorsChatId).toBeUndefined();
    for (const value of ["@editors", "-100 123", "0"]) {
      const bad = parseConfig({ BOT_TOKEN: TOKEN, EDITORS_CHAT_ID: value });
      expect(bad.ok ? [] : bad.errors).toEqual([
        "EDITORS_CHAT_ID must be the numeric id of the editors' chat, such as -1001234567890 for a group (the value is not shown: it may be something pasted in the wrong place)",
      ]);
    }
  });
});

describe("push settings", () => {
  it("default to 25 pushes a second, free, no channel, 10 calls in flight", () => {
    expect(ok({ BOT_TOKEN: TOKEN })).toMatchObject({
      pushRate: 25,
      pushPaid: false,
      channelId: undefined,
      apiMaxInFlight: 10,
    });
    expect(
      ok({ BOT_TOKEN: TOKEN, PUSH_RATE: "900", PUSH_PAID: "1", CHANNEL_ID: "-1001234567890" }),
    ).toMatchObject({ pushRate: 900, pushPaid: true, channelId: -1001234567890 });
  });

  it("refuse a rate above 30 without paid broadcasts, a channel given by name, and say why", () => {
    const bad = parseConfig({
      BOT_TOKEN: TOKEN,
      PUSH_RATE: "50",
      CHANNEL_ID: "@news",
      API_MAX_IN_FLIGHT: "0",
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      const text = bad.errors.join("\n");
      expect(text).toContain("PUSH_RATE above 30 needs paid broadcasts: set PUSH_PAID=1");
      expect(text).toContain("CHANNEL_ID must be a channel's numeric id");
      expect(text).not.toContain("@news");
      expect(text).toContain("API_MAX_IN_FLIGHT must be a whole number from 1 to 100");
    }
  });
});

describe(".env.example", () => {
  it("documents every variable the configuration reads", () => {
    const example = readFileSync(new URL("../../.env.example", import.meta.url), "utf8");
    const documented = [...example.matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]);
    expect(documented).toEqual([
      "BOT_TOKEN",
      "BOT_API_ROOT",
      "BOT_MODE",
      "WEBHOOK_URL",
      "WEBHOOK_PATH",
      "WEBHOOK_SECRET",
      "HOST",
      "PORT",
      "HEALTH_PORT",
      "INBOX_LEASE_SECONDS",
      "REDIS_URL",
      "REDIS_CLUSTER",
      "DATA_DIR",
      "CONTENT_DIR",
      "DEFAULT_LOCALE",
      "EDITORS_CHAT_ID",
      "PUSH_RATE",
      "PUSH_PAID",
      "CHANNEL_ID",
      "API_MAX_IN_FLIGHT",
      "LOG_LEVEL",
      "LOG_FORMAT",
    ]);
    // Its defaults are valid as they stand, once a token is filled in.
    const env = Object.fromEntries(
      [...example.matchAll(/^([A-Z_]+)=(.*)$/gm)].map((m) => [m[1] ?? "", m[2] ?? ""]),
    );
    expect(ok({ ...env, BOT_TOKEN: TOKEN }).mode).toBe("polling");
  });
});
