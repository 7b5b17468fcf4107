/** Small numeric helpers shared by the drivers. */

/** The q-quantile (0…1) of the first `n` values, nearest-rank on a sorted copy. */
export function quantile(values: Float64Array | number[], q: number, n = values.length): number {
  if (n === 0) return Number.NaN;
  const sorted = Float64Array.from(values.slice(0, n)).sort();
  const rank = Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1));
  return sorted[rank] ?? Number.NaN;
}

/** The median of a list. */
export function median(values: readonly number[]): number {
  return quantile([...values], 0.5);
}

/** Resolves after `ms`. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The marker a child puts before its one JSON result line on stdout. */
export const RESULT_MARK = "BENCH-RESULT ";

/** Writes a child's result for the orchestrator. */
export function emitResult(result: unknown): void {
  process.stdout.write(`${RESULT_MARK}${JSON.stringify(result)}\n`);
}

/**
 * Collects garbage when the process runs with --expose-gc, `times` times (the default two: finalizers free
 * more on the second; one is enough to keep a variant's garbage off the next one's clock).
 */
export function collectGarbage(times = 2): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; gc && i < times; i++) gc();
}
