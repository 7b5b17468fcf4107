import type { SearchHit } from "../text/search-index.js";
import type { StoryData } from "./schema.js";
import { factPassageId } from "./story-search.js";

/** A span of a paragraph that is also a passage of its own: a quote or a reported statement. */
interface Span {
  kind: "quote" | "statement";
  id: string;
  paragraph: string;
  ar?: string;
  en?: string;
}

/** The paragraphs a hit stands for: its own, the one its quote or statement is in, or those a summary point or fact rests on. */
function homes(data: StoryData, hit: SearchHit): readonly string[] {
  switch (hit.kind) {
    case "paragraph":
      return [hit.id];
    case "quote":
      return data.quotes.filter((q) => q.id === hit.id).map((q) => q.paragraph);
    case "statement":
      return data.statements.filter((s) => s.id === hit.id).map((s) => s.paragraph);
    case "summary":
      return data.summary.find((p) => p.id === hit.id)?.paragraphs ?? [];
    case "fact":
      for (const card of data.cards)
        for (const group of card.groups)
          for (const fact of group.facts)
            if (factPassageId(card.id, fact.id) === hit.id) return fact.paragraphs;
      return [];
    default:
      return [];
  }
}

/**
 * A paragraph hit whose every match lies inside one quote or statement of that paragraph, as a hit of that
 * span (its ranges moved into the span's text): the span names its speaker, the paragraph often only «وأضاف».
 */
function asSpan(data: StoryData, hit: SearchHit, spans: readonly Span[]): SearchHit {
  const text = data.sections.flatMap((s) => s.paragraphs).find((p) => p.id === hit.id)?.[hit.lang];
  if (text === undefined || hit.ranges.length === 0) return hit;
  for (const span of spans) {
    if (span.paragraph !== hit.id) continue;
    const words = span[hit.lang];
    const at = words === undefined ? -1 : text.indexOf(words);
    if (words === undefined || at === -1) continue;
    const inside = hit.ranges.every((r) => r.start >= at && r.end <= at + words.length);
    if (!inside) continue;
    const ranges = hit.ranges.map((r) => ({ start: r.start - at, end: r.end - at }));
    return { ...hit, kind: span.kind, id: span.id, ranges };
  }
  return hit;
}

/**
 * Search hits with each passage of the article once, best-ranked first, in its most informative form: a
 * sentence found as a paragraph and as the quote (or reported statement) inside it is shown once, as the
 * quote when every match is in the quote's words (it names the speaker) and as the paragraph otherwise;
 * a summary point or a card fact that restates what is already shown (every paragraph it rests on that holds
 * the query is shown) is left out, so the count is of distinct passages. A hit in both languages is shown once too (the better-ranked).
 */
export function onePerPassage(data: StoryData, hits: readonly SearchHit[]): SearchHit[] {
  const spans: Span[] = [
    ...data.quotes.map((q) => ({ ...q, kind: "quote" as const })),
    ...data.statements.map((s) => ({ ...s, kind: "statement" as const })),
  ];
  const seen = new Set<string>();
  const direct: SearchHit[] = [];
  for (const raw of hits) {
    const hit = raw.kind === "paragraph" ? asSpan(data, raw, spans) : raw;
    const key = `${hit.kind}|${hit.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    direct.push(hit);
  }
  // A paragraph shown whole holds its quotes and statements: those are not shown again.
  const whole = new Set(direct.filter((h) => h.kind === "paragraph").map((h) => h.id));
  const kept = direct.filter(
    (hit) =>
      !((hit.kind === "quote" || hit.kind === "statement") && homes(data, hit).some((p) => whole.has(p))),
  );
  const shown = new Set(
    kept.filter((h) => h.kind !== "summary" && h.kind !== "fact").flatMap((h) => homes(data, h)),
  );
  // The paragraphs that hold the query themselves (in either language, whole or in a quote).
  const matching = new Set(
    hits.filter((h) => h.kind !== "summary" && h.kind !== "fact").flatMap((h) => homes(data, h)),
  );
  // A restatement (summary point, fact) adds nothing found when every paragraph it rests on that holds the
  // query is already shown: it says again what is on the screen. One that rests on a shown paragraph and
  // matched on words of its own is kept.
  return kept.filter((hit) => {
    if (hit.kind !== "summary" && hit.kind !== "fact") return true;
    const rests = homes(data, hit).filter((p) => matching.has(p));
    return rests.length === 0 || !rests.every((p) => shown.has(p));
  });
}
