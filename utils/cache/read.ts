import type { SecretSummary } from '@/utils/contract';
import type { CacheDb } from './open';
import type { SyncMeta } from './schema';

/** What a page needs for its first paint: the secrets and when they were last synced. */
export type CacheSnapshot = { secrets: SecretSummary[]; meta: SyncMeta | undefined };

/** Reads everything the list shows in one read-only transaction, so secrets and meta agree. */
export async function readSnapshot(db: CacheDb): Promise<CacheSnapshot> {
  const tx = db.transaction(['secrets', 'meta'], 'readonly');
  const [secrets, meta] = await Promise.all([
    tx.objectStore('secrets').getAll(),
    tx.objectStore('meta').get('sync'),
    tx.done,
  ]);
  return { secrets, meta };
}

/** The sync bookkeeping alone (the worker reads it before asking for changes). */
export function readMeta(db: CacheDb): Promise<SyncMeta | undefined> {
  return db.get('meta', 'sync');
}

/** How many records each store holds: sign-out must leave all of them at zero. */
export async function countRecords(db: CacheDb): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const name of db.objectStoreNames) out[name] = await db.count(name);
  return out;
}
