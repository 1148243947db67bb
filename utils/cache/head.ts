import { countByFilter, indexSecrets, querySecrets, type Filter } from '@/utils/list-query';
import { LIST_HEAD_ROWS } from '@/utils/config';
import type { SecretSummary } from '@/utils/contract';
import type { CacheDb } from './open';
import type { SyncMeta } from './schema';

/** Rows in the head: more than a popup shows at once, so the first screen never waits for the rest. */

/**
 * The popup's first screen, precomputed by the worker after each sync: the first rows of the default view
 * (All, in name order) and the filters' counts. Reading it is one small record instead of every secret,
 * so the popup draws at once even with 10,000 cached secrets, then reads the rest.
 */
export type ListHead = { userId: string; rows: SecretSummary[]; counts: Record<Filter, number>; meta: SyncMeta };

export function computeHead(secrets: readonly SecretSummary[], meta: SyncMeta): ListHead {
  const index = indexSecrets(secrets);
  return { userId: meta.userId, rows: querySecrets(index, '', 'all', meta.userId).slice(0, LIST_HEAD_ROWS), counts: countByFilter(index, meta.userId), meta };
}

/** Recomputes the head from the cache as it now stands (the worker, after a sync or a write). */
export async function writeHead(db: CacheDb): Promise<void> {
  const tx = db.transaction(['secrets', 'meta', 'head'], 'readwrite');
  const [secrets, meta] = await Promise.all([tx.objectStore('secrets').getAll(), tx.objectStore('meta').get('sync')]);
  if (meta) await tx.objectStore('head').put(computeHead(secrets, meta), 'list');
  await tx.done;
}

export const readHead = (db: CacheDb): Promise<ListHead | undefined> => db.get('head', 'list');
