import type { Row } from '../lib/report';
import { alternate, percentile, spread } from '../lib/stats';
import { benchDatabases, benchServer, benchUser, serverTime, type BenchDb } from './bench-server';
import { populateDirectory } from './populate';

const QUERIES: Record<string, string[]> = {
  '1-char': ['m', 'j', 's', 'a', 'l', 'p', 'c', 'r'],
  '2-char': ['ma', 'jo', 'si', 'an', 'lu', 'pe', 'ca', 'ro'],
  '3-char': ['mar', 'joh', 'sil', 'ana', 'luc', 'ped', 'car', 'rod'],
  '6-char': ['marian', 'johnso', 'santos', 'oliver', 'fernan', 'pedro.', 'carval', 'rodrig'],
  // Found only inside a word or as a domain: the trigram index's share of the work.
  'inside-word': ['arol', 'ilva', 'ntos', 'xample.com', 'liveir', 'ernand', 'zzq', 'odrigu'],
};

/**
 * The search is judged against the cheapest authenticated request of the same server in the same run (the
 * caller's own profile: the session check and one row by primary key), alternated with it query by query,
 * so what a busy machine adds to every request falls on both. The search makes up to seven statements (exact
 * terms, two prefix walks, the names containing the query, the caller's private groups, the caller, the
 * entries found) where the floor makes two; on PostgreSQL each is a round trip, and the inside-word step is
 * four (it runs in a transaction that tells the planner to take the trigram index). Measured on a quiet
 * machine: 2.9–4.8× on SQLite, 3.1–4.3× on PostgreSQL and 7.3× for its inside-word queries. Reading every
 * term for a one-letter query, fixed on 30 November, measured 29×.
 */
const MAX_RATIO: Record<BenchDb, number> = { sqlite: 6, postgres: 9 };

/** Recipient search with 50,000 users and 5,000 groups: server time per query length, against `GET /v1/me`. */
export async function searchBench(opts: { smoke: boolean }): Promise<Row[]> {
  const rows: Row[] = [];
  for (const db of await benchDatabases()) rows.push(...(await searchOn(db, opts)));
  return rows;
}

async function searchOn(db: BenchDb, opts: { smoke: boolean }): Promise<Row[]> {
  const s = await benchServer({ db });
  const section = db === 'sqlite' ? 'recipient search' : 'recipient search, PostgreSQL';
  try {
    const users = opts.smoke ? 2000 : 50_000;
    const groups = opts.smoke ? 200 : 5_000;
    await populateDirectory(s, users, groups);
    const me = await benchUser(s, 'bench.searcher');
    const n = opts.smoke ? 20 : 200;
    const rows: Row[] = [];
    const timed = async (path: string) => {
      const r = await me.call('GET', path);
      if (r.status !== 200) throw new Error(`GET ${path} → ${r.status}`);
      return serverTime(r.headers);
    };
    for (const [len, qs] of Object.entries(QUERIES)) {
      let i = 0;
      const { a: api, b: floor } = await alternate(
        n,
        () => timed(`/v1/directory/search?q=${encodeURIComponent(qs[i++ % qs.length]!)}`),
        () => timed('/v1/me'),
      );
      for (const p of [50, 95, 99])
        rows.push({
          section,
          figure: `${len} query, server p${p} (${users.toLocaleString('en')} users, ${groups.toLocaleString('en')} groups)`,
          value: percentile(api, p),
          unit: 'ms',
          budget: p === 95 ? 20 : null,
          baseline: { label: `GET /v1/me p${p}`, value: percentile(floor, p) },
          ...(p === 95 ? { maxRatio: MAX_RATIO[db] } : {}),
          ...(p === 50 ? { spread: spread(api) } : {}),
        });
    }
    return rows;
  } finally {
    await s.close();
  }
}
