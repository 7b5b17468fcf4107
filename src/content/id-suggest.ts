/**
 * What a check message says about an id that names nothing: the ids it could have meant, and the nearest
 * one, so an editor who typed `hadad` reads `did you mean "haddad"?` rather than searching the file.
 */

/** Ids listed in one message before the rest are counted. */
const MAX_LISTED = 12;

/** Edit distance with adjacent swaps (optimal string alignment), over code points. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  const d: number[][] = Array.from({ length: x.length + 1 }, (_, i) =>
    Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const row = d[i] as number[];
      const up = d[i - 1] as number[];
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      row[j] = Math.min((up[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (up[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) {
        row[j] = Math.min(row[j] ?? 0, ((d[i - 2] as number[])[j - 2] ?? 0) + 1);
      }
    }
  }
  return (d[x.length] as number[])[y.length] ?? 0;
}

/** The known id nearest to `id`, when it is close enough to be a slip (a third of its letters at most). */
export function nearestId(id: string, known: readonly string[]): string | undefined {
  let best: { id: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(id, candidate);
    if (best === undefined || distance < best.distance) best = { id: candidate, distance };
  }
  if (best === undefined) return undefined;
  const limit = Math.max(2, Math.floor(Math.max([...id].length, [...best.id].length) / 3));
  return best.distance <= limit ? best.id : undefined;
}

/** `; the story's people: haddad, omari; did you mean "haddad"?` for a message about an unknown id. */
export function validIdsHint(id: string, known: readonly string[], plural: string): string {
  if (known.length === 0) return `; the story has no ${plural} yet`;
  const listed = known.slice(0, MAX_LISTED).join(", ");
  const more = known.length > MAX_LISTED ? ` … and ${known.length - MAX_LISTED} more` : "";
  const near = nearestId(id, known);
  return `; the story's ${plural}: ${listed}${more}${near !== undefined ? `; did you mean "${near}"?` : ""}`;
}
