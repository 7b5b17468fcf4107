/** The benchmark's report: one figure per row, khabar beside its baseline, the ratio over runs, the verdict. */

/** One figure as bench/results/latest.json holds it (the shape other tools read). */
export interface Figure {
  id: string;
  khabar: number;
  baseline: number;
  /** khabar relative to the baseline, in the direction the target is stated in (median over runs). */
  ratio: number;
  target: string;
  /** Figures without a target (shown for information) pass. */
  pass: boolean;
}

/** A figure with what the table shows beside it: units, what the baseline is, the range over runs. */
export interface Row extends Figure {
  unit: string;
  /** What the baseline column holds for this figure. */
  against: string;
  /** The lowest and highest ratio over the runs (equal when there was one run). */
  range: [number, number];
  runs: number;
}

const fixed = (value: number, digits: number): string =>
  Number.isFinite(value) ? value.toFixed(digits) : "n/a";

/** A number with a unit, rounded sensibly for the table. */
export function fmt(value: number, unit: string): string {
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${fixed(value, digits)} ${unit}`.trim();
}

/** A ratio such as "3.41×". */
export function times(value: number): string {
  return `${fixed(value, 2)}×`;
}

/** Renders rows as a Markdown table (readable as plain text too). */
export function renderTable(rows: readonly Row[]): string {
  const header = ["id", "khabar", "baseline", "against", "ratio (median)", "range (runs)", "target", "pass"];
  const cells = rows.map((row) => [
    row.id,
    fmt(row.khabar, row.unit),
    fmt(row.baseline, row.unit),
    row.against,
    times(row.ratio),
    `${times(row.range[0])}–${times(row.range[1])} (${row.runs})`,
    row.target,
    row.target === "none" ? "info" : row.pass ? "PASS" : "FAIL",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? "").length)));
  const line = (values: readonly string[]) =>
    `| ${values.map((v, i) => v.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  const rule = `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`;
  return [line(header), rule, ...cells.map(line)].join("\n");
}
