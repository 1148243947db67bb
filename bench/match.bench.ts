import { matchSelection, ValueIndex, type Matchable } from '../utils/match';
import type { Row } from './lib/report';
import { alternate, median, percentile } from './lib/stats';

/** Right-click matching against 5,000 cached secrets, by name and by value, against a bare scan. */
export async function matchBench(opts: { smoke: boolean }): Promise<Row[]> {
  const count = opts.smoke ? 500 : 5_000;
  const secrets: Matchable[] = Array.from({ length: count }, (_, n) => ({
    id: `id-${n}`,
    name: `Service ${n} API`,
    identifier: `svc-${n}`,
    clientId: `client-${n}-${(n * 7919).toString(36)}`,
    url: `https://api${n}.example.com/v1`,
  }));
  const index = await ValueIndex.create();
  for (let n = 0; n < count; n++) await index.set(`id-${n}`, 1, `sk_live_${n}_${(n * 104729).toString(36)}`);
  const n = opts.smoke ? 20 : 200;
  const pick = () => Math.floor(Math.random() * count);

  // Baselines, each alternated with its figure: the least any matcher must do, a plain scan comparing one field
  // (matching tries four: name, identifier, client ID and URL), and one HMAC (the value index's lookup key).
  const hmacKey = await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const timed = async (fn: () => unknown) => {
    const t = performance.now();
    await fn();
    return performance.now() - t;
  };
  const { a: byName, b: scan } = await alternate(
    n,
    () =>
      timed(() => {
        const r = matchSelection(`  "Service ${pick()} API" `, secrets);
        if (r.tier !== 'exact') throw new Error('name did not match');
      }),
    () => timed(() => secrets.find((s) => s.name === `Service ${pick()} API`)),
  );
  const { a: byValue, b: oneHmac } = await alternate(
    n,
    () =>
      timed(async () => {
        const k = pick();
        const ids = await index.lookup(`sk_live_${k}_${(k * 104729).toString(36)}`);
        const r = matchSelection('sk_live_…', secrets, ids);
        if (r.tier !== 'value') throw new Error('value did not match');
      }),
    () => timed(() => crypto.subtle.sign('HMAC', hmacKey, new TextEncoder().encode('sk_live_x'))),
  );
  const label = `${count.toLocaleString('en')} secrets`;
  return [
    {
      section: 'right-click',
      figure: `match by name among ${label}, p95`,
      value: percentile(byName, 95),
      unit: 'ms',
      budget: 50,
      maxRatio: 5,
      baseline: { label: 'bare scan of names', value: percentile(scan, 95) },
    },
    {
      section: 'right-click',
      figure: `match by client-secret value among ${label}, p95`,
      value: percentile(byValue, 95),
      unit: 'ms',
      budget: 50,
      maxRatio: 10,
      baseline: { label: 'one HMAC', value: percentile(oneHmac, 95) },
    },
    {
      section: 'right-click',
      figure: `match by name among ${label}, median`,
      value: median(byName),
      unit: 'ms',
      budget: null,
      baseline: { label: 'bare scan of names', value: median(scan) },
    },
  ];
}
