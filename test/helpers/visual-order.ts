import { createRequire } from "node:module";
import type { Bidi } from "bidi-js";

// bidi-js is a UMD bundle whose `module.exports` is the factory; its typings declare it as a default export.
const bidi = (createRequire(import.meta.url)("bidi-js") as () => Bidi)();

/**
 * Where each character of a one-line text is drawn, left to right, by the Unicode Bidirectional Algorithm
 * (UAX #9, as bidi-js implements it) with the paragraph direction taken from the first strong character,
 * as Telegram's clients take it: `drawnAt[i]` is the column of the text's i-th UTF-16 unit.
 */
export function drawnColumns(line: string): number[] {
  const levels = bidi.getEmbeddingLevels(line, "auto");
  const order = bidi.getReorderedIndices(line, levels, 0, line.length - 1);
  const drawnAt = new Array<number>(line.length).fill(-1);
  order.forEach((logical: number, column: number) => {
    drawnAt[logical] = column;
  });
  return drawnAt;
}

/** Whether, in a left-to-right line, every character of `first` is drawn left of every one of `then`. */
export function drawnBefore(line: string, first: string, then: string): boolean {
  const a = line.indexOf(first);
  const b = line.indexOf(then, a + first.length);
  if (a === -1 || b === -1) throw new Error(`"${first}" then "${then}" are not in the line`);
  const columns = drawnColumns(line);
  const right = Math.max(...columns.slice(a, a + first.length));
  const left = Math.min(...columns.slice(b, b + then.length));
  return right < left;
}
