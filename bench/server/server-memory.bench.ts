import type { Row } from '../lib/report';
import { load } from '../lib/load';
import { serverProcess } from '../lib/server-process';
import { benchServer, benchUser } from './bench-server';
import { populateSecrets } from './populate';

/**
 * The vault server's resident memory over many requests: a server process of its own on SQLite, loaded on
 * loopback with no-change syncs and recipient searches (8 in flight); RSS read from /proc after a warm-up
 * (a tenth of the run, at least 5,000 requests: caches and JIT settled) and after the run, each after a full
 * garbage collection. Flat means no per-request leak.
 */
export async function serverMemoryBench(opts: { smoke: boolean }): Promise<Row[]> {
  const s = await benchServer({ db: 'sqlite' });
  try {
    const owner = await benchUser(s, 'bench.owner');
    await populateSecrets(s, { id: owner.userId, publicKey: owner.publicKey }, 200);
    for (let i = 0; i < 20; i++) await benchUser(s, `bench.person${i}`, `Person Number${i}`);
    const cursor = (await owner.sync()).cursor;
    const p = await serverProcess(s.env, { inspect: true });
    try {
      // A warm-up of its own first (unmeasured, a tenth of the run and at least 5,000 requests): the heap grows to
      // its working size, the JIT and SQLite's caches settle. The smoke run's first 200 requests (its tenth)
      // were still that growth, not a baseline of "flat". Then the run itself. Each reading follows a full
      // collection (through the inspector), so garbage not yet collected does not pass for a leak, and what
      // is kept is still counted.
      const total = opts.smoke ? 5_000 : 100_000;
      const warmup = Math.max(5_000, total / 10);
      const queries = ['per', 'person', 'number1', 'bench', 'nu'];
      const run = async (n: number) => {
        const r = await load({
          base: p.url,
          token: owner.token!,
          concurrency: 8,
          total: n,
          path: (i) => (i % 2 ? `/v1/sync?since=${cursor}` : `/v1/directory/search?q=${queries[i % queries.length]}`),
        });
        if (r.errors) throw new Error(`${r.errors} request(s) failed`);
        await p.gc();
        await new Promise((done) => setTimeout(done, 500));
        return p.rssMB();
      };
      const warm = await run(warmup);
      const end = await run(total);
      return [
        {
          section: 'server memory',
          figure: `RSS after ${total.toLocaleString('en')} more requests (sync + search, 8 in flight)`,
          value: end,
          unit: 'MB',
          budget: null,
          maxRatio: 1.2,
          baseline: { label: `RSS after a warm-up of ${warmup.toLocaleString('en')}`, value: warm },
        },
      ];
    } finally {
      await p.close();
    }
  } finally {
    await s.close();
  }
}
