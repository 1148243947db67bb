import Database from 'better-sqlite3';
import type { Row } from '../lib/report';
import { percentile, sample } from '../lib/stats';
import { benchServer, benchUser, serverTime } from './bench-server';
import { populateDirectory } from './populate';

const QUERIES: Record<string, string[]> = {
  '1-char': ['m', 'j', 's', 'a', 'l', 'p', 'c', 'r'],
  '2-char': ['ma', 'jo', 'si', 'an', 'lu', 'pe', 'ca', 'ro'],
  '3-char': ['mar', 'joh', 'sil', 'ana', 'luc', 'ped', 'car', 'rod'],
  '6-char': ['marian', 'johnso', 'santos', 'oliver', 'fernan', 'pedro.', 'carval', 'rodrig'],
  // Found only inside a word or as a domain: the trigram index's share of the work.
  'inside-word': ['arol', 'ilva', 'ntos', 'xample.com', 'liveir', 'ernand', 'zzq', 'odrigu'],
};

/** The lookup the search service makes, as one bare SQL statement: the floor the API is compared with. */
const BARE = `select kind, entity_id, term from directory_terms where rank = 0 and term >= ? and term < ? order by term limit 100`;

/** Recipient search with 50,000 users and 5,000 groups: server time per query length, against bare SQL. */
export async function searchBench(opts: { smoke: boolean }): Promise<Row[]> {
  const s = await benchServer();
  try {
    const users = opts.smoke ? 2000 : 50_000;
    const groups = opts.smoke ? 200 : 5_000;
    await populateDirectory(s, users, groups);
    const me = await benchUser(s, 'bench.searcher');
    const bare = new Database(s.sqlitePath, { readonly: true });
    const stmt = bare.prepare(BARE);
    const n = opts.smoke ? 20 : 200;
    const rows: Row[] = [];
    for (const [len, qs] of Object.entries(QUERIES)) {
      let i = 0;
      const api = await sample(n, async () => {
        const q = qs[i++ % qs.length]!;
        const r = await me.call('GET', `/v1/directory/search?q=${encodeURIComponent(q)}`);
        if (r.status !== 200) throw new Error(`search ${q} → ${r.status}`);
        return serverTime(r.headers);
      });
      let j = 0;
      const sqlTimes = await sample(n, async () => {
        const q = qs[j++ % qs.length]!;
        const t = performance.now();
        stmt.all(q, `${q}\uffff`);
        return performance.now() - t;
      });
      for (const p of [50, 95, 99])
        rows.push({
          section: 'recipient search',
          figure: `${len} query, server p${p} (${users.toLocaleString('en')} users, ${groups.toLocaleString('en')} groups)`,
          value: percentile(api, p),
          unit: 'ms',
          budget: p === 95 ? 20 : null,
          baseline: { label: `bare SQL p${p}`, value: percentile(sqlTimes, p) },
        });
    }
    bare.close();
    return rows;
  } finally {
    await s.close();
  }
}
