import { Agent, request } from 'node:http';
import { percentile } from './stats';

export type LoadResult = { requests: number; perSecond: number; p99: number; errors: number };

/**
 * Keeps `concurrency` GETs in flight against `base` (keep-alive, one socket per worker) for `ms`
 * milliseconds, or for `total` requests when given; `path(i)` picks each request's path.
 */
export async function load(o: {
  base: string;
  token: string;
  concurrency: number;
  ms?: number;
  total?: number;
  path: (i: number) => string;
  onProgress?: (done: number) => void;
}): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: o.concurrency });
  const times: number[] = [];
  let issued = 0;
  let errors = 0;
  const start = performance.now();
  const more = () => (o.total !== undefined ? issued < o.total : performance.now() - start < o.ms!);
  const one = (path: string) =>
    new Promise<void>((done) => {
      const t = performance.now();
      const req = request(new URL(path, o.base), { agent, headers: { authorization: `Bearer ${o.token}` } }, (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode !== 200) errors++;
          times.push(performance.now() - t);
          o.onProgress?.(times.length);
          done();
        });
      });
      req.on('error', () => {
        errors++;
        done();
      });
      req.end();
    });
  await Promise.all(
    Array.from({ length: o.concurrency }, async () => {
      while (more()) await one(o.path(issued++));
    }),
  );
  const elapsed = performance.now() - start;
  agent.destroy();
  return { requests: times.length, perSecond: (times.length / elapsed) * 1000, p99: percentile(times, 99), errors };
}

/**
 * The highest rate each of two targets sustains with p99 under `p99Budget` ms: load at rising concurrency,
 * keeping each target's best rate among the levels that met the bound (0 when none did). Every level runs (on
 * a shared machine one noisy level says little about the next), twice, the two targets alternated (A then B,
 * then B then A), so background load that comes and goes falls on both alike.
 */
export async function sustainedPair(o: {
  a: string;
  b: string;
  token: string;
  ms: number;
  levels: number[];
  p99Budget: number;
  path: (i: number) => string;
}) {
  type Best = LoadResult & { concurrency: number };
  const none = (): Best => ({ requests: 0, perSecond: 0, p99: NaN, errors: 0, concurrency: 0 });
  const best = { a: none(), b: none() };
  let turn = 0;
  for (const concurrency of o.levels)
    for (let rep = 0; rep < 2; rep++) {
      const order: ('a' | 'b')[] = turn++ % 2 ? ['b', 'a'] : ['a', 'b'];
      for (const which of order) {
        const r = await load({ ...o, base: o[which], concurrency });
        console.error(`  ${which} c=${concurrency}: ${r.perSecond.toFixed(0)} req/s, p99 ${r.p99.toFixed(1)} ms`);
        if (r.errors) throw new Error(`${r.errors} request(s) failed at concurrency ${concurrency}`);
        if (r.p99 < o.p99Budget && r.perSecond > best[which].perSecond) best[which] = { ...r, concurrency };
      }
    }
  return best;
}
