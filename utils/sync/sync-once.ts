import { applySync, clearCache, readMeta, writeHead, type AppliedSync, type CacheDb } from '@/utils/cache';
import type { SecretSummary, SyncResponse } from '@/utils/contract';
import type { VaultClient } from '@/utils/vault/client';

/** Whose cache this is: a cache written for another account or server is never merged into. */
export type CacheOwner = { userId: string; serverUrl: string };

/**
 * What one applied pass changed, for the worker's helpers that follow the cache (the right-click value
 * index, the badge). `firstLoad`: the cache started empty for this account, so nothing is "new" to the
 * user; `appeared`: secrets that were not in the cache before this pass.
 */
export type SyncChanges = { response: SyncResponse; owner: CacheOwner; firstLoad: boolean; appeared: SecretSummary[] };

/** The secrets of an answer that the cache did not hold yet (read before the answer is applied). */
async function appearing(db: CacheDb, res: SyncResponse, firstLoad: boolean): Promise<SecretSummary[]> {
  if (firstLoad || res.secrets.length === 0) return res.secrets;
  const known = new Set(await db.getAllKeys('secrets'));
  return res.secrets.filter((s) => !known.has(s.id));
}

/**
 * One pass over the change feed: asks for what changed since the stored cursor (everything when there is
 * none) and applies it in one transaction. The network call happens before the transaction opens: an
 * IndexedDB transaction cannot wait on the network. If the call fails nothing is written and the cursor
 * stays where it was, so the next pass asks again from the same point. `observe` hears about what was
 * applied, after the commit.
 */
export async function syncOnce(db: CacheDb, client: VaultClient, owner: CacheOwner, observe?: (changes: SyncChanges) => void): Promise<AppliedSync> {
  const meta = await readMeta(db);
  const ours = meta?.userId === owner.userId && meta.serverUrl === owner.serverUrl;
  if (meta && !ours) await clearCache(db);
  const res = await client.call('sync', { query: { since: ours ? meta.cursor : undefined } });
  const appeared = observe ? await appearing(db, res, !ours) : [];
  const applied = await applySync(db, res, owner);
  // The popup's first screen follows the cache (a pass that changed nothing leaves it as it is).
  if (applied.full || applied.upserted || applied.removed) await writeHead(db);
  observe?.({ response: res, owner, firstLoad: !ours, appeared });
  return applied;
}
