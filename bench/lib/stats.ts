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
