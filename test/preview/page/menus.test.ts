import { describe, expect, it } from "vitest";
import { renderCommandMenu } from "../../../src/preview/page/info.js";
import { renderInlineResults } from "../../../src/preview/page/inline-results.js";
import { newDocument } from "./dom.js";

const doc = newDocument();

describe("renderCommandMenu", () => {
  it("lists each command with its description, and hides an empty menu", () => {
    const menu = doc.createElement("div");
    menu.hidden = true;
    renderCommandMenu(menu, [
      { command: "start", description: "ابدأ" },
      { command: "help", description: "Help" },
    ]);
    const items = [...menu.querySelectorAll("[data-role=command]")];
    expect(items.map((i) => i.getAttribute("data-command"))).toEqual(["start", "help"]);
    expect(items[0]?.querySelector(".command-name")?.textContent).toBe("/start");
    expect(items[0]?.querySelector(".command-description")?.getAttribute("dir")).toBe("auto");
    expect(menu.hidden).toBe(false);
    renderCommandMenu(menu, []);
    expect(menu.hidden).toBe(true);
    expect(menu.childElementCount).toBe(0);
  });
});

describe("renderInlineResults", () => {
  const result = (id: string, title: string) => ({
    type: "article",
    id,
    title,
    input_message_content: { message_text: `text of ${id}` },
  });

  it("shows the answer's button, the results with the query they came from, and more", () => {
    const panel = doc.createElement("div");
    panel.hidden = true;
    renderInlineResults(
      panel,
      {
        queryId: "q1",
        results: [result("a", "ترامب"), result("b", "Peskov")],
        nextOffset: "2",
        button: { text: "Open the bot", start_parameter: "menu" },
      },
      false,
    );
    expect(panel.hidden).toBe(false);
    expect(panel.querySelector("[data-role=inline-button]")?.getAttribute("data-start")).toBe("menu");
    const items = [...panel.querySelectorAll("[data-role=inline-result]")];
    expect(items.map((i) => [i.getAttribute("data-result-id"), i.getAttribute("data-query-id")])).toEqual([
      ["a", "q1"],
      ["b", "q1"],
    ]);
    expect(items[0]?.querySelector(".inline-description")?.textContent).toBe("text of a");
    expect(panel.querySelector("[data-role=inline-more]")?.getAttribute("data-offset")).toBe("2");
  });

  it("appends a further page after the first, and replaces it with a new first page", () => {
    const panel = doc.createElement("div");
    renderInlineResults(panel, { queryId: "q1", results: [result("a", "A")], nextOffset: "1" }, false);
    renderInlineResults(panel, { queryId: "q2", results: [result("b", "B")] }, true);
    const ids = () =>
      [...panel.querySelectorAll("[data-role=inline-result]")].map((i) => i.getAttribute("data-query-id"));
    expect(ids()).toEqual(["q1", "q2"]);
    expect(panel.querySelector("[data-role=inline-more]")).toBeNull();
    renderInlineResults(panel, { queryId: "q3", results: [] }, false);
    expect(ids()).toEqual([]);
    expect(panel.querySelector("[data-role=inline-empty]")?.textContent).toBe("No results");
  });
});
