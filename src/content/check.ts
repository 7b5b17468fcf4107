import { foldName } from "../text/name-match.js";
import type { Problem } from "./problem.js";
import { uncoveredQuotedSpans } from "./quote-coverage.js";
import { sourceLines } from "./rebuild.js";
import type { StoryData } from "./schema.js";
import { originalLines, sourceFileProblems } from "./source-text.js";
import { describeLineDifference, describeSpanMismatch } from "./text-diff.js";

type Report = (path: string, message: string) => void;

/** Longest excerpt of a line quoted in a message, so problems stay one readable line. */
const EXCERPT = 40;

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

/** Every id is unique within its kind; paragraphs are unique across sections. */
function checkIds(data: StoryData, report: Report): void {
  const unique = (kind: string, entries: Array<{ id: string; path: string }>) => {
    const first = new Map<string, string>();
    for (const { id, path } of entries) {
      const seen = first.get(id);
      if (seen === undefined) first.set(id, path);
      else report(`${path}.id`, `duplicate ${kind} id "${id}" (already used at ${seen})`);
    }
  };
  unique(
    "section",
    data.sections.map((s, i) => ({ id: s.id, path: `sections[${i}]` })),
  );
  unique(
    "paragraph",
    data.sections.flatMap((s, i) =>
      s.paragraphs.map((p, j) => ({ id: p.id, path: `sections[${i}].paragraphs[${j}]` })),
    ),
  );
  unique(
    "person",
    data.people.map((p, i) => ({ id: p.id, path: `people[${i}]` })),
  );
  unique(
    "quote",
    data.quotes.map((q, i) => ({ id: q.id, path: `quotes[${i}]` })),
  );
  unique(
    "group",
    data.exchange.groups.map((g, i) => ({ id: g.id, path: `exchange.groups[${i}]` })),
  );
  unique(
    "fact",
    data.exchange.groups.flatMap((g, i) =>
      g.facts.map((f, j) => ({ id: f.id, path: `exchange.groups[${i}].facts[${j}]` })),
    ),
  );
  unique(
    "summary point",
    data.summary.map((p, i) => ({ id: p.id, path: `summary[${i}]` })),
  );
}

/** Every reference names something that exists, and every quote stands verbatim in its paragraph. */
function checkReferences(data: StoryData, report: Report): void {
  const paragraphs = new Map(data.sections.flatMap((s) => s.paragraphs.map((p) => [p.id, p] as const)));
  const people = new Set(data.people.map((p) => p.id));
  const quotes = new Set(data.quotes.map((q) => q.id));
  const refs = (
    path: string,
    kind: string,
    ids: readonly string[] | undefined,
    known: { has(id: string): boolean },
  ) => {
    ids?.forEach((id, i) => {
      if (!known.has(id)) report(`${path}[${i}]`, `names ${kind} "${id}", which the story does not have`);
    });
  };

  data.people.forEach((person, i) => {
    refs(`people[${i}].mentions`, "paragraph", person.mentions, paragraphs);
  });
  data.quotes.forEach((quote, i) => {
    if (!people.has(quote.speaker)) {
      report(`quotes[${i}].speaker`, `names person "${quote.speaker}", who is not among the story's people`);
    }
    const paragraph = paragraphs.get(quote.paragraph);
    if (!paragraph) {
      report(`quotes[${i}].paragraph`, `names paragraph "${quote.paragraph}", which the story does not have`);
    } else if (!paragraph.ar.includes(quote.ar)) {
      report(
        `quotes[${i}].ar`,
        `is not a verbatim part of paragraph "${quote.paragraph}": ${describeSpanMismatch(quote.ar, paragraph.ar)}`,
      );
    }
  });
  data.exchange.groups.forEach((group, g) => {
    group.facts.forEach((fact, f) => {
      const path = `exchange.groups[${g}].facts[${f}]`;
      refs(`${path}.paragraphs`, "paragraph", fact.paragraphs, paragraphs);
      refs(`${path}.people`, "person", fact.people, people);
      refs(`${path}.quotes`, "quote", fact.quotes, quotes);
    });
  });
  data.summary.forEach((point, i) => {
    refs(`summary[${i}].paragraphs`, "paragraph", point.paragraphs, paragraphs);
  });
}

/** A typed name must lead to one person, so no two people may share a name once normalised. */
function checkAliases(data: StoryData, report: Report): void {
  const owner = new Map<string, { person: string; written: string }>();
  data.people.forEach((person, i) => {
    const names: Array<[string, string]> = [
      [`people[${i}].name.ar`, person.name.ar],
      [`people[${i}].name.en`, person.name.en],
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
