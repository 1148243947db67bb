import type { Row } from '../lib/report';
import { load } from '../lib/load';
import { serverProcess } from '../lib/server-process';
import { benchServer, benchUser } from './bench-server';
import { populateSecrets } from './populate';

/**
 * The vault server's resident memory over many requests: a server process of its own on SQLite, loaded on
 * loopback with no-change syncs and recipient searches (8 in flight); RSS read from /proc after the first
 * 10% of the requests (warm: caches and JIT settled) and at the end. Flat means no per-request leak.
 */
export async function serverMemoryBench(opts: { smoke: boolean }): Promise<Row[]> {
  const s = await benchServer({ db: 'sqlite' });
  try {
    const owner = await benchUser(s, 'bench.owner');
    await populateSecrets(s, { id: owner.userId, publicKey: owner.publicKey }, 200);
    for (let i = 0; i < 20; i++) await benchUser(s, `bench.person${i}`, `Person Number${i}`);
    const cursor = (await owner.sync()).cursor;
    const p = await serverProcess(s.env);
    try {
      const total = opts.smoke ? 2_000 : 100_000;
      const queries = ['per', 'person', 'number1', 'bench', 'nu'];
      let warm = NaN;
      const r = await load({
        base: p.url,
        token: owner.token!,
        concurrency: 8,
        total,
        path: (i) => (i % 2 ? `/v1/sync?since=${cursor}` : `/v1/directory/search?q=${queries[i % queries.length]}`),
        onProgress: (done) => {
          if (done === total / 10) warm = p.rssMB();
        },
      });
      if (r.errors) throw new Error(`${r.errors} request(s) failed`);
      const end = p.rssMB();
      return [
        {
          section: 'server memory',
          figure: `RSS after ${total.toLocaleString('en')} requests (sync + search, 8 in flight)`,
          value: end,
          unit: 'MB',
          budget: null,
          maxRatio: 1.2,
          baseline: { label: `RSS after the first ${(total / 10).toLocaleString('en')}`, value: warm },
        },
      ];
    } finally {
      await p.close();
    }
  } finally {
    await s.close();
  }
}
