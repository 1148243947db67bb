import { benchServer, benchUser, wireGet } from '/work/main/bench/server/bench-server';
import { populateSecrets } from '/work/main/bench/server/populate';
import type { SyncResponse } from '/work/main/utils/contract';
const s = await benchServer({ db: (process.argv[2] as 'sqlite') ?? 'sqlite' });
const owner = await benchUser(s, 'bench.owner');
await populateSecrets(s, { id: owner.userId, publicKey: owner.publicKey }, 10000);
async function firstLoad() {
  let page = await wireGet(s.url, '/v1/sync', owner.token!);
  let server = page.server;
  while ((page.body as SyncResponse).next) { page = await wireGet(s.url, `/v1/sync?page=${encodeURIComponent((page.body as SyncResponse).next!)}`, owner.token!); server += page.server; }
  return server;
}
const t: number[] = [];
for (let i = 0; i < 9; i++) t.push(await firstLoad());
console.log(t.map(Math.round).join(' '), 'median', t.sort((a, b) => a - b)[4]);
await s.close();
