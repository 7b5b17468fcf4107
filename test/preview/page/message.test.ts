import { describe, expect, it } from "vitest";
import {
  addErrorNotice,
  findBubble,
  hasMessages,
  removeMessage,
  revealSpoilers,
  setExpanded,
  upsertMessage,
} from "../../../src/preview/page/chat.js";
import { commandsFor, descriptionFor, inlineQueryOf } from "../../../src/preview/page/info.js";
import { type Message, renderMessage } from "../../../src/preview/page/message.js";
import { newDocument } from "./dom.js";

const doc = newDocument();
const BOT = { id: 1000, is_bot: true, first_name: "Khabar", username: "khabar_bot" };
const READER = { id: 42, is_bot: false, first_name: "Reader" };
const options = { botId: BOT.id, botUsername: BOT.username, timeZone: "UTC" };

function botMessage(id: number, text: string, extra: Partial<Message> = {}): Message {
  return {
    message_id: id,
    date: 1_700_000_000,
    from: BOT,
    chat: { id: 42, type: "private" },
    text,
    ...extra,
  };
}

describe("renderMessage", () => {
  it("tells the bot's messages from the reader's and carries the message id", () => {
    const bot = renderMessage(doc, botMessage(7, "hi"), options);
    const reader = renderMessage(doc, { ...botMessage(8, "/start"), from: READER }, options);
    expect(bot.dataset).toMatchObject({ role: "bubble", from: "bot", messageId: "7" });
    expect(reader.dataset).toMatchObject({ role: "bubble", from: "user", messageId: "8" });
  });

  it("shows the time, and 'edited' once edited", () => {
    const plain = renderMessage(doc, botMessage(1, "x"), options);
    expect(plain.querySelector("time")?.textContent).toBe("22:13");
    expect(plain.dataset.edited).toBeUndefined();
    const edited = renderMessage(doc, botMessage(1, "x", { edit_date: 1_700_000_100 }), options);
    expect(edited.dataset.edited).toBe("true");
    expect(edited.querySelector("[data-role=edited]")?.textContent).toBe("edited");
  });

  it("holds the keyboard inside the bubble element, under the text", () => {
    const bubble = renderMessage(
      doc,
      botMessage(3, "menu", { reply_markup: { inline_keyboard: [[{ text: "A", callback_data: "a" }]] } }),
      options,
    );
    expect(bubble.lastElementChild?.getAttribute("data-role")).toBe("keyboard");
    expect(bubble.querySelector("[data-role=text]")?.textContent).toBe("menu");
  });

  it("names the sender in a group, and the bot a message came via", () => {
    const bubble = renderMessage(
      doc,
      { ...botMessage(4, "x"), from: READER, via_bot: BOT },
      {
        ...options,
        showSender: true,
      },
    );
    expect(bubble.querySelector("[data-role=sender]")?.textContent).toBe("Reader");
    expect(bubble.querySelector("[data-role=via]")?.textContent).toBe("via @khabar_bot");
  });

  it("renders a caption with its entities, and names media it does not draw", () => {
    const bubble = renderMessage(
      doc,
      {
        message_id: 5,
        from: BOT,
        photo: [],
        caption: "A caption",
        caption_entities: [{ type: "bold", offset: 2, length: 7 }],
      },
      options,
    );
    expect(bubble.querySelector(".media")?.textContent).toBe("[photo]");
    expect(bubble.querySelector("strong")?.textContent).toBe("caption");
  });
});

describe("the chat list", () => {
  function list() {
    const element = doc.createElement("div");
    element.dataset.role = "messages";
    return element;
  }
  const ids = (l: ReturnType<typeof list>) =>
    [...l.querySelectorAll("[data-role=bubble]")].map((b) => b.getAttribute("data-message-id"));

  it("replaces an edited message in place, keeping its position", () => {
    const l = list();
    upsertMessage(l, botMessage(1, "one"), options);
    upsertMessage(l, botMessage(2, "two"), options);
    upsertMessage(l, botMessage(3, "three"), options);
    upsertMessage(l, botMessage(2, "two, edited", { edit_date: 1_700_000_050 }), options);
    expect(ids(l)).toEqual(["1", "2", "3"]);
    expect(findBubble(l, 2)?.querySelector("[data-role=text]")?.textContent).toBe("two, edited");
    expect(findBubble(l, 2)?.dataset.edited).toBe("true");
  });

  it("puts a message that arrives late before the later ones", () => {
    const l = list();
    upsertMessage(l, botMessage(2, "bot answer"), options);
    upsertMessage(l, { ...botMessage(1, "/start"), from: READER }, options);
    expect(ids(l)).toEqual(["1", "2"]);
  });

  it("removes a deleted message and knows when the chat is empty", () => {
    const l = list();
    expect(hasMessages(l)).toBe(false);
    upsertMessage(l, botMessage(1, "x"), options);
    expect(hasMessages(l)).toBe(true);
    expect(removeMessage(l, 1)).toBe(true);
    expect(removeMessage(l, 1)).toBe(false);
    expect(hasMessages(l)).toBe(false);
  });

  it("keeps revealed spoilers and expanded quotes when only the keyboard changes", () => {
    const l = list();
    const entities = [
      { type: "spoiler", offset: 0, length: 1 },
      { type: "expandable_blockquote", offset: 2, length: 1 },
    ];
    const first = upsertMessage(l, botMessage(1, "a\nb", { entities }), options);
    revealSpoilers(first);
    const quote = first.querySelector("blockquote");
    if (!quote) throw new Error("no quote");
    setExpanded(quote, true);
    const edited = upsertMessage(
      l,
      botMessage(1, "a\nb", {
        entities,
        reply_markup: { inline_keyboard: [[{ text: "n", callback_data: "n" }]] },
      }),
      options,
    );
    expect(edited.querySelector("[data-role=spoiler]")?.getAttribute("data-revealed")).toBe("true");
    expect(edited.querySelector("blockquote")?.getAttribute("data-expanded")).toBe("true");
    expect(edited.querySelector("[data-role=expand]")?.getAttribute("aria-expanded")).toBe("true");
  });

  it("shows a refused call as a red notice with Telegram's text and the method", () => {
    const l = list();
    const notice = addErrorNotice(l, {
      method: "sendMessage",
      errorCode: 400,
      description: "Bad Request: message is too long",
    });
    expect(notice.dataset).toMatchObject({ role: "error", method: "sendMessage" });
    expect(notice.textContent).toContain("Bad Request: message is too long");
    expect(notice.textContent).toContain("sendMessage");
  });
});

describe("info", () => {
  const info = {
    bot: { username: "khabar_bot" },
    description: { ar: "وصف", en: "", "": "default" },
    commands: {
      ar: [{ command: "start", description: "ابدأ" }],
      en: [],
      "": [{ command: "start", description: "Start" }],
    },
  };

  it("picks the command menu of the reader's language, else the default list", () => {
    expect(commandsFor(info, "ar")).toEqual([{ command: "start", description: "ابدأ" }]);
    expect(commandsFor(info, "en")).toEqual([{ command: "start", description: "Start" }]);
    expect(commandsFor(info, "")).toEqual([{ command: "start", description: "Start" }]);
    expect(commandsFor(null, "ar")).toEqual([]);
  });

  it("picks the description of the reader's language, else the default one", () => {
    expect(descriptionFor(info, "ar")).toBe("وصف");
    expect(descriptionFor(info, "en")).toBe("default");
    expect(descriptionFor(undefined, "en")).toBe("");
  });

  it("reads an inline query once '@bot ' is typed", () => {
    expect(inlineQueryOf("@khabar_bot trump", "khabar_bot")).toBe("trump");
    expect(inlineQueryOf("@Khabar_Bot ", "khabar_bot")).toBe("");
    expect(inlineQueryOf("@khabar_bot", "khabar_bot")).toBeNull();
    expect(inlineQueryOf("@other_bot trump", "khabar_bot")).toBeNull();
    expect(inlineQueryOf("hello @khabar_bot x", "khabar_bot")).toBeNull();
  });
});
