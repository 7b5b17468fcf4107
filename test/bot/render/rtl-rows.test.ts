import { describe, expect, it } from "vitest";
import {
  gridRows,
  hereMarker,
  isRightToLeft,
  laidOut,
  PAGER_ARROWS,
  pagerLabel,
  pagerRow,
} from "../../../src/bot/render/rtl-rows.js";

describe("laidOut", () => {
  const reading = [["a", "b", "c"], ["d"], ["e", "f"]];

  it("keeps English rows as written", () => {
    expect(laidOut(reading, "en")).toEqual(reading);
  });

  it("mirrors each Arabic row, keeping the rows' order top to bottom", () => {
    expect(laidOut(reading, "ar")).toEqual([["c", "b", "a"], ["d"], ["f", "e"]]);
  });

  it("returns new arrays and leaves its input alone", () => {
    const input = [["a", "b"]];
    const out = laidOut(input, "ar");
    expect(input).toEqual([["a", "b"]]);
    out[0]?.push("z");
    expect(input).toEqual([["a", "b"]]);
  });

  it("keeps empty keyboards and rows empty", () => {
    expect(laidOut([], "ar")).toEqual([]);
    expect(laidOut([[]], "ar")).toEqual([[]]);
  });
});

describe("gridRows", () => {
  const menu = ["quotes", "people", "summary", "full", "sections"];

  it("starts a two-column Arabic menu top right", () => {
    const rows = gridRows(menu, 2, "ar");
    expect(rows).toEqual([["people", "quotes"], ["full", "summary"], ["sections"]]);
    // The first button in reading order is the last of the first row's array: drawn rightmost.
    expect(rows[0]?.at(-1)).toBe("quotes");
  });

  it("starts a two-column English menu top left", () => {
    expect(gridRows(menu, 2, "en")).toEqual([["quotes", "people"], ["summary", "full"], ["sections"]]);
  });

  it("treats a width below one as one and gives no rows for no buttons", () => {
    expect(gridRows(["a", "b"], 0, "ar")).toEqual([["a"], ["b"]]);
    expect(gridRows([], 2, "ar")).toEqual([]);
  });
});

describe("pagerRow", () => {
  it("puts next before previous in the Arabic row's array, so previous is drawn on the right", () => {
    expect(pagerRow("previous", "next", "ar")).toEqual(["next", "previous"]);
  });

  it("puts previous first in English", () => {
    expect(pagerRow("previous", "next", "en")).toEqual(["previous", "next"]);
  });

  it("keeps a lone button and gives an empty row for none", () => {
    expect(pagerRow(undefined, "next", "ar")).toEqual(["next"]);
    expect(pagerRow("previous", undefined, "ar")).toEqual(["previous"]);
    expect(pagerRow(undefined, undefined, "en")).toEqual([]);
  });
});

describe("pager arrows and labels", () => {
  it("points previous right and next left in Arabic, the reverse in English", () => {
    expect(PAGER_ARROWS.ar).toEqual({ previous: "→", next: "←" });
    expect(PAGER_ARROWS.en).toEqual({ previous: "←", next: "→" });
  });

  it("uses arrows the bidi algorithm does not mirror, so they are drawn as written", () => {
    for (const arrows of Object.values(PAGER_ARROWS)) {
      expect(arrows.previous).not.toMatch(/\p{Bidi_Mirrored}/u);
      expect(arrows.next).not.toMatch(/\p{Bidi_Mirrored}/u);
    }
    // What the old English labels used would flip in a right-to-left label.
    expect("‹").toMatch(/\p{Bidi_Mirrored}/u);
  });

  it("places each arrow on the button's outer edge", () => {
    expect(pagerLabel("previous", "Previous", "en")).toBe("← Previous");
    expect(pagerLabel("next", "Next", "en")).toBe("Next →");
    // Drawn right to left: «السابق →» with the arrow at the right edge, «← التالي» at the left edge.
    expect(pagerLabel("previous", "السابق", "ar")).toBe("→ السابق");
    expect(pagerLabel("next", "التالي", "ar")).toBe("التالي ←");
  });

  it("in an Arabic row drawn left to right, the arrows point away from each other", () => {
    const row = pagerRow(pagerLabel("previous", "السابق", "ar"), pagerLabel("next", "التالي", "ar"), "ar");
    // Left button: next, its arrow (written last, so drawn leftmost) points left; right button: previous,
    // its arrow (written first, so drawn rightmost) points right.
    expect(row).toEqual(["التالي ←", "→ السابق"]);
  });
});

describe("hereMarker and direction", () => {
  it("points the marker into the label from the side the language reads from", () => {
    expect(hereMarker("en")).toBe("▸");
    expect(hereMarker("ar")).toBe("◂");
    expect(hereMarker("ar")).not.toMatch(/\p{Bidi_Mirrored}/u);
  });

  it("knows Arabic reads from the right", () => {
    expect(isRightToLeft("ar")).toBe(true);
    expect(isRightToLeft("en")).toBe(false);
  });
});
