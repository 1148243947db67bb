import type { CacheDb } from '@/utils/cache';
import type { Handlers } from '@/utils/messaging';
import type { VaultSession } from '@/utils/session';
import type { SyncEngine } from '@/utils/sync';
import { CLIPBOARD_ALARM, scheduleClipboardClear } from '@/utils/clipboard/clear';
import { clearClipboardFromWorker } from '@/utils/clipboard/offscreen';
import { createSecret, revealSecret, setSecretStatus, updateSecret, type Unlocked } from '@/utils/secrets';
import { refreshSummary } from '@/utils/secrets/reveal';
import { completePendingMembers } from '@/utils/share/pending-members';
import { fetchAccess } from '@/utils/share/current';
import { shareSecrets } from '@/utils/share/share';
import { VaultError, isOffline } from '@/utils/vault/errors';

type ShareMessages = 'searchRecipients' | 'getAccessList' | 'shareSecrets' | 'revealSecret' | 'createSecret' | 'updateSecret' | 'setSecretStatus' | 'clearClipboardSoon';
export type ShareDeps = { db: () => Promise<CacheDb>; session: VaultSession; engine: SyncEngine };

/**
 * The worker's side of issue 4: everything that needs the keys or writes to the server. Every write asks
 * for a sync afterwards, so the list (Shared Yes/No, status) follows; an expired session locks the vault,
 * as a failed sync does, so the popup asks for the password.
 */
export function createShareHandlers({ db, session, engine }: ShareDeps) {
  async function unlocked(): Promise<Unlocked> {
    const target = session.syncTarget();
    const privateKey = session.privateKey();
    const me = session.record()?.me;
    if (!target || !privateKey || !me) throw new VaultError('locked');
    return { db: await db(), client: target.client, me: { userId: me.id, privateKey, publicKey: me.publicKey } };
  }
  async function guarded<T>(work: (u: Unlocked) => Promise<T>, write = false): Promise<T> {
    try {
      const result = await work(await unlocked());
      if (write) void engine.run();
      return result;
    } catch (e) {
      if (e instanceof VaultError && e.code === 'session_expired') await session.lock('session_expired');
      throw e;
    }
  }

  const handlers: Pick<Handlers, ShareMessages> = {
    searchRecipients: (d) => guarded(async (u) => (await u.client.call('search', { query: { q: d.q } })).results),
    getAccessList: (d) =>
      guarded(async (u) => {
        try {
          return { list: await fetchAccess(u, d.secretId) };
        } catch (e) {
          const saved = await u.db.get('access', d.secretId);
          if (saved && e instanceof VaultError && isOffline(e.code)) return { list: saved.list, savedAt: saved.fetchedAt };
          throw e;
        }
      }),
    shareSecrets: (d) => guarded((u) => shareSecrets(u, d), true),
    // A reveal is the secret's new "last use": re-read it, and the sync after tells the pages to redraw.
    revealSecret: (d) => guarded(async (u) => {
      const value = await revealSecret(u, d.secretId);
      await refreshSummary(u, d.secretId).catch(() => undefined);
      return value;
    }, true),
    createSecret: (d) => guarded((u) => createSecret(u, d), true),
    updateSecret: (d) => guarded((u) => updateSecret(u, d), true),
    setSecretStatus: (d) => guarded((u) => setSecretStatus(u, d), true),
    clearClipboardSoon: () => scheduleClipboardClear(),
  };

  return {
    handlers,
    /** After sign-in or unlock: complete pending group members, then sync if any were. */
    async afterUnlock(): Promise<void> {
      const done = await guarded(completePendingMembers).catch(() => 0);
      if (done) await engine.run();
    },
    async onAlarm(name: string): Promise<void> {
      if (name === CLIPBOARD_ALARM) await clearClipboardFromWorker();
    },
  };
}
