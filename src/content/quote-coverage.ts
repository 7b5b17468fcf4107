/**
 * Every span an article puts in quotation marks is either one of the story's direct quotes or marked as
 * not a quote (a title, a term, scare quotes) with a reason: a forgotten quote would otherwise let the bot
 * say a person is never quoted right above their words.
 */
import { findQuotedSpans, overlapsSpan } from "./quoted-spans.js";

type Lang = "ar" | "en";
type Texts = Partial<Record<Lang, string>>;

/** What this check reads of a story; any version of the story schema has at least this. */
export interface CoverageStory {
  language: Lang;
  sections: ReadonlyArray<{ paragraphs: ReadonlyArray<{ id: string } & Texts> }>;
  quotes?: ReadonlyArray<{ paragraph: string } & Texts>;
  notQuotes?: ReadonlyArray<{ paragraph: string; text: string }>;
}

/** Where a problem is, and what to do about it. */
export interface CoverageProblem {
  path: string;
  message: string;
}

const EXCERPT = 40;

function excerpt(text: string): string {
  return text.length > EXCERPT ? `«${text.slice(0, EXCERPT)}…»` : `«${text}»`;
}

/** Quoted spans of the original's paragraphs that no quote and no notQuotes entry covers. */
export function uncoveredQuotedSpans(data: CoverageStory): CoverageProblem[] {
  const problems: CoverageProblem[] = [];
  const lang = data.language;
  data.sections.forEach((section, s) => {
    section.paragraphs.forEach((paragraph, p) => {
      const text = paragraph[lang];
      if (text === undefined) return;
      const quotes = (data.quotes ?? []).filter((q) => q.paragraph === paragraph.id);
      const notQuotes = (data.notQuotes ?? []).filter((n) => n.paragraph === paragraph.id).map((n) => n.text);
      // A quote or not-a-quote span that is not verbatim is reported as such; which span it meant is known
      // once it is fixed.
      if (quotes.some((q) => !text.includes(q[lang] ?? "")) || notQuotes.some((n) => !text.includes(n)))
        return;
      const covers = [...quotes.map((q) => q[lang] ?? ""), ...notQuotes];
      for (const span of findQuotedSpans(text)) {
        if (covers.some((part) => overlapsSpan(text, part, span))) continue;
        problems.push({
          path: `sections[${s}].paragraphs[${p}].${lang}`,
          message:
            `quoted span ${excerpt(span.text)} in paragraph "${paragraph.id}" is in no quote: add it to "quotes" ` +
            'with its speaker, or, if it is not a direct quote, to "notQuotes" with a "reason"',
        });
      }
    });
  });
  return problems;
}
