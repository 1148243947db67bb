import Database from 'better-sqlite3';
import type { Row } from '../lib/report';
import { median, percentile, sample } from '../lib/stats';
import { benchServer, benchUser, serverTime } from './bench-server';
import { populateSecrets } from './populate';

/** Incremental sync after one change among 10,000 secrets, and the first full load, against bare SQL. */
export async function syncBench(opts: { smoke: boolean }): Promise<Row[]> {
  const s = await benchServer();
  try {
    const count = opts.smoke ? 500 : 10_000;
    const owner = await benchUser(s, 'bench.owner');
    await populateSecrets(s, { id: owner.userId, publicKey: owner.publicKey }, count);
    const bare = new Database(s.sqlitePath, { readonly: true });
    const n = opts.smoke ? 5 : 20;

    const fullBytes: number[] = [];
    const full = await sample(n, async () => {
      const r = await owner.call<{ secrets: unknown[] }>('GET', '/v1/sync');
      if (r.body.secrets.length !== count) throw new Error(`full sync returned ${r.body.secrets.length} secrets`);
      fullBytes.push(JSON.stringify(r.body).length);
      return serverTime(r.headers);
    }, 2);
    const allRows = bare.prepare('select * from secrets where owner_id = ?');
    const fullSql = await sample(n, async () => void allRows.all(owner.userId), 2);

    const ids = (bare.prepare('select id from secrets where owner_id = ? limit 50').all(owner.userId) as { id: string }[]).map((r) => r.id);
    let cursor = (await owner.sync()).cursor;
    const bytes: number[] = [];
    const oneBytes: number[] = [];
    let k = 0;
    const incremental = await sample(n, async () => {
      const id = ids[k++ % ids.length]!;
      const cur = await owner.get(id);
      const edit = await owner.call('PATCH', `/v1/secrets/${id}`, { baseRevision: cur.revision, notes: `changed ${k}` });
      if (edit.status !== 200) throw new Error(`edit → ${edit.status}`);
      oneBytes.push(JSON.stringify(edit.body).length);
      const r = await owner.call<{ cursor: string; secrets: unknown[] }>('GET', `/v1/sync?since=${cursor}`);
      if (r.body.secrets.length !== 1) throw new Error(`incremental sync returned ${r.body.secrets.length} secrets`);
      cursor = r.body.cursor;
      bytes.push(JSON.stringify(r.body).length);
      return serverTime(r.headers);
    }, 2);
    const changeRows = bare.prepare("select entity, entity_id from changes where user_id in (?, '') and seq > ?");
    const incSql = await sample(n, async () => void changeRows.all(owner.userId, Number(cursor) - 1), 2);
    bare.close();
    const label = `${count.toLocaleString('en')} secrets`;
    return [
      { section: 'sync', figure: `incremental, 1 change among ${label}: server p95`, value: percentile(incremental, 95), unit: 'ms', budget: 50, baseline: { label: 'bare SQL of the change rows', value: percentile(incSql, 95) } },
      { section: 'sync', figure: `incremental, 1 change among ${label}: payload`, value: median(bytes), unit: 'B', budget: 2048, baseline: { label: 'the one changed summary alone', value: median(oneBytes) } },
      { section: 'sync', figure: `first full load of ${label}: server median`, value: median(full), unit: 'ms', budget: null, baseline: { label: 'bare SQL select of the rows', value: median(fullSql) } },
      { section: 'sync', figure: `first full load of ${label}: payload`, value: median(fullBytes) / 1024, unit: 'KB', budget: null, baseline: null },
    ];
  } finally {
    await s.close();
  }
}
