import { describe, expect, it } from 'vitest';
import { passes, unjudgedTimedBudgets, type Row } from '../bench/lib/report';
import { alternate, spread } from '../bench/lib/stats';

const row = (r: Partial<Row>): Row => ({
  section: 's',
  figure: 'f',
  value: 10,
  unit: 'ms',
  budget: null,
  baseline: null,
  ...r,
});

describe('bench pass rule', () => {
  it.each([
    ['a size under budget', row({ value: 10, unit: 'KB', budget: 20 }), true],
    ['a size over budget', row({ value: 30, unit: 'KB', budget: 20 }), false],
    ['a count over budget', row({ value: 3, unit: 'grants', budget: 2 }), false],
    [
      'a time over its quiet-machine budget but within its ratio',
      row({ value: 30, budget: 20, maxRatio: 2, baseline: { label: 'b', value: 20 } }),
      true,
    ],
    [
      'a throughput under its quiet-machine budget but within its ratio',
      row({
        value: 100,
        unit: 'req/s',
        direction: 'higher',
        budget: 200,
        maxRatio: 1.5,
        baseline: { label: 'b', value: 120 },
      }),
      true,
    ],
    [
      'a time budget is a guide, not judged',
      row({ value: 300, budget: 200, maxRatio: 2, baseline: { label: 'b', value: 200 } }),
      true,
    ],
    [
      'lower, over its ratio to the baseline',
      row({ value: 50, maxRatio: 2, baseline: { label: 'b', value: 20 } }),
      false,
    ],
    [
      'higher, within its ratio',
      row({ value: 60, direction: 'higher', maxRatio: 2, baseline: { label: 'b', value: 100 } }),
      true,
    ],
    [
      'a baseline that measured nothing fails the row',
      row({ value: 0, unit: 'req/s', direction: 'higher', maxRatio: 1.5, baseline: { label: 'b', value: 0 } }),
      false,
    ],
    [
      'higher, below baseline ÷ ratio',
      row({ value: 40, direction: 'higher', maxRatio: 2, baseline: { label: 'b', value: 100 } }),
      false,
    ],
  ])('%s', (_name, r, expected) => expect(passes(r)).toBe(expected));

  it('names a timed budget that has no ratio to be judged by', () => {
    const bare = row({ figure: 'no ratio', budget: 20 });
    const ok = row({ figure: 'with ratio', budget: 20, maxRatio: 2, baseline: { label: 'b', value: 5 } });
    const size = row({ figure: 'size', unit: 'KB', budget: 20 });
    expect(unjudgedTimedBudgets([bare, ok, size]).map((r) => r.figure)).toEqual(['no ratio']);
  });
});

describe('A/B sampling', () => {
  it('interleaves the two runs after one warm-up each', async () => {
    const order: string[] = [];
    const { a, b } = await alternate(
      4,
      async () => (order.push('a'), 1),
      async () => (order.push('b'), 2),
    );
    expect(order).toEqual(['a', 'b', 'a', 'b', 'b', 'a', 'a', 'b', 'b', 'a']);
    expect(a).toEqual([1, 1, 1, 1]);
    expect(b).toEqual([2, 2, 2, 2]);
  });

  it('reports the interquartile range', () =>
    expect(spread([1, 2, 3, 4, 5, 6, 7, 8])).toEqual({ p25: 2, p75: 6, n: 8 }));
});
