/** Which way a figure improves: a time or a size goes down, a throughput goes up. */
export type Direction = 'lower' | 'higher';

/** One measured figure, side by side with its budget and the baseline measured in the same run. */
export type Row = {
  section: string;
  figure: string;
  value: number;
  unit: 'ms' | 'KB' | 'B' | 'MB' | 'frames' | 'req/s' | 'grants';
  /** Defaults to lower-is-better. */
  direction?: Direction;
  /**
   * The absolute budget: a lower-is-better figure must stay under it, a higher-is-better one over it (for a
   * timed figure, a quiet-machine guide: see `isGuide`). Null where the architecture gives none.
   */
  budget: number | null;
  baseline: { label: string; value: number } | null;
  /**
   * A second budget, relative: the figure may be at most this many times worse than its baseline (for a
   * higher-is-better figure, at least baseline ÷ maxRatio).
   */
  maxRatio?: number;
  /** The spread of the samples behind the figure (interquartile range) and how many there were. */
  spread?: { p25: number; p75: number; n: number };
};

const fmt = (v: number, unit: string) => `${v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : Math.round(v)} ${unit}`;

const better = (r: Row, a: number, b: number) => ((r.direction ?? 'lower') === 'lower' ? a < b : a > b);

/** Units that measure time (or its inverse): they move with the machine's load, whatever the code does. */
const TIMED: ReadonlySet<Row['unit']> = new Set(['ms', 'req/s']);

/**
 * Whether an absolute budget is only a guide (printed, not judged): true for every timed figure, since on a
 * shared machine only its ratio to the same-run baseline says whether the code got slower. Sizes and counts do
 * not depend on load, so theirs are judged.
 */
export const isGuide = (r: Row) => TIMED.has(r.unit);

/** Whether the absolute budget is met (true when there is none, or when it is only a guide). */
export const meetsBudget = (r: Row) => r.budget === null || isGuide(r) || better(r, r.value, r.budget);

/** Whether the figure stays within `maxRatio` of its baseline, in the direction the figure improves. */
export const meetsRatio = (r: Row) => {
  if (r.maxRatio === undefined || !r.baseline) return true;
  // A baseline that measured nothing (no level met its bound, a failed run) cannot vouch for the figure.
  if (!(r.baseline.value > 0)) return false;
  return (r.direction ?? 'lower') === 'lower'
    ? r.value <= r.maxRatio * r.baseline.value
    : r.value * r.maxRatio >= r.baseline.value;
};

export const passes = (r: Row) => meetsBudget(r) && meetsRatio(r);

const judged = (r: Row) => (r.budget !== null && !isGuide(r)) || r.maxRatio !== undefined;

/**
 * A timed figure with a budget but no ratio to judge it by would be printed as if judged and never fail: the
 * benches must give each one a same-run baseline and a `maxRatio` (checked when the table is printed).
 */
export function unjudgedTimedBudgets(rows: Row[]): Row[] {
  return rows.filter((r) => TIMED.has(r.unit) && r.budget !== null && (r.maxRatio === undefined || !r.baseline));
}

function budgetText(r: Row): string {
  const hi = r.direction === 'higher';
  const abs = r.budget === null ? '' : `${hi ? '>' : '<'} ${fmt(r.budget, r.unit)}${isGuide(r) ? ' (guide)' : ''}`;
  const rel = r.maxRatio ? (hi ? `≥ baseline ÷ ${r.maxRatio}` : `≤ ${r.maxRatio}× baseline`) : '';
  return [abs, rel].filter(Boolean).join(', ') || '—';
}

/** The table's cells, one record per row: figure, spread, budget, baseline, ratio, pass/fail. */
export function cells(rows: Row[]) {
  return rows.map((r) => ({
    section: r.section,
    figure: r.figure,
    value: fmt(r.value, r.unit),
    spread: r.spread ? `${fmt(r.spread.p25, '').trim()}–${fmt(r.spread.p75, r.unit)} (n=${r.spread.n})` : '',
    budget: budgetText(r),
    baseline: r.baseline ? `${fmt(r.baseline.value, r.unit)} (${r.baseline.label})` : '—',
    ratio: r.baseline && r.baseline.value > 0 ? `${(r.value / r.baseline.value).toFixed(2)}×` : '—',
    result: !judged(r) ? 'info' : passes(r) ? 'pass' : 'FAIL',
  }));
}

/** Prints the table: figure, spread, budget, baseline, ratio, pass/fail. */
export function printTable(rows: Row[], print: (line: string) => void = console.log): void {
  const table = cells(rows);
  const cols = Object.keys(table[0] ?? {}) as (keyof (typeof table)[number])[];
  const width = Object.fromEntries(cols.map((c) => [c, Math.max(c.length, ...table.map((t) => t[c].length))]));
  const line = (cells: Record<string, string>) => cols.map((c) => cells[c]!.padEnd(width[c]!)).join('  ');
  print(line(Object.fromEntries(cols.map((c) => [c, c]))));
  print(cols.map((c) => '-'.repeat(width[c]!)).join('  '));
  for (const t of table) print(line(t));
}
