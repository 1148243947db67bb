import type { SyncResponse } from '../../utils/contract';
import type { Row } from '../lib/report';
import { alternate, median, percentile, spread } from '../lib/stats';
import { benchDatabases, benchServer, benchUser, serverTime, wireGet, type BenchDb } from './bench-server';
import { populateSecrets } from './populate';

/** Every page of a first load, as the extension asks for them: bytes on the wire and server time, summed. */
async function firstLoad(base: string, token: string) {
  let page = await wireGet(base, '/v1/sync', token);
  const first = page;
  const total = {
    wire: page.wire,
    server: page.server,
    json: JSON.stringify(page.body).length,
    secrets: (page.body as SyncResponse).secrets.length,
    pages: 1,
  };
  while ((page.body as SyncResponse).next) {
    page = await wireGet(base, `/v1/sync?page=${encodeURIComponent((page.body as SyncResponse).next!)}`, token);
    total.wire += page.wire;
    total.server += page.server;
    total.json += JSON.stringify(page.body).length;
    total.secrets += (page.body as SyncResponse).secrets.length;
    total.pages++;
  }
  return { first, total };
}

/**
 * Incremental sync after one change among 10,000 secrets (against the same sync with no change) and the first
 * full load (against bare SQL of the rows turned into JSON); on SQLite, and on PostgreSQL when it answers.
 */
export async function syncBench(opts: { smoke: boolean }): Promise<Row[]> {
  const rows: Row[] = [];
  for (const db of await benchDatabases()) rows.push(...(await syncOn(db, opts)));
  return rows;
}

async function syncOn(db: BenchDb, opts: { smoke: boolean }): Promise<Row[]> {
  const s = await benchServer({ db });
  const section = db === 'sqlite' ? 'sync' : 'sync, PostgreSQL';
  try {
    const count = opts.smoke ? 500 : 10_000;
    const owner = await benchUser(s, 'bench.owner');
    await populateSecrets(s, { id: owner.userId, publicKey: owner.publicKey }, count);
    const bare = await s.bare();
    const n = opts.smoke ? 3 : 11;

    const loads: Awaited<ReturnType<typeof firstLoad>>[] = [];
    // The floor of a first load: the same rows read by bare SQL and written as JSON, no server in between;
    // alternated with the real load so that both meet the same background load.
    const { a: full, b: fullSql } = await alternate(
      n,
      async () => {
        const l = await firstLoad(s.url, owner.token!);
        if (l.total.secrets !== count) throw new Error(`the first load returned ${l.total.secrets} secrets`);
        loads.push(l);
        return l.total.server;
      },
      async () => {
        const t = performance.now();
        JSON.stringify(await bare.all('select * from secrets where owner_id = ?', [owner.userId]));
        return performance.now() - t;
      },
    );
    // The JSON a first load was before summaries named people by id and came in pages: every row, people inline.
    const legacy = await owner.call<{ items: unknown[] }>('GET', '/v1/secrets');
    const legacyBytes = JSON.stringify({ secrets: legacy.body.items }).length;

    const ids = (
      (await bare.all('select id from secrets where owner_id = ? limit 50', [owner.userId])) as { id: string }[]
    ).map((r) => r.id);
    let cursor = (await owner.sync()).cursor;
    const bytes: number[] = [];
    const oneBytes: number[] = [];
    let k = 0;
    // The baseline: the same request when nothing changed (session, cursor, an empty change read), alternated.
    const { a: incremental, b: noChange } = await alternate(
      opts.smoke ? 5 : 21,
      async () => {
        const id = ids[k++ % ids.length]!;
        const cur = await owner.get(id);
        const edit = await owner.call('PATCH', `/v1/secrets/${id}`, {
          baseRevision: cur.revision,
          notes: `changed ${k}`,
        });
        if (edit.status !== 200) throw new Error(`edit → ${edit.status}`);
        oneBytes.push(JSON.stringify(edit.body).length);
        const r = await owner.call<{ cursor: string; secrets: unknown[] }>('GET', `/v1/sync?since=${cursor}`);
        if (r.body.secrets.length !== 1) throw new Error(`incremental sync returned ${r.body.secrets.length} secrets`);
        cursor = r.body.cursor;
        bytes.push(JSON.stringify(r.body).length);
        return serverTime(r.headers);
      },
      async () => {
        const r = await owner.call<{ cursor: string; secrets: unknown[] }>('GET', `/v1/sync?since=${cursor}`);
        if (r.body.secrets.length !== 0) throw new Error(`a sync with no change returned ${r.body.secrets.length}`);
        return serverTime(r.headers);
      },
    );
    await bare.close();
    const label = `${count.toLocaleString('en')} secrets`;
    const pages = loads[0]!.total.pages;
    const firstPages = loads.map((l) => l.first.server);
    return [
      {
        section,
        figure: `incremental, 1 change among ${label}: server p95`,
        value: percentile(incremental, 95),
        unit: 'ms',
        budget: 50,
        maxRatio: 4,
        baseline: { label: 'the same sync with no change, p95', value: percentile(noChange, 95) },
      },
      {
        section,
        figure: `incremental, 1 change among ${label}: payload`,
        value: median(bytes),
        unit: 'B',
        budget: 2048,
        baseline: { label: 'the one changed summary alone', value: median(oneBytes) },
      },
      {
        section,
        figure: `first load of ${label} (${pages} pages): server time, all pages, median`,
        value: median(full),
        unit: 'ms',
        budget: 300,
        // Reading access names and people, building the summaries and checking them against the contract cost
        // about three times the bare rows' JSON (3.0× SQLite, 2.8× PostgreSQL, load average 10).
        maxRatio: 5,
        spread: spread(full),
        baseline: { label: 'bare SQL select of the rows + JSON', value: median(fullSql) },
      },
      {
        section,
        figure: `first load of ${label}: first page (draws the list), server median`,
        value: median(firstPages),
        unit: 'ms',
        budget: null,
        baseline: { label: 'all pages', value: median(full) },
      },
      {
        section,
        figure: `first load of ${label}: on the wire (gzip), all pages`,
        value: median(loads.map((l) => l.total.wire)) / 1024 / 1024,
        unit: 'MB',
        budget: 1.5,
        baseline: { label: 'JSON, unpacked', value: median(loads.map((l) => l.total.json)) / 1024 / 1024 },
      },
      {
        section,
        figure: `first load of ${label}: JSON`,
        value: median(loads.map((l) => l.total.json)) / 1024 / 1024,
        unit: 'MB',
        budget: null,
        baseline: { label: 'summaries with people inline, one answer', value: legacyBytes / 1024 / 1024 },
      },
    ];
  } finally {
    await s.close();
  }
}
