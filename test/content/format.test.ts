/**
 * The parts of the story format beyond the original story: reported speech, spans that are not quotes, a
 * quote's context, fact cards and their command aliases, and the schema staying strict.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadStory } from "../../src/content/load.js";
import type { StoryData } from "../../src/content/schema.js";
import { storyKey } from "../../src/content/story.js";
import { RIVERSIDE_DIR } from "../bot/multi-story.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function copy(source: string, id: string, change: (data: StoryData & Record<string, unknown>) => void) {
  const root = mkdtempSync(join(tmpdir(), "khabar-format-"));
  dirs.push(root);
  const dir = join(root, id);
  cpSync(source, dir, { recursive: true });
  const file = join(dir, "story.json");
  const data = JSON.parse(readFileSync(file, "utf8")) as StoryData & Record<string, unknown>;
  change(data);
  writeFileSync(file, JSON.stringify(data, null, 2));
  const result = loadStory(dir);
  return result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`);
}

const fixture = (change: (data: StoryData & Record<string, unknown>) => void) =>
  copy(RIVERSIDE_DIR, "riverside-final", change);
const real = (change: (data: StoryData & Record<string, unknown>) => void) =>
  copy("test/fixtures/stories/putin-trump-call", "putin-trump-call", change);

describe("the story format", () => {
  it("needs no translation, summary, card or people: the fixture has none of the first three and loads", () => {
    expect(fixture(() => {})).toEqual([]);
  });

  it("checks that statements, contexts and not-a-quote spans stand verbatim in their paragraph", () => {
    expect(
      fixture((d) => {
        (d.statements[0] as { en: string }).en = "Lopez gave the win to the youth players.";
        (d.quotes[1] as { context: string }).context = "their team";
        (d.notQuotes[0] as { text: string }).text = "Golden Ball";
      }),
    ).toEqual([
      expect.stringMatching(/^statements\[0\]\.en: is not a verbatim part of paragraph "match-3"/),
      expect.stringMatching(/^quotes\[1\]\.context: is not a verbatim part of paragraph "after-1"/),
      expect.stringMatching(/^notQuotes\[0\]\.text: is not a verbatim part of paragraph "after-2"/),
    ]);
  });

  it("checks the references of statements and not-a-quote entries", () => {
    expect(
      fixture((d) => {
        (d.statements[0] as { speaker: string }).speaker = "smith";
        (d.notQuotes[0] as { paragraph: string }).paragraph = "after-9";
      }),
    ).toEqual([
      'statements[0].speaker: names person "smith", who is not among the story\'s people; ' +
        "the story's people: lopez, reed",
      'notQuotes[0].paragraph: names paragraph "after-9", which the story does not have; ' +
        'the story\'s paragraphs: match-1, match-2, match-3, after-1, after-2; did you mean "after-1"?',
      // The span that entry marked is then marked by nothing: the coverage check says so too.
      expect.stringMatching(
        /^sections\[1\]\.paragraphs\[1\]\.en: quoted span «Golden Boot» .* is in no quote/,
      ),
    ]);
  });

  it("requires the original language's text of a paragraph, and allows the translation to be missing", () => {
    expect(
      fixture((d) => {
        const p = d.sections[0]?.paragraphs[0];
        if (p) p.ar = "ترجمة";
        delete (p as { en?: string }).en;
      }),
    ).toEqual(
      expect.arrayContaining([
        "sections[0].paragraphs[0].en: is missing: the verbatim paragraph in the original's language (en)",
      ]),
    );
  });

  it("keeps the schema strict: an unknown field is an error, in a card too", () => {
    expect(
      real((d) => {
        d.nickname = "x";
        Object.assign(d.cards[0] as object, { colour: "red" });
      }),
    ).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^nickname: /),
        expect.stringMatching(/^cards\[0\]\.colour: /),
      ]),
    );
  });

  it("refuses a card command that is one of the bot's own, or that two cards share", () => {
    expect(
      real((d) => {
        const card = d.cards[0];
        if (!card) return;
        d.cards.push({ ...card, id: "exchange-2" });
        card.command = "help";
      }),
    ).toEqual(
      expect.arrayContaining([
        'cards[0].command: "/help" is one of the bot\'s own commands; choose another',
        expect.stringMatching(/^cards\[1\]\.id: duplicate group id|^cards\[1\]\.groups/),
      ]),
    );
  });

  it("needs a real publication date", () => {
    expect(fixture((d) => (d.published = "2026-02-30T25:00:00Z"))).toEqual([
      expect.stringMatching(/^published: /),
    ]);
    expect(fixture((d) => (d.published = "2026-02-30"))).toEqual(["published: is not a real date"]);
    expect(fixture((d) => (d.published = "last week"))).toEqual([
      expect.stringMatching(/^published: must be an ISO date/),
    ]);
  });

  it("derives a story's key from its id alone, short and ASCII", () => {
    expect(storyKey({ id: "riverside-final" })).toMatch(/^[a-z0-9]{4}$/);
    expect(storyKey({ id: "riverside-final" })).toBe(storyKey({ id: "riverside-final" }));
    expect(storyKey({ id: "riverside-final" })).not.toBe(storyKey({ id: "riverside-finals" }));
    expect(storyKey({ id: "putin-trump-call", key: "pt" })).toBe("pt");
  });
});
