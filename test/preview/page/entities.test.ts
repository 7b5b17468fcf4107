import { describe, expect, it } from "vitest";
import { firstStrongDirection, type MessageEntity, renderText } from "../../../src/preview/page/entities.js";
import { holder, newDocument } from "./dom.js";

const doc = newDocument();

function render(text: string, entities: MessageEntity[] = [], botUsername = "khabar_bot") {
  return holder(doc, renderText(doc, text, entities, { botUsername }));
}

/** Markup with the bookkeeping attributes dropped, to compare structure compactly. */
function markup(text: string, entities: MessageEntity[] = []): string {
  return render(text, entities)
    .innerHTML.replace(/ data-(entity|type)="[^"]*"/g, "")
    .replace(/<div data-role="line" dir="auto">/g, "<L>")
    .replace(/<\/div>/g, "</L>");
}

const lines = (root: ReturnType<typeof render>) =>
  [...root.querySelectorAll("[data-role=line]")].map((l) => l.textContent);

describe("lines", () => {
  it("gives every line its own element with dir=auto, empty lines included", () => {
    const root = render("Hello\nمرحبا بك\n\nend");
    expect(lines(root)).toEqual(["Hello", "مرحبا بك", "", "end"]);
    for (const line of root.querySelectorAll("[data-role=line]"))
      expect(line.getAttribute("dir")).toBe("auto");
  });

  it("draws an empty text as one empty line", () => {
    expect(lines(render(""))).toEqual([""]);
  });

  it("splits an entity that spans lines into one element per line", () => {
    const root = render("ab\ncd", [{ type: "bold", offset: 1, length: 3 }]);
    expect(markup("ab\ncd", [{ type: "bold", offset: 1, length: 3 }])).toBe(
      "<L>a<strong>b</strong></L><L><strong>c</strong>d</L>",
    );
    expect([...root.querySelectorAll("strong")].map((e) => e.dataset.entity)).toEqual(["0", "0"]);
  });
});

describe("inline entities", () => {
  it.each([
    ["bold", "strong"],
    ["italic", "em"],
    ["underline", "u"],
    ["strikethrough", "s"],
    ["code", "code"],
  ])("draws %s as <%s>", (type, tag) => {
    expect(markup("x yz", [{ type, offset: 2, length: 2 }])).toBe(`<L>x <${tag}>yz</${tag}></L>`);
  });

  it("nests entities, outer first, whatever order they are listed in", () => {
    const entities = [
      { type: "italic", offset: 3, length: 3 },
      { type: "bold", offset: 0, length: 9 },
    ];
    expect(markup("ab cde fg", entities)).toBe("<L><strong>ab <em>cde</em> fg</strong></L>");
  });

  it("splits overlapping entities at the crossing and keeps their text in order", () => {
    const entities = [
      { type: "bold", offset: 0, length: 5 },
      { type: "italic", offset: 3, length: 5 },
    ];
    expect(markup("abcdefgh", entities)).toBe("<L><strong>abc<em>de</em></strong><em>fgh</em></L>");
    expect(render("abcdefgh", entities).textContent).toBe("abcdefgh");
  });

  it("nests entities of the same range in the order listed", () => {
    const entities = [
      { type: "underline", offset: 0, length: 2 },
      { type: "bold", offset: 0, length: 2 },
    ];
    expect(markup("ab", entities)).toBe("<L><u><strong>ab</strong></u></L>");
  });

  it("counts offsets in UTF-16 code units: emoji (two units) and Arabic", () => {
    // "👋 " is three code units, so "مرحبا" starts at 3.
    const text = "👋 مرحبا 🇪🇬 world";
    const entities = [
      { type: "bold", offset: 3, length: 5 },
      { type: "italic", offset: 9, length: 4 },
      { type: "code", offset: 14, length: 5 },
    ];
    const root = render(text, entities);
    expect(root.querySelector("strong")?.textContent).toBe("مرحبا");
    expect(root.querySelector("em")?.textContent).toBe("🇪🇬");
    expect(root.querySelector("code")?.textContent).toBe("world");
    expect(root.textContent).toBe(text);
  });

  it("ignores entities outside the text and clips those running past its end", () => {
    const root = render("short", [
      { type: "bold", offset: 10, length: 3 },
      { type: "italic", offset: 2, length: 100 },
      { type: "code", offset: 1, length: 0 },
    ]);
    expect(root.querySelector("strong")).toBeNull();
    expect(root.querySelector("code")).toBeNull();
    expect(root.querySelector("em")?.textContent).toBe("ort");
  });

  it("puts message text into text nodes only: markup in the text stays text", () => {
    const text = '<img src=x onerror="alert(1)"><b>not bold</b>';
    const root = render(text, [{ type: "bold", offset: 0, length: 10 }]);
    expect(root.querySelector("img")).toBeNull();
    expect(root.querySelector("b")).toBeNull();
    expect(root.textContent).toBe(text);
  });

  it("draws a spoiler as a hidden, focusable span to reveal", () => {
    const spoiler = render("the end is near", [{ type: "spoiler", offset: 4, length: 3 }]).querySelector(
      "[data-role=spoiler]",
    );
    expect(spoiler?.textContent).toBe("end");
    expect(spoiler?.getAttribute("tabindex")).toBe("0");
    expect(spoiler?.hasAttribute("data-revealed")).toBe(false);
  });

  it("makes a bot command a clickable element carrying the command", () => {
    const root = render("Press /summary or /quotes@khabar_bot", [
      { type: "bot_command", offset: 6, length: 8 },
      { type: "bot_command", offset: 18, length: 18 },
    ]);
    const commands = [...root.querySelectorAll("[data-role=bot-command]")].map((c) =>
      c.getAttribute("data-command"),
    );
    expect(commands).toEqual(["/summary", "/quotes@khabar_bot"]);
  });

  it("links urls (adding http:// as Telegram does), text links, emails and phone numbers", () => {
    const text = "see example.com or here, mail a@b.org, call +1 (555) 010-9999";
    const root = render(text, [
      { type: "url", offset: 4, length: 11 },
      { type: "text_link", offset: 19, length: 4, url: "https://example.org/page?q=1" },
      { type: "email", offset: 30, length: 7 },
      { type: "phone_number", offset: 44, length: 17 },
    ]);
    const hrefs = [...root.querySelectorAll("a")].map((a) => a.getAttribute("href"));
    expect(hrefs).toEqual([
      "http://example.com/",
      "https://example.org/page?q=1",
      "mailto:a@b.org",
      "tel:+15550109999",
    ]);
    for (const a of root.querySelectorAll("a")) expect(a.getAttribute("rel")).toBe("noopener noreferrer");
  });

  it("refuses to make a javascript: text link clickable", () => {
    const root = render("click", [{ type: "text_link", offset: 0, length: 5, url: "javascript:alert(1)" }]);
    expect(root.querySelector("a")).toBeNull();
    expect(root.querySelector(".link-refused")?.textContent).toBe("click");
  });

  it("turns links to this bot into deep links that carry the start payload", () => {
    const text = "open summary, the menu, other bot, and @khabar_bot";
    const root = render(text, [
      { type: "text_link", offset: 5, length: 7, url: "https://t.me/khabar_bot?start=summary" },
      { type: "text_link", offset: 18, length: 4, url: "https://t.me/Khabar_Bot" },
      { type: "text_link", offset: 24, length: 9, url: "https://t.me/other_bot?start=x" },
      { type: "mention", offset: 39, length: 11 },
    ]);
    const [start, chat, other, mention] = [...root.querySelectorAll("a")];
    expect(start?.dataset).toMatchObject({ role: "deep-link", link: "start", start: "summary" });
    expect(chat?.dataset).toMatchObject({ role: "deep-link", link: "chat" });
    expect(other?.getAttribute("href")).toBe("https://t.me/other_bot?start=x");
    expect(mention?.dataset).toMatchObject({ role: "deep-link", link: "chat" });
  });

  it("links a mention of someone else to their t.me page", () => {
    const a = render("ask @durov", [{ type: "mention", offset: 4, length: 6 }]).querySelector("a");
    expect(a?.getAttribute("href")).toBe("https://t.me/durov");
    expect(a?.dataset.role).toBe("mention");
  });

  it("marks hashtags and cashtags", () => {
    const root = render("#news $USD", [
      { type: "hashtag", offset: 0, length: 5 },
      { type: "cashtag", offset: 6, length: 4 },
    ]);
    expect(root.querySelector("[data-role=hashtag]")?.textContent).toBe("#news");
    expect(root.querySelector("[data-role=cashtag]")?.textContent).toBe("$USD");
  });
});

describe("blocks", () => {
  it("draws a blockquote as a block of lines, without empty lines at its edges", () => {
    const text = "intro\nquoted one\nquoted two\nafter";
    const root = render(text, [{ type: "blockquote", offset: 6, length: 22 }]);
    expect(markup(text, [{ type: "blockquote", offset: 6, length: 22 }])).toBe(
      '<L>intro</L><blockquote data-role="blockquote" dir="ltr"><L>quoted one</L><L>quoted two</L></blockquote><L>after</L>',
    );
    expect(lines(root)).toEqual(["intro", "quoted one", "quoted two", "after"]);
  });

  it("draws an expandable blockquote collapsed, with a control to expand it", () => {
    const text = "head\nline 1\nline 2\nline 3\nline 4";
    const quote = render(text, [{ type: "expandable_blockquote", offset: 5, length: 27 }]).querySelector(
      "blockquote",
    );
    expect(quote?.dataset).toMatchObject({ role: "blockquote", expandable: "true", expanded: "false" });
    expect(quote?.querySelectorAll("[data-role=line]").length).toBe(4);
    const expand = quote?.querySelector("[data-role=expand]");
    expect(expand?.getAttribute("aria-expanded")).toBe("false");
  });

  it("draws pre with its language, and inline entities inside a quote", () => {
    const text = "code:\nconst x = 1;\nx++\n»quote« bold";
    const entities = [
      { type: "pre", offset: 6, length: 17, language: "typescript" },
      { type: "blockquote", offset: 23, length: 12 },
      { type: "bold", offset: 31, length: 4 },
    ];
    const root = render(text, entities);
    const pre = root.querySelector("pre");
    expect(pre?.dataset.language).toBe("typescript");
    expect(pre?.querySelector(".pre-language")?.textContent).toBe("typescript");
    expect([...(pre?.querySelectorAll("[data-role=line]") ?? [])].map((l) => l.textContent)).toEqual([
      "const x = 1;",
      "x++",
    ]);
    expect(root.querySelector("blockquote strong")?.textContent).toBe("bold");
  });

  it("nests a code block inside a quote", () => {
    const text = "q\ncode";
    const root = render(text, [
      { type: "blockquote", offset: 0, length: 6 },
      { type: "pre", offset: 2, length: 4 },
    ]);
    expect(root.querySelector("blockquote > pre")?.textContent).toBe("code");
    expect(root.querySelector("blockquote > [data-role=line]")?.textContent).toBe("q");
  });

  it("draws a block that crosses another inline rather than breaking the text", () => {
    const text = "aaa\nbbb\nccc";
    const root = render(text, [
      { type: "blockquote", offset: 0, length: 7 },
      { type: "blockquote", offset: 4, length: 7 },
    ]);
    expect(root.querySelectorAll("blockquote").length).toBe(1);
    expect(lines(root)).toEqual(["aaa", "bbb", "ccc"]);
    expect(root.textContent).toBe("aaabbbccc");
  });

  it("keeps every character of an Arabic message with mixed entities, line by line", () => {
    const text = "‏الملخص: اتصال هاتفي\n• بوتين وترامب (Putin, Trump)\n• 🤝 تبادل";
    const at = (part: string) => ({ offset: text.indexOf(part), length: part.length });
    const entities = [
      { type: "bold", ...at("الملخص:") },
      { type: "italic", ...at("Putin, Trump)") },
      { type: "underline", ...at("تبادل") },
    ];
    const root = render(text, entities);
    expect(lines(root)).toEqual(text.split("\n"));
    expect(root.querySelector("strong")?.textContent).toBe("الملخص:");
    expect(root.querySelector("em")?.textContent).toBe("Putin, Trump)");
    expect(root.querySelector("u")?.textContent).toBe("تبادل");
  });
});

describe("firstStrongDirection", () => {
  it.each([
    ["مرحبا hello", "rtl"],
    ["hello مرحبا", "ltr"],
    ["«123» — ترامب", "rtl"],
    ["\u200fTrump", "rtl"],
    ["\u200eترامب", "ltr"],
    ["👋 2025: Putin", "ltr"],
    ["123 — !", undefined],
  ])("gives %j the direction %s", (text, expected) => {
    expect(firstStrongDirection(text)).toBe(expected);
  });

  it("draws an Arabic quote with its bar on the right side (dir=rtl), an English one on the left", () => {
    const text = "«قال» ترامب\nTrump said";
    const root = render(text, [
      { type: "blockquote", offset: 0, length: 11 },
      { type: "blockquote", offset: 12, length: 10 },
    ]);
    expect([...root.querySelectorAll("blockquote")].map((q) => q.getAttribute("dir"))).toEqual([
      "rtl",
      "ltr",
    ]);
  });
});
