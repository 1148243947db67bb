/** Nearest-rank percentile of a sample (p in 0..100). */
export function percentile(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const median = (xs: number[]) => percentile(xs, 50);

/** Runs `fn` `n` times after `warmup` unmeasured runs and returns the samples `fn` reports (or its wall time). */
export async function sample(n: number, fn: () => Promise<number | void>, warmup = Math.min(5, n)): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const r = await fn();
    out.push(typeof r === 'number' ? r : performance.now() - t);
  }
  return out;
}

/** The interquartile range of a sample, with its size: the spread a figure is reported with. */
export const spread = (xs: number[]) => ({ p25: percentile(xs, 25), p75: percentile(xs, 75), n: xs.length });

/**
 * Runs A and B alternately (A, B, A, B…) so that background load that comes and goes falls on both alike,
 * after one unmeasured run of each; returns both samples.
 */
export async function alternate(
  n: number,
  a: () => Promise<number>,
  b: () => Promise<number>,
): Promise<{ a: number[]; b: number[] }> {
  await a();
  await b();
  const out = { a: [] as number[], b: [] as number[] };
  for (let i = 0; i < n; i++) {
    // Which goes first alternates too, so neither always follows the other's after-effects.
    if (i % 2) {
      out.b.push(await b());
      out.a.push(await a());
    } else {
      out.a.push(await a());
      out.b.push(await b());
    }
  }
  return out;
}
