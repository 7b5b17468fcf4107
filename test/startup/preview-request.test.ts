import { describe, expect, it } from "vitest";
import { PREVIEW_BOT_TOKEN, parseConfig } from "../../src/config.js";
import { PreviewUsageError, previewRequest } from "../../src/startup/preview-request.js";

describe("when the preview runs", () => {
  it("runs without a token outside production, and never in production without --preview", () => {
    expect(previewRequest([], {})).toEqual({ explicit: false, host: "127.0.0.1" });
    expect(previewRequest([], { BOT_TOKEN: "  " })).toEqual({ explicit: false, host: "127.0.0.1" });
    expect(previewRequest([], { NODE_ENV: "development" })).toBeDefined();
    expect(previewRequest([], { NODE_ENV: "production" })).toBeUndefined();
    expect(previewRequest([], { BOT_TOKEN: "1:abc" })).toBeUndefined();
  });

  it("runs when asked for, with a token or in production, on the content and host given", () => {
    expect(
      previewRequest(["--preview", "--content", "drafts/x", "--host", "0.0.0.0"], { BOT_TOKEN: "1:abc" }),
    ).toEqual({ explicit: true, contentDir: "drafts/x", host: "0.0.0.0" });
    expect(previewRequest(["--preview"], { NODE_ENV: "production" })).toMatchObject({ explicit: true });
  });

  it("refuses unknown options and options without a value", () => {
    expect(() => previewRequest(["--preview", "--conten", "x"], {})).toThrow(PreviewUsageError);
    expect(() => previewRequest(["--preview", "--content"], {})).toThrow(/--content needs a value/);
    expect(() => previewRequest(["--preview", "--host", "--content", "x"], {})).toThrow(
      /--host needs a value/,
    );
  });
});

describe("the configuration of a preview", () => {
  it("needs no token, is always polling, and still reports every other bad variable", () => {
    const ok = parseConfig({ BOT_MODE: "webhook" }, { preview: true });
    expect(ok).toMatchObject({
      ok: true,
      config: { mode: "polling", botToken: PREVIEW_BOT_TOKEN, botId: "1000" },
    });
    const bad = parseConfig({ PORT: "http", LOG_LEVEL: "loud" }, { preview: true });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.errors).toHaveLength(2);
      expect(bad.errors.join("\n")).not.toContain("BOT_TOKEN");
    }
  });

  it("without the preview, a missing token is still the BotFather hint", () => {
    const result = parseConfig({});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toEqual([expect.stringContaining("@BotFather")]);
  });
});
