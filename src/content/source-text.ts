/**
 * The verbatim original as lines, and what about the file itself an editor must be told in words: marks
 * that make lines look equal when they are not (a byte-order mark, Windows line endings), and which command
 * pins a deliberately changed original.
 */
import type { Problem } from "./problem.js";

/** The command that updates a story's pinned hash, as an editor types it. */
export function hashCommand(storyDir: string): string {
  return `npm run story:hash -- ${storyDir}`;
}

/**
 * The original's lines as the story must rebuild them, without what the file-level findings below already
 * name: a leading byte-order mark and the CR of CRLF line endings. A final newline ends the last line.
 */
export function originalLines(source: string): string[] {
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const body = text.endsWith("\n") ? text.slice(0, -1) : text;
  return body.split("\n").map((line) => (line.endsWith("\r") ? line.slice(0, -1) : line));
}

/** 1-based numbers of the lines matching a test, shortened: "1–3, 7". */
function lineList(lines: readonly string[], test: (line: string) => boolean): string {
  const numbers = lines.flatMap((line, i) => (test(line) ? [i + 1] : []));
  const ranges: string[] = [];
  for (let i = 0; i < numbers.length; i++) {
    const start = numbers[i] as number;
    let end = start;
    while (numbers[i + 1] === end + 1) end = numbers[++i] as number;
    ranges.push(end === start ? `${start}` : `${start}–${end}`);
  }
  return ranges.join(", ");
}

/** Problems with the original file as a file: a byte-order mark and CRLF line endings, each named once. */
export function sourceFileProblems(source: string, file: string): Problem[] {
  const problems: Problem[] = [];
  if (source.charCodeAt(0) === 0xfeff) {
    problems.push({
      file,
      path: "",
      message:
        "starts with a byte-order mark (U+FEFF BYTE ORDER MARK), invisible in most editors; save the file as " +
        "UTF-8 without BOM",
    });
  }
  const raw = source.split("\n");
  const crlf = raw.filter((line) => line.endsWith("\r")).length;
  if (crlf > 0) {
    problems.push({
      file,
      path: "",
      message:
        `has Windows line endings (CRLF, U+000D before each line break) on line(s) ${lineList(raw, (l) => l.endsWith("\r"))}; ` +
        "stories use LF: convert the file back (for example `sed -i 's/\\r$//' FILE`)",
    });
  }
  return problems;
}

/** The message for an original whose SHA-256 no longer matches the pinned one. */
export function sourceChangedMessage(digest: string, pinned: string, storyDir: string): string {
  return (
    `has changed: its SHA-256 is ${digest}, but story.json's sourceSha256 is ${pinned}. The original must stay ` +
    `verbatim: restore it, or if the change is deliberate, pin the new hash with \`${hashCommand(storyDir)}\` ` +
    `(or \`npm run content:check -- ${storyDir} --fix-hash\`)`
  );
}
