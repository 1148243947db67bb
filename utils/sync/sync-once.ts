import { applySync, clearCache, readMeta, writeHead, type AppliedSync, type CacheDb } from '@/utils/cache';
import { expandSync, type SecretSummary, type SyncBatch } from '@/utils/contract';
import type { VaultClient } from '@/utils/vault/client';

/** Whose cache this is: a cache written for another account or server is never merged into. */
export type CacheOwner = { userId: string; serverUrl: string };

/**
 * What one applied pass changed, for the worker's helpers that follow the cache (the right-click value
 * index, the badge). `firstLoad`: the cache started empty for this account (or this is a later page of its
 * first load), so nothing is "new" to the user; `appeared`: secrets that were not in the cache before.
 */
export type SyncChanges = { response: SyncBatch; owner: CacheOwner; firstLoad: boolean; appeared: SecretSummary[] };

/** What a pass applied; `more`: a first load has pages still to fetch, so the caller should pass again. */
export type AppliedPass = AppliedSync & { more: boolean };

/** The secrets of an answer that the cache did not hold yet (read before the answer is applied). */
async function appearing(db: CacheDb, res: SyncBatch, firstLoad: boolean): Promise<SecretSummary[]> {
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
 *
 * A first load comes a page at a time, one page per pass, so the list draws from the first page while the
 * rest arrives; the page to ask for next is kept with the cursor, and an interrupted load resumes there.
 */
export async function syncOnce(
  db: CacheDb,
  client: VaultClient,
  owner: CacheOwner,
  observe?: (changes: SyncChanges) => void,
): Promise<AppliedPass> {
  const meta = await readMeta(db);
  const ours = meta?.userId === owner.userId && meta.serverUrl === owner.serverUrl;
  if (meta && !ours) await clearCache(db);
  const resume = ours ? meta.resume : undefined;
  const wire = await client.call('sync', {
    query: resume ? { page: resume } : { since: ours ? meta.cursor : undefined },
  });
  const res = expandSync(wire);
  const firstLoad = !ours || !!resume;
  const appeared = observe ? await appearing(db, res, firstLoad) : [];
  const applied = await applySync(db, res, owner, new Date(), wire.next ?? undefined);
  // The popup's first screen follows the cache (a pass that changed nothing leaves it as it is). Between the
  // first and the last page of a first load the head stays the first page's: rewriting it reads every secret.
  const changed = applied.full || applied.upserted || applied.removed;
  if (changed && (applied.full || !wire.next)) await writeHead(db);
  observe?.({ response: res, owner, firstLoad, appeared });
  return { ...applied, more: wire.next !== null };
}
