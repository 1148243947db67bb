import { compareSecrets, FILTERS, inFilter, type Filter } from '@/utils/list-query';
import { LIST_HEAD_ROWS } from '@/utils/config';
import type { SecretSummary } from '@/utils/contract';
import type { CacheDb } from './open';
import type { ListHead, SyncMeta } from './schema';

/**
 * The head of the default view (All, in name order) with the filters' counts: the same rows and order as the
 * list's own sort (utils/list-query.ts), found in one pass that keeps only the first rows, not by sorting every
 * secret. The worker recomputes it after each sync that changed something; sorting 10,000 secrets (and making
 * their search text) held its event loop for 60 to 150 ms each time, which the pages' requests waited behind.
 */
export function computeHead(secrets: readonly SecretSummary[], meta: SyncMeta): ListHead {
  const counts: Record<Filter, number> = { all: 0, mine: 0, shared: 0, disabled: 0 };
  let rows: SecretSummary[] = [];
  let last: SecretSummary | undefined;
  for (const secret of secrets) {
    for (const f of FILTERS) if (inFilter(secret, f, meta.userId)) counts[f]++;
    if (!inFilter(secret, 'all', meta.userId) || (last && compareSecrets(secret, last) >= 0)) continue;
    rows.push(secret);
    if (rows.length >= 2 * LIST_HEAD_ROWS) {
      rows = rows.sort(compareSecrets).slice(0, LIST_HEAD_ROWS);
      last = rows[LIST_HEAD_ROWS - 1];
    }
  }
  return { userId: meta.userId, rows: rows.sort(compareSecrets).slice(0, LIST_HEAD_ROWS), counts, meta };
}

/** Recomputes the head from the cache as it now stands (the worker, after a sync or a write). */
export async function writeHead(db: CacheDb): Promise<void> {
  const tx = db.transaction(['secrets', 'meta', 'head'], 'readwrite');
  const [secrets, meta] = await Promise.all([tx.objectStore('secrets').getAll(), tx.objectStore('meta').get('sync')]);
  if (meta) await tx.objectStore('head').put(computeHead(secrets, meta), 'list');
  await tx.done;
}

export const readHead = (db: CacheDb): Promise<ListHead | undefined> => db.get('head', 'list');
