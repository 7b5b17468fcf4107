import { describe, expect, it } from "vitest";
import { keyboardModel, renderKeyboard } from "../../../src/preview/page/keyboard.js";
import { newDocument } from "./dom.js";

const doc = newDocument();
const BOT = "khabar_bot";

describe("keyboardModel", () => {
  it("keeps rows and buttons exactly in the order sent, Arabic rows not mirrored", () => {
    const markup = {
      inline_keyboard: [
        [
          { text: "الملخص", callback_data: "s" },
          { text: "النص الكامل", callback_data: "f" },
        ],
        [{ text: "الأقسام", callback_data: "x" }],
        [
          { text: "1", callback_data: "1" },
          { text: "2", callback_data: "2" },
          { text: "3", callback_data: "3" },
        ],
      ],
    };
    const rows = keyboardModel(markup, BOT);
    expect(rows.map((r) => r.map((b) => b.text))).toEqual([
      ["الملخص", "النص الكامل"],
      ["الأقسام"],
      ["1", "2", "3"],
    ]);
    expect(rows[2]?.map((b) => [b.row, b.column])).toEqual([
      [2, 0],
      [2, 1],
      [2, 2],
    ]);
  });

  it("tells what each kind of button does", () => {
    const markup = {
      inline_keyboard: [
        [
          { text: "cb", callback_data: "menu" },
          { text: "web", url: "https://example.com" },
          { text: "deep", url: "https://t.me/khabar_bot?start=summary" },
          { text: "self", url: "https://t.me/khabar_bot" },
          { text: "bad", url: "https://t.me/khabar_bot?start=no spaces" },
        ],
        [
          { text: "share", switch_inline_query: "trump" },
          { text: "here", switch_inline_query_current_chat: "" },
          { text: "chosen", switch_inline_query_chosen_chat: { query: "q", allow_user_chats: true } },
          { text: "copy", copy_text: { text: "https://t.me/khabar_bot?start=full" } },
        ],
        [
          { text: "app", web_app: { url: "https://example.com/app" } },
          { text: "off", disabled: {} },
          { text: "?" },
        ],
      ],
    };
    const kinds = keyboardModel(markup, BOT).map((r) => r.map((b) => [b.kind, b.value]));
    expect(kinds).toEqual([
      [
        ["callback", "menu"],
        ["url", "https://example.com"],
        ["start", "summary"],
        ["chat", "https://t.me/khabar_bot"],
        ["invalid-start", "no spaces"],
      ],
      [
        ["switch-inline", "trump"],
        ["switch-inline-current", ""],
        ["switch-inline-chosen", "q"],
        ["copy", "https://t.me/khabar_bot?start=full"],
      ],
      [
        ["web-app", "https://example.com/app"],
        ["disabled", ""],
        ["unknown", ""],
      ],
    ]);
  });

  it("draws no keyboard for a message without one, and drops empty rows", () => {
    expect(keyboardModel(undefined, BOT)).toEqual([]);
    expect(keyboardModel({}, BOT)).toEqual([]);
    expect(keyboardModel({ inline_keyboard: [[], [{ text: "a", callback_data: "a" }]] }, BOT)).toHaveLength(
      1,
    );
    expect(renderKeyboard(doc, [])).toBeNull();
  });
});

describe("renderKeyboard", () => {
  it("lays the keyboard out left to right, one element per row, labels with their own direction", () => {
    const rows = keyboardModel(
      {
        inline_keyboard: [
          [
            { text: "→ التالي", callback_data: "n" },
            { text: "السابق ←", callback_data: "p", style: "primary" },
          ],
          [{ text: "Open", url: "https://example.com" }],
        ],
      },
      BOT,
    );
    const keyboard = renderKeyboard(doc, rows);
    expect(keyboard?.getAttribute("dir")).toBe("ltr");
    expect(keyboard?.dataset.role).toBe("keyboard");
    const rowElements = [...(keyboard?.querySelectorAll("[data-role=row]") ?? [])];
    expect(rowElements.map((r) => [...r.querySelectorAll("button")].map((b) => b.dataset.value))).toEqual([
      ["n", "p"],
      ["https://example.com"],
    ]);
    const first = rowElements[0]?.querySelector("button");
    expect(first?.querySelector(".button-label")?.getAttribute("dir")).toBe("auto");
    expect(first?.querySelector(".button-label")?.textContent).toBe("→ التالي");
    expect(rowElements[0]?.querySelectorAll("button")[1]?.dataset.style).toBe("primary");
    expect(rowElements[1]?.querySelector("button")?.textContent).toBe("Open");
  });

  it("carries the attributes the browser tests read: kind, callback data, url", () => {
    const rows = keyboardModel(
      {
        inline_keyboard: [
          [
            { text: "a", callback_data: "menu" },
            { text: "b", url: "https://t.me/khabar_bot?start=full" },
            { text: "c", switch_inline_query_current_chat: "q" },
            { text: "d", copy_text: { text: "x" } },
            { text: "e", web_app: { url: "https://example.com" } },
          ],
        ],
      },
      BOT,
    );
    const buttons = [...(renderKeyboard(doc, rows)?.querySelectorAll("button") ?? [])];
    expect(buttons.map((b) => b.textContent)).toEqual(["a", "b", "c", "d", "e"]);
    expect(buttons.map((b) => b.dataset.kind)).toEqual(["callback", "url", "switch_inline", "copy", "other"]);
    expect(buttons[0]?.dataset.callbackData).toBe("menu");
    expect(buttons[1]?.dataset.url).toBe("https://t.me/khabar_bot?start=full");
    expect(buttons[1]?.dataset.action).toBe("start");
    expect(buttons[1]?.dataset.value).toBe("full");
  });
});
