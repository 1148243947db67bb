import 'fake-indexeddb/auto';
import { getHeapSpaceStatistics } from 'node:v8';
import { openCache } from '@/utils/cache';
import { compactSync } from '@/utils/contract';
import { createSyncEngine } from '@/utils/sync';
import { ALICE, secret, syncResponse } from '@/test/fixtures';
import { fakeClient } from '@/test/fake-client';

/**
 * One soak of the background worker's sync engine, in a Node process of its own (started by
 * worker-memory.bench.ts with `--expose-gc --no-flush-bytecode`): the engine's own code with fake-indexeddb
 * standing in for the browser's IndexedDB. A first load of 1,000 secrets, then one change per pass (an edited
 * secret, so the cache keeps its size). Prints one JSON line: the live heap before the engine existed, after
 * the warm-up and after the soak, in MB.
 */
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('worker-memory.child.ts needs --expose-gc');

/**
 * The live heap in MB: timers and IndexedDB callbacks left over from the last pass run first, then two full
 * collections, then the heap V8 reports. Median of 5 readings.
 */
async function liveHeapMB(): Promise<number> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  const readings = Array.from({ length: 5 }, () => {
    gc!();
    gc!();
    return getHeapSpaceStatistics().reduce((sum, s) => sum + s.space_used_size, 0) / 1024 / 1024;
  });
  return readings.sort((a, b) => a - b)[2]!;
}

const changes = process.argv.includes('--smoke') ? 1_000 : 10_000;
const warmup = changes / 10;
// Node, tsx and these modules are on the heap already: the engine's share is what comes after.
const before = await liveHeapMB();
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
// The fake client records every call it answers (for tests): the soak empties that record after each pass,
// or it measures the test double (about 130 bytes a change, the 1.72× of an earlier run), not the engine.
for (let i = 0; i <= warmup; i++) {
  await engine.run();
  calls.length = 0;
}
const warm = await liveHeapMB();
for (let i = 0; i < changes - warmup; i++) {
  const r = await engine.run();
  calls.length = 0;
  if (!r.ok) throw new Error(`a sync pass failed: ${JSON.stringify(r.error)}`);
}
const end = await liveHeapMB();
db.close();
if (seen < changes) throw new Error(`only ${seen} passes applied`);
console.log(JSON.stringify({ changes, warmup, warm: warm - before, end: end - before }));
