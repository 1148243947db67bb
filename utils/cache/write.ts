import type { SyncBatch } from '@/utils/contract';
import type { CacheDb } from './open';
import { STORES, type SyncMeta } from './schema';

/**
 * The most secrets an incremental pass names to open pages: up to this many, a page reads just those from
 * the cache (see `patchSnapshot`) instead of every secret; beyond it, or for a full answer, it reads them all.
 */
export const NAMED_CHANGES_MAX = 200;

/**
 * What one sync changed, for the change notification and the tests; `ids`: which secrets, when the pass was
 * incremental and touched at most {@link NAMED_CHANGES_MAX} of them.
 */
export type AppliedSync = {
  full: boolean;
  upserted: number;
  removed: number;
  ids?: { upserted: string[]; removed: string[] };
};

type Tx = { done: Promise<void>; abort(): void };

/**
 * Issues a batch of IndexedDB requests in one transaction and waits for it to commit, so the cache moves
 * from one consistent state to the next or not at all. A request that fails later aborts the transaction
 * by itself; one that throws while being issued (a record that cannot be cloned) does not, and without
 * the explicit abort the requests issued before it would commit.
 */
async function commit(tx: Tx, issue: (ops: Promise<unknown>[]) => void): Promise<void> {
  const ops: Promise<unknown>[] = [];
  try {
    issue(ops);
  } catch (e) {
    tx.abort();
    await tx.done.catch(() => undefined);
    throw e;
  } finally {
    // After an abort every request rejects; only the first cause should surface.
    for (const op of ops) op.catch(() => undefined);
  }
  await Promise.all([...ops, tx.done]);
}

/**
 * Applies one change-feed answer: a full answer replaces the synced stores; an incremental one upserts and
 * removes. Cached access lists are dropped when their secret's access revision moved or the secret left.
 * The new cursor is written in the same transaction, so it never runs ahead of the data; so is `resume`, the
 * page a first load continues from (absent once it is whole).
 */
export async function applySync(
  db: CacheDb,
  res: SyncBatch,
  who: Pick<SyncMeta, 'userId' | 'serverUrl'>,
  now = new Date(),
  resume?: string,
): Promise<AppliedSync> {
  const tx = db.transaction(['secrets', 'access', 'groups', 'users', 'meta'], 'readwrite');
  const secrets = tx.objectStore('secrets');
  const access = tx.objectStore('access');
  const groups = tx.objectStore('groups');
  const users = tx.objectStore('users');
  const meta = tx.objectStore('meta');
  await commit(tx, (ops) => {
    if (res.full) ops.push(secrets.clear(), access.clear(), groups.clear(), users.clear());
    for (const s of res.secrets) {
      ops.push(secrets.put(s));
      if (!res.full)
        ops.push(
          access.get(s.id).then((c) => (c && c.accessRevision !== s.accessRevision ? access.delete(s.id) : undefined)),
        );
    }
    for (const id of res.removedSecrets) ops.push(secrets.delete(id), access.delete(id));
    for (const g of res.groups) ops.push(groups.put(g));
    for (const id of res.removedGroups) ops.push(groups.delete(id));
    for (const u of res.users) ops.push(users.put(u));
    ops.push(
      meta.put({ ...who, cursor: res.cursor, lastSyncAt: now.toISOString(), ...(resume ? { resume } : {}) }, 'sync'),
    );
  });
  const upserted = res.secrets.length;
  const removed = res.removedSecrets.length;
  const named = !res.full && upserted + removed <= NAMED_CHANGES_MAX;
  return {
    full: res.full,
    upserted,
    removed,
    ...(named ? { ids: { upserted: res.secrets.map((s) => s.id), removed: [...res.removedSecrets] } } : {}),
  };
}

/** Empties every store (sign-out, or a cache that belongs to another account or server). */
export async function clearCache(db: CacheDb): Promise<void> {
  const tx = db.transaction([...STORES], 'readwrite');
  await commit(tx, (ops) => ops.push(...STORES.map((n) => tx.objectStore(n).clear())));
}
