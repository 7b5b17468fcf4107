import type { StoryData } from "./schema.js";

/** One line of the original as the structured story produces it, with where it comes from. */
export interface SourceLine {
  text: string;
  /** Its path in the story file, e.g. `sections[2].heading`. */
  path: string;
}

/** The source lines in reading order: each section's heading (if any), then its paragraphs. */
export function sourceLines(data: StoryData): SourceLine[] {
  const lines: SourceLine[] = [];
  data.sections.forEach((section, s) => {
    if (section.heading !== undefined) lines.push({ text: section.heading, path: `sections[${s}].heading` });
    section.paragraphs.forEach((paragraph, p) => {
      lines.push({
        text: paragraph[data.language] ?? "",
        path: `sections[${s}].paragraphs[${p}].${data.language}`,
      });
    });
  });
  return lines;
}

/**
 * The original text as the structured story rebuilds it: lines joined by LF. Whether the original ends
 * with a newline is a property of the file, not of the story, so the caller passes it.
 */
export function rebuildSource(data: StoryData, trailingNewline = false): string {
  const text = sourceLines(data)
    .map((line) => line.text)
    .join("\n");
  return trailingNewline ? `${text}\n` : text;
}
