import { describe, expect, it } from "vitest";
import { BotApiModel } from "../../../src/preview/telegram-model/index.js";

const article = {
  type: "article",
  id: "pt.sm",
  title: "Summary",
  input_message_content: { message_text: "Summary" },
};

describe("answerGuestQuery in the Bot API model", () => {
  it("answers a guest query once, with one result, returning the sent inline message's id", async () => {
    const model = new BotApiModel();
    const ok = await model.handle("answerGuestQuery", { guest_query_id: "g1", result: article });
    expect(ok).toMatchObject({
      status: 200,
      body: { ok: true, result: { inline_message_id: expect.any(String) } },
    });
    expect(model.guestAnswer("g1")).toEqual(article);
    const again = await model.handle("answerGuestQuery", { guest_query_id: "g1", result: article });
    expect(again).toMatchObject({ status: 400 });
    expect(model.answeredGuestQueries.get("g1")).toBe(2);
  });

  it("checks the result as inline mode checks each of its results", async () => {
    const model = new BotApiModel();
    const empty = await model.handle("answerGuestQuery", {
      guest_query_id: "g2",
      result: { ...article, input_message_content: { message_text: "" } },
    });
    expect(empty).toMatchObject({
      status: 400,
      body: { description: expect.stringContaining("MESSAGE_EMPTY") },
    });
    const none = await model.handle("answerGuestQuery", { guest_query_id: "g3" });
    expect(none).toMatchObject({ status: 400 });
    expect(model.violations.map((v) => v.method)).toEqual(["answerGuestQuery", "answerGuestQuery"]);
  });
});
