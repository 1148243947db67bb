import type { CacheDb } from '@/utils/cache';
import type { Unlocked } from '@/utils/secrets';
import type { VaultSession } from '@/utils/session';
import type { SyncEngine } from '@/utils/sync';
import { VaultError } from '@/utils/vault/errors';

export type UnlockedWorkDeps = { db: () => Promise<CacheDb>; session: VaultSession; engine: SyncEngine };

/**
 * Runs work that needs the open vault with what the session hands out (client, keys) and the cache. A
 * locked vault refuses; an expired session locks it, as a failed sync does, so the page asks for the
 * password. A write asks for a sync afterwards, so the list (shared or not, status) follows.
 */
export function createUnlockedWork({ db, session, engine }: UnlockedWorkDeps) {
  async function run<T>(work: (u: Unlocked) => Promise<T>, write: boolean): Promise<T> {
    const open = session.unlocked();
    if (!open) throw new VaultError('locked');
    try {
      const result = await work({ db: await db(), client: open.client, me: open.me });
      if (write) void engine.run();
      return result;
    } catch (e) {
      if (e instanceof VaultError && e.code === 'session_expired') await session.lock('session_expired');
      throw e;
    }
  }
  return {
    read: <T>(work: (u: Unlocked) => Promise<T>) => run(work, false),
    write: <T>(work: (u: Unlocked) => Promise<T>) => run(work, true),
  };
}

export type UnlockedWork = ReturnType<typeof createUnlockedWork>;
