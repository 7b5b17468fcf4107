/**
 * The first draft of a story from a plain article (`npm run story:new`): everything the text itself says
 * (its sections, paragraphs, quoted spans, the people it names and who seems to speak), and nothing it
 * cannot know (translations, a summary, roles), which the editor adds and `content:check` asks for.
 */
import { findQuotedSpans } from "../quoted-spans.js";
import { attribute, type TextParagraph } from "./scaffold-people.js";
import { sha256 } from "./story-hash.js";

/** The languages a story's original may be written in. */
export type StoryLanguage = "ar" | "en";

/** A draft story in the format of story.json (the fields a scaffold can fill). */
export interface DraftStory {
  id: string;
  language: StoryLanguage;
  published: string;
  draft: true;
  sourceSha256: string;
  title?: Partial<Record<StoryLanguage, string>>;
  standfirst?: Partial<Record<StoryLanguage, string>>;
  sections: Array<{
    id: string;
    heading?: string;
    paragraphs: Array<{ id: string } & Partial<Record<StoryLanguage, string>>>;
  }>;
  people?: Array<{
    id: string;
    name: Partial<Record<StoryLanguage, string>>;
    aliases: string[];
    mentions: string[];
    gender?: "m" | "f";
  }>;
  quotes?: Array<
    { id: string; speaker?: string; paragraph: string } & Partial<Record<StoryLanguage, string>>
  >;
  /** Reported speech (no quotation marks), drafted from «قال … إن …» and `said that …`. */
  statements?: Array<
    { id: string; speaker?: string; paragraph: string } & Partial<Record<StoryLanguage, string>>
  >;
}

/** What the editor passes besides the article. */
export interface ScaffoldOptions {
  id: string;
  title?: string;
  standfirst?: string;
  /** ISO date; today (UTC) by default. */
  published?: string;
}

/** The draft, and what the editor should know about how it was made. */
export interface Scaffold {
  story: DraftStory;
  /** Plain-language notes, such as quotes whose speaker could not be guessed. */
  notes: string[];
}

/** Why an article cannot be scaffolded as it is. */
export class ScaffoldError extends Error {
  override name = "ScaffoldError";
}

/** A subheading is short: at most this many characters… */
const HEADING_MAX_LENGTH = 60;
/** …and does not end like a sentence or an attribution. */
const FINAL_PUNCTUATION = /[.!?؟:؛;,،…"»”')\]]$/u;

/** The language of a text: the script most of its letters are written in. */
export function detectLanguage(text: string): StoryLanguage {
  const arabic = text.match(/\p{Script=Arabic}/gu)?.length ?? 0;
  const latin = text.match(/\p{Script=Latin}/gu)?.length ?? 0;
  return arabic >= latin ? "ar" : "en";
}

/** Whether a line of the article is a subheading rather than a paragraph. */
export function isHeadingLine(line: string): boolean {
  const text = line.trim();
  return text !== "" && [...text].length <= HEADING_MAX_LENGTH && !FINAL_PUNCTUATION.test(text);
}

/**
 * Builds the draft story of an article. `bytes` is the file exactly as it will be copied; it must be UTF-8
 * text with LF line endings, no byte-order mark and no blank lines, since the check rebuilds the original
 * line by line from headings and paragraphs.
 */
export function scaffoldStory(bytes: Buffer, options: ScaffoldOptions): Scaffold {
  const text = bytes.toString("utf8");
  if (text.charCodeAt(0) === 0xfeff) {
    throw new ScaffoldError(
      "the article starts with a byte-order mark (U+FEFF); save it as UTF-8 without BOM and run story:new again",
    );
  }
  const crlf = text.match(/\r\n/g)?.length ?? 0;
  if (crlf > 0) {
    throw new ScaffoldError(
      `the article has Windows line endings (CRLF) on ${crlf} line(s); the story is rebuilt line by line with LF, ` +
        "so convert it first (for example `sed -i 's/\\r$//' FILE`) and run story:new again",
    );
  }
  const language = detectLanguage(text);
  const notes: string[] = [];
  const lines = (text.endsWith("\n") ? text.slice(0, -1) : text).split("\n");
  const blank = lines.flatMap((line, i) => (line.trim() === "" ? [i + 1] : []));
  if (blank.length > 0) {
    const shown = blank.slice(0, 8).join(", ") + (blank.length > 8 ? ", …" : "");
    throw new ScaffoldError(
      `the article has ${blank.length} blank line(s) (line ${shown}); a story's original is rebuilt from its ` +
        "headings and paragraphs, one per line, so remove them first (for example `sed -i '/^[[:space:]]*$/d' FILE`) " +
        "and run story:new again",
    );
  }

  const sections: DraftStory["sections"] = [];
  let paragraphCount = 0;
  lines.forEach((line, i) => {
    const nextIsText = lines[i + 1] !== undefined && !isHeadingLine(lines[i + 1] ?? "");
    if (isHeadingLine(line) && nextIsText) {
      sections.push({ id: `section-${sections.length + 1}`, heading: line, paragraphs: [] });
      return;
    }
    let section = sections[sections.length - 1];
    if (section === undefined) {
      section = { id: `section-${sections.length + 1}`, paragraphs: [] };
      sections.push(section);
    }
    paragraphCount++;
    section.paragraphs.push({ id: `p${paragraphCount}`, [language]: line });
  });
  if (paragraphCount === 0) throw new ScaffoldError("the article has no paragraphs");

  const paragraphs: TextParagraph[] = sections.flatMap((s) =>
    s.paragraphs.map((p) => ({ id: p.id, text: p[language] ?? "" })),
  );
  const spans = paragraphs.flatMap((paragraph) =>
    findQuotedSpans(paragraph.text).map((span) => ({ ...span, paragraph: paragraph.id })),
  );
  const found = attribute(language, paragraphs, spans);

  const quotes: NonNullable<DraftStory["quotes"]> = [];
  const perSpeaker = new Map<string, number>();
  spans.forEach((span, i) => {
    const speaker = found.speakers[i];
    const stem = speaker ?? "quote";
    const n = (perSpeaker.get(stem) ?? 0) + 1;
    perSpeaker.set(stem, n);
    const id = `${stem}-${n}`;
    if (speaker === undefined)
      notes.push(`quote ${id} in paragraph ${span.paragraph}: no speaker found; add one`);
    quotes.push({ id, ...(speaker ? { speaker } : {}), paragraph: span.paragraph, [language]: span.text });
  });

  const statements: NonNullable<DraftStory["statements"]> = [];
  const perReporter = new Map<string, number>();
  for (const statement of found.statements) {
    const stem = statement.speaker ?? "statement";
    const n = (perReporter.get(stem) ?? 0) + 1;
    perReporter.set(stem, n);
    const id = `${stem}-r${n}`.slice(0, 24);
    if (statement.speaker === undefined)
      notes.push(
        `statement ${id} in paragraph ${statement.paragraph}: no speaker found; add one or remove it`,
      );
    statements.push({
      id,
      ...(statement.speaker ? { speaker: statement.speaker } : {}),
      paragraph: statement.paragraph,
      [language]: statement.text,
    });
  }

  const people = found.people.map((c) => ({
    id: c.id,
    name: { [language]: c.name },
    ...(c.gender ? { gender: c.gender } : {}),
    aliases: c.aliases,
    mentions: c.mentions,
  }));
  const story: DraftStory = {
    id: options.id,
    language,
    published: options.published ?? new Date().toISOString().slice(0, 10),
    draft: true,
    sourceSha256: sha256(bytes),
    ...(options.title ? { title: { [language]: options.title } } : {}),
    ...(options.standfirst ? { standfirst: { [language]: options.standfirst } } : {}),
    sections,
    ...(people.length > 0 ? { people } : {}),
    ...(quotes.length > 0 ? { quotes } : {}),
    ...(statements.length > 0 ? { statements } : {}),
  };
  return { story, notes };
}
