import { countByFilter, indexSecrets, querySecrets } from '@/utils/list-query';
import { LIST_HEAD_ROWS } from '@/utils/config';
import type { SecretSummary } from '@/utils/contract';
import type { CacheDb } from './open';
import type { ListHead, SyncMeta } from './schema';

/** The head of the default view (All, in name order) with the filters' counts. */
export function computeHead(secrets: readonly SecretSummary[], meta: SyncMeta): ListHead {
  const index = indexSecrets(secrets);
  return {
    userId: meta.userId,
    rows: querySecrets(index, '', 'all', meta.userId).slice(0, LIST_HEAD_ROWS),
    counts: countByFilter(index, meta.userId),
    meta,
  };
}

/** Recomputes the head from the cache as it now stands (the worker, after a sync or a write). */
export async function writeHead(db: CacheDb): Promise<void> {
  const tx = db.transaction(['secrets', 'meta', 'head'], 'readwrite');
  const [secrets, meta] = await Promise.all([tx.objectStore('secrets').getAll(), tx.objectStore('meta').get('sync')]);
  if (meta) await tx.objectStore('head').put(computeHead(secrets, meta), 'list');
  await tx.done;
}

export const readHead = (db: CacheDb): Promise<ListHead | undefined> => db.get('head', 'list');
