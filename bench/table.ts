/** The benchmark's report: one row per figure, khabar beside its baseline, the ratio and the verdict. */

export interface Row {
  figure: string;
  khabar: string;
  baseline: string;
  /** khabar relative to the baseline, in the direction the target is stated in. */
  ratio: string;
  target: string;
  /** undefined for rows that are shown for information and have no target. */
  pass: boolean | undefined;
  /** The numbers behind the row, for the JSON file. */
  values: { khabar: number; baseline: number; ratio: number };
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

/** Renders rows as a fixed-width text table. */
export function renderTable(rows: readonly Row[]): string {
  const header = ["figure", "khabar", "baseline", "ratio", "target", "pass/fail"];
  const cells = rows.map((row) => [
    row.figure,
    row.khabar,
    row.baseline,
    row.ratio,
    row.target,
    row.pass === undefined ? "info" : row.pass ? "PASS" : "FAIL",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? "").length)));
  const line = (values: readonly string[]) =>
    `| ${values.map((v, i) => v.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  const rule = `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`;
  return [line(header), rule, ...cells.map(line)].join("\n");
}
