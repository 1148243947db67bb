/** One measured figure, side by side with its budget and the baseline measured in the same run. */
export type Row = {
  section: string;
  figure: string;
  value: number;
  unit: 'ms' | 'KB' | 'B' | 'frames';
  /** The budget the figure must stay under; null where the architecture gives none (shown for information). */
  budget: number | null;
  baseline: { label: string; value: number } | null;
  /** A second budget, relative: the figure may be at most this many times its baseline. */
  maxRatio?: number;
};

const fmt = (v: number, unit: string) => `${v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : Math.round(v)} ${unit}`;

export const passes = (r: Row) =>
  (r.budget === null || r.value < r.budget) && (r.maxRatio === undefined || !r.baseline || r.value <= r.maxRatio * r.baseline.value);

/** Prints the table: figure, budget, baseline, ratio, pass/fail. */
export function printTable(rows: Row[]): void {
  const table = rows.map((r) => ({
    section: r.section,
    figure: r.figure,
    value: fmt(r.value, r.unit),
    budget: [r.budget === null ? '' : `< ${fmt(r.budget, r.unit)}`, r.maxRatio ? `≤ ${r.maxRatio}× baseline` : ''].filter(Boolean).join(', ') || '—',
    baseline: r.baseline ? `${fmt(r.baseline.value, r.unit)} (${r.baseline.label})` : '—',
    ratio: r.baseline && r.baseline.value > 0 ? `${(r.value / r.baseline.value).toFixed(1)}×` : '—',
    result: r.budget === null && r.maxRatio === undefined ? 'info' : passes(r) ? 'pass' : 'FAIL',
  }));
  const cols = Object.keys(table[0] ?? {}) as (keyof (typeof table)[number])[];
  const width = Object.fromEntries(cols.map((c) => [c, Math.max(c.length, ...table.map((t) => t[c].length))]));
  const line = (cells: Record<string, string>) => cols.map((c) => cells[c]!.padEnd(width[c]!)).join('  ');
  console.log(line(Object.fromEntries(cols.map((c) => [c, c]))));
  console.log(cols.map((c) => '-'.repeat(width[c]!)).join('  '));
  for (const t of table) console.log(line(t));
}
