import type { SecretSummary } from '@/utils/contract';
import type { CacheDb } from './open';
import type { SyncMeta } from './schema';

/** What a page needs for its first paint: the secrets and when they were last synced. */
export type CacheSnapshot = { secrets: SecretSummary[]; meta: SyncMeta | undefined };

/**
 * Reads everything the list shows: every cached secret a page at a time (see {@link readSecretsInPages}), then
 * the sync bookkeeping. Read in one go, 10,000 secrets came back in one task of ~120 ms on the popup's thread,
 * which every extension page shares (the popup could not be scrolled or typed in meanwhile, and another page's
 * call to the worker waited for it). Pages in separate transactions may straddle a sync's write: each secret
 * is then either as before or as after it, and the sync's report makes the page read again.
 */
export async function readSnapshot(db: CacheDb): Promise<CacheSnapshot> {
  const secrets = await readSecretsInPages(db);
  return { secrets, meta: await readMeta(db) };
}

/**
 * Every cached secret, read `page` at a time in key order, with a turn of the event loop between pages: a
 * background reader (the value index) never holds the worker for the whole of a 10,000-secret read. With
 * `pick`, only what it keeps of each secret is held, a page of whole summaries at a time: a reader that needs a
 * few fields does not keep 10,000 summaries on the worker's heap (whose garbage collections then take longer).
 */
export async function readSecretsInPages<T = SecretSummary>(
  db: CacheDb,
  page = 500,
  pick: (s: SecretSummary) => T = (s) => s as T,
): Promise<T[]> {
  const out: T[] = [];
  let after: string | undefined;
  for (;;) {
    const rows = await db.getAll(
      'secrets',
      after === undefined ? undefined : IDBKeyRange.lowerBound(after, true),
      page,
    );
    for (const row of rows) out.push(pick(row));
    if (rows.length < page) return out;
    after = rows[rows.length - 1]!.id;
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
  }
}

/**
 * The list after an incremental sync, from the list before it and the cache: the named secrets are read
 * again (one transaction), those gone from the cache are dropped, and the rest are kept as they were, in key
 * order as {@link readSecretsInPages} reads them. 10,000 secrets re-read for one changed cost the popup a
 * second of IndexedDB reads and a redraw on the thread every extension page shares.
 */
export async function patchSnapshot(
  db: CacheDb,
  before: readonly SecretSummary[],
  ids: { upserted: readonly string[]; removed: readonly string[] },
): Promise<SecretSummary[]> {
  const named = [...new Set([...ids.upserted, ...ids.removed])];
  const tx = db.transaction('secrets', 'readonly');
  const rows = await Promise.all(named.map((id) => tx.store.get(id)));
  await tx.done;
  const now = new Map(named.map((id, i) => [id, rows[i]]));
  const out: SecretSummary[] = [];
  for (const s of before) {
    if (!now.has(s.id)) out.push(s);
    else {
      const row = now.get(s.id);
      if (row) out.push(row);
      now.delete(s.id);
    }
  }
  const added = [...now.values()].filter((r): r is SecretSummary => !!r);
  if (!added.length) return out;
  // Key order: IndexedDB orders string keys by code unit, as `<` does.
  return [...out, ...added].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
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
