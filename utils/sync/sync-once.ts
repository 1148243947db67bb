import { applySync, clearCache, readMeta, type AppliedSync, type CacheDb } from '@/utils/cache';
import type { VaultClient } from '@/utils/vault/client';

/** Whose cache this is: a cache written for another account or server is never merged into. */
export type CacheOwner = { userId: string; serverUrl: string };

/**
 * One pass over the change feed: asks for what changed since the stored cursor (everything when there is
 * none) and applies it in one transaction. The network call happens before the transaction opens: an
 * IndexedDB transaction cannot wait on the network. If the call fails nothing is written and the cursor
 * stays where it was, so the next pass asks again from the same point.
 */
export async function syncOnce(db: CacheDb, client: VaultClient, owner: CacheOwner): Promise<AppliedSync> {
  const meta = await readMeta(db);
  const ours = meta?.userId === owner.userId && meta.serverUrl === owner.serverUrl;
  if (meta && !ours) await clearCache(db);
  const res = await client.call('sync', { query: { since: ours ? meta.cursor : undefined } });
  return applySync(db, res, owner);
}
