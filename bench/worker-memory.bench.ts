import 'fake-indexeddb/auto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { openCache } from '@/utils/cache';
import { compactSync } from '@/utils/contract';
import { createSyncEngine } from '@/utils/sync';
import { ALICE, secret, syncResponse } from '@/test/fixtures';
import { fakeClient } from '@/test/fake-client';
import type { Row } from './lib/report';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** The heap after a full collection, in MB: what stays alive, not what awaits collection. Median of 5 readings. */
function liveHeapMB(): number {
  const readings = Array.from({ length: 5 }, () => {
    gc();
    gc();
    return process.memoryUsage().heapUsed / 1024 / 1024;
  });
  return readings.sort((a, b) => a - b)[2]!;
}

/**
 * The background worker's sync engine over a long session, in Node on the engine's own code with
 * fake-indexeddb standing in for the browser's IndexedDB: a first load of 1,000 secrets, then one change
 * per pass (an edited secret, so the cache keeps its size). Heap after warm-up against heap after the soak, both
 * less the heap before the engine existed. fake-indexeddb keeps the cache's records on the JS heap, where a
 * browser keeps them outside the worker's, so the figure overstates the worker by the cache's size.
 */
export async function workerMemoryBench(opts: { smoke: boolean }): Promise<Row[]> {
  // Node, tsx and the bench's own modules are on the heap already: the worker's share is what comes after.
  const before = liveHeapMB();
  const changes = opts.smoke ? 1_000 : 10_000;
  const existing = Array.from({ length: 1000 }, (_, i) => secret({ name: `Secret ${i}` }));
  let pass = 0;
  const { client, calls } = fakeClient({
    sync: () => {
      pass++;
      if (pass === 1) return compactSync(syncResponse({ full: true, cursor: '1', secrets: existing }), null);
      // One change per pass, an edit of a cached secret: the cache keeps its size, so growth is a leak.
      const s = { ...existing[pass % existing.length]!, notes: `edit ${pass}` };
      return compactSync(syncResponse({ cursor: String(pass), secrets: [s] }), null);
    },
  });
  const db = await openCache();
  const owner = { userId: ALICE.id, serverUrl: 'https://vault.example' };
  let seen = 0;
  const engine = createSyncEngine({
    db: async () => db,
    session: () => ({ client, owner }),
    onChanges: () => void seen++,
  });
  const warmup = changes / 10;
  // The fake client records every call it answers (for tests): the bench empties that record after each pass,
  // or the soak measures the test double (about 130 bytes a change, the 1.72× of an earlier run), not the engine.
  for (let i = 0; i <= warmup; i++) {
    await engine.run();
    calls.length = 0;
  }
  const warm = liveHeapMB();
  for (let i = 0; i < changes - warmup; i++) {
    const r = await engine.run();
    calls.length = 0;
    if (!r.ok) throw new Error(`a sync pass failed: ${JSON.stringify(r.error)}`);
  }
  const end = liveHeapMB();
  db.close();
  if (seen < changes) throw new Error(`only ${seen} passes applied`);
  return [
    {
      section: 'worker memory',
      figure: `sync engine heap after ${changes.toLocaleString('en')} sync changes (Node, fake-indexeddb; the same 1,000 secrets cached; median of 5 readings after full GCs)`,
      value: end - before,
      unit: 'MB',
      budget: 30,
      maxRatio: 1.2,
      baseline: {
        label: `after the first load of 1,000 + ${warmup.toLocaleString('en')} changes`,
        value: warm - before,
      },
    },
  ];
}
