import { foldName } from "../text/name-match.js";
import { isBuiltInCommand } from "./built-in-commands.js";
import { validIdsHint } from "./id-suggest.js";
import type { Problem } from "./problem.js";
import { uncoveredQuotedSpans } from "./quote-coverage.js";
import { sourceLines } from "./rebuild.js";
import type { Lang, Localized, StoryData } from "./schema.js";
import { originalLines, sourceFileProblems } from "./source-text.js";
import { describeLineDifference, describeSpanMismatch, spanNoun } from "./text-diff.js";

type Report = (path: string, message: string) => void;

/**
 * Longest excerpt of a line quoted in a message: enough for an editor to find the line, short enough that
 * problems stay one readable line and that a report (which goes to the bot's log) never carries a file.
 */
export const EXCERPT = 24;

function excerpt(text: string): string {
  return text.length > EXCERPT ? `«${text.slice(0, EXCERPT)}…»` : `«${text}»`;
}

/**
 * Checks what a schema cannot: the story against its verbatim original and against itself.
 * Returns every problem found (empty when the story is sound).
 */
export function checkStory(
  data: StoryData,
  source: string,
  files: { story: string; source: string },
): Problem[] {
  const problems: Problem[] = [];
  const report: Report = (path, message) => problems.push({ file: files.story, path, message });
  problems.push(...sourceFileProblems(source, files.source));
  checkRebuild(data, source, files.source, report);
  checkOriginals(data, report);
  checkIds(data, report);
  checkReferences(data, report);
  checkAliases(data, report);
  for (const uncovered of uncoveredQuotedSpans(data)) report(uncovered.path, uncovered.message);
  return problems;
}

/** The structured paragraphs must give back the original byte for byte, line by line. */
function checkRebuild(data: StoryData, source: string, sourceFile: string, report: Report): void {
  const built = sourceLines(data);
  const original = originalLines(source);
  let b = 0;
  let o = 0;
  while (b < built.length || o < original.length) {
    const line = built[b];
    const want = original[o];
    if (line === undefined) {
      report("sections", `line ${o + 1} of ${sourceFile} is missing from the story: ${excerpt(want ?? "")}`);
      o++;
      continue;
    }
    if (want === undefined) {
      report(line.path, `is not in ${sourceFile} (the original has only ${original.length} lines)`);
      b++;
      continue;
    }
    if (line.text === want) {
      b++;
      o++;
    } else if (built[b]?.text === original[o + 1]) {
      report(line.path, `line ${o + 1} of ${sourceFile} is missing before this one: ${excerpt(want)}`);
      o++;
    } else if (built[b + 1]?.text === want) {
      report(line.path, `is not in ${sourceFile} at this place (line ${o + 1} reads ${excerpt(want)})`);
      b++;
    } else {
      report(
        line.path,
        `differs from line ${o + 1} of ${sourceFile}${describeLineDifference(line.text, want)}`,
      );
      b++;
      o++;
    }
  }
}

/** Where the story's language must have its text: the original, from which translations are made. */
function checkOriginals(data: StoryData, report: Report): void {
  const lang = data.language;
  const need = (path: string, text: Localized | { ar?: string; en?: string } | undefined, what: string) => {
    if (text?.[lang] === undefined)
      report(`${path}.${lang}`, `is missing: ${what} in the original's language (${lang})`);
  };
  need("title", data.title, "the title");
  need("standfirst", data.standfirst, "the standfirst");
  if (data.source !== undefined) {
    need("source.outlet", data.source.outlet, "the outlet as the original names it");
    if (data.source.author !== undefined) need("source.author", data.source.author, "the author");
  }
  data.sections.forEach((section, s) => {
    // An editorial title is the editors' own words, not the original's: either language alone will do.
    if (section.title !== undefined && section.title.ar === undefined && section.title.en === undefined)
      report(`sections[${s}].title`, 'is empty: give the section title in either language ("ar" or "en")');
    section.paragraphs.forEach((paragraph, p) => {
      need(`sections[${s}].paragraphs[${p}]`, paragraph, "the verbatim paragraph");
      if (paragraph.note !== undefined)
        need(`sections[${s}].paragraphs[${p}].note`, paragraph.note, "the note");
    });
  });
  data.summary.forEach((point, i) => {
    need(`summary[${i}]`, point, "the summary point");
  });
  data.people.forEach((person, i) => {
    need(`people[${i}].name`, person.name, "the name as the story writes it");
    if (person.role !== undefined) need(`people[${i}].role`, person.role, "the role");
  });
  data.quotes.forEach((quote, i) => {
    need(`quotes[${i}]`, quote, "the quoted words, verbatim");
  });
  data.statements.forEach((statement, i) => {
    need(`statements[${i}]`, statement, "the reported words, verbatim");
  });
  data.corrections.forEach((correction, i) => {
    need(`corrections[${i}]`, correction, "the correction's note");
  });
  if (data.withdrawn !== undefined) need("withdrawn", data.withdrawn, "the editors' note");
  data.cards.forEach((card, c) => {
    need(`cards[${c}].title`, card.title, "the card title");
    for (const [name, label] of Object.entries(card.labels ?? {}))
      need(`cards[${c}].labels.${name}`, label, "the label");
    card.groups.forEach((group, g) => {
      need(`cards[${c}].groups[${g}].title`, group.title, "the group title");
      group.facts.forEach((fact, f) => {
        need(`cards[${c}].groups[${g}].facts[${f}].label`, fact.label, "the label");
        need(`cards[${c}].groups[${g}].facts[${f}].text`, fact.text, "the fact");
      });
    });
  });
}

/** Every id is unique within its kind; paragraphs are unique across sections, facts across cards. */
function checkIds(data: StoryData, report: Report): void {
  const unique = (kind: string, entries: Array<{ id: string; path: string }>, field = "id") => {
    const first = new Map<string, string>();
    for (const { id, path } of entries) {
      const seen = first.get(id);
      if (seen === undefined) first.set(id, path);
      else report(`${path}.${field}`, `duplicate ${kind} "${id}" (already used at ${seen})`);
    }
  };
  const list = <T extends { id: string }>(items: readonly T[], path: string) =>
    items.map((item, i) => ({ id: item.id, path: `${path}[${i}]` }));
  unique("section id", list(data.sections, "sections"));
  unique(
    "paragraph id",
    data.sections.flatMap((s, i) => list(s.paragraphs, `sections[${i}].paragraphs`)),
  );
  unique("person id", list(data.people, "people"));
  unique("quote id", list(data.quotes, "quotes"));
  unique("statement id", list(data.statements, "statements"));
  unique("card id", list(data.cards, "cards"));
  unique(
    "group id",
    data.cards.flatMap((c, i) => list(c.groups, `cards[${i}].groups`)),
  );
  unique(
    "fact id",
    data.cards.flatMap((c, i) => c.groups.flatMap((g, j) => list(g.facts, `cards[${i}].groups[${j}].facts`))),
  );
  unique("summary point id", list(data.summary, "summary"));
  unique("correction id", list(data.corrections, "corrections"));
  unique(
    "card command",
    data.cards.flatMap((card, i) =>
      card.command === undefined ? [] : [{ id: card.command, path: `cards[${i}]` }],
    ),
    "command",
  );
  data.cards.forEach((card, i) => {
    if (card.command !== undefined && isBuiltInCommand(card.command))
      report(`cards[${i}].command`, `"/${card.command}" is one of the bot's own commands; choose another`);
  });
}

/** Every reference names something that exists, and every span stands verbatim in its paragraph. */
function checkReferences(data: StoryData, report: Report): void {
  const lang = data.language;
  const paragraphs = new Map(data.sections.flatMap((s) => s.paragraphs.map((p) => [p.id, p] as const)));
  const people = new Set(data.people.map((p) => p.id));
  const quotes = new Set(data.quotes.map((q) => q.id));
  const plurals: Readonly<Record<string, string>> = {
    paragraph: "paragraphs",
    person: "people",
    quote: "quotes",
  };
  /** `names person "hadad", which the story does not have; the story's people: …; did you mean …?` */
  const unknown = (kind: string, id: string, known: ReadonlySet<string> | ReadonlyMap<string, unknown>) =>
    `names ${kind} "${id}", which the story does not have${validIdsHint(id, [...known.keys()], plurals[kind] ?? kind)}`;
  const refs = (
    path: string,
    kind: string,
    ids: readonly string[] | undefined,
    known: ReadonlySet<string> | ReadonlyMap<string, unknown>,
  ) => {
    ids?.forEach((id, i) => {
      if (!known.has(id)) report(`${path}[${i}]`, unknown(kind, id, known));
    });
  };
  /** A span (quote, statement, context, not-a-quote) must be a verbatim part of the paragraph it names. */
  const span = (path: string, paragraphId: string, text: string | undefined) => {
    const paragraph = paragraphs.get(paragraphId);
    const original = paragraph?.[lang];
    if (text === undefined || original === undefined || original.includes(text)) return;
    report(
      path,
      `is not a verbatim part of paragraph "${paragraphId}": ${describeSpanMismatch(text, original, spanNoun(path))}`,
    );
  };

  data.people.forEach((person, i) => {
    refs(`people[${i}].mentions`, "paragraph", person.mentions, paragraphs);
  });
  const attributed = (kind: "quotes" | "statements") => {
    data[kind].forEach((item, i) => {
      if (!people.has(item.speaker)) {
        report(
          `${kind}[${i}].speaker`,
          `names person "${item.speaker}", who is not among the story's people${validIdsHint(item.speaker, [...people], "people")}`,
        );
      }
      if (!paragraphs.has(item.paragraph)) {
        report(`${kind}[${i}].paragraph`, unknown("paragraph", item.paragraph, paragraphs));
      } else span(`${kind}[${i}].${lang}`, item.paragraph, item[lang]);
    });
  };
  attributed("quotes");
  attributed("statements");
  data.quotes.forEach((quote, i) => {
    if (quote.context !== undefined && paragraphs.has(quote.paragraph))
      span(`quotes[${i}].context`, quote.paragraph, quote.context);
  });
  data.notQuotes.forEach((entry, i) => {
    if (!paragraphs.has(entry.paragraph)) {
      report(`notQuotes[${i}].paragraph`, unknown("paragraph", entry.paragraph, paragraphs));
    } else span(`notQuotes[${i}].text`, entry.paragraph, entry.text);
  });
  data.cards.forEach((card, c) => {
    card.groups.forEach((group, g) => {
      group.facts.forEach((fact, f) => {
        const path = `cards[${c}].groups[${g}].facts[${f}]`;
        refs(`${path}.paragraphs`, "paragraph", fact.paragraphs, paragraphs);
        refs(`${path}.people`, "person", fact.people, people);
        refs(`${path}.quotes`, "quote", fact.quotes, quotes);
      });
    });
  });
  data.summary.forEach((point, i) => {
    refs(`summary[${i}].paragraphs`, "paragraph", point.paragraphs, paragraphs);
  });
  data.corrections.forEach((correction, i) => {
    refs(`corrections[${i}].paragraphs`, "paragraph", correction.paragraphs, paragraphs);
  });
}

/** A typed name must lead to one person, so no two people may share a name once normalised. */
function checkAliases(data: StoryData, report: Report): void {
  const owner = new Map<string, { person: string; written: string }>();
  data.people.forEach((person, i) => {
    const names: Array<[string, string]> = [
      ...(["ar", "en"] as const satisfies readonly Lang[]).flatMap((l): Array<[string, string]> => {
        const written = person.name[l];
        return written === undefined ? [] : [[`people[${i}].name.${l}`, written]];
      }),
      ...person.aliases.map((alias, j): [string, string] => [`people[${i}].aliases[${j}]`, alias]),
    ];
    for (const [path, written] of names) {
      const key = foldName(written).join(" ");
      if (key === "") {
        report(path, `${excerpt(written)} has no letters to match a reader's input on`);
        continue;
      }
      const seen = owner.get(key);
      if (seen === undefined) owner.set(key, { person: person.id, written });
      else if (seen.person !== person.id) {
        report(
          path,
          `${excerpt(written)} also names "${seen.person}" (as ${excerpt(seen.written)}) once normalised`,
        );
      }
    }
  });
}
