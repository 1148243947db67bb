import type { Handlers, ShareProtocol } from '@/utils/messaging';
import { fetchAccess } from '@/utils/share/current';
import { shareSecrets } from '@/utils/share/share';
import { VaultError, isOffline } from '@/utils/vault/errors';
import type { Badge } from '../badge';
import type { UnlockedWork } from '../unlocked';

/** Who has access, recipients, sharing, and the secrets colleagues shared with the user (the badge). */
export function createShareHandlers(work: UnlockedWork, badge: Badge): Handlers<ShareProtocol> {
  return {
    searchRecipients: (d) => work.read((u) => u.client.call('search', { query: { q: d.q } })),
    getAccessList: (d) =>
      work.read(async (u) => {
        try {
          return { list: await fetchAccess(u, d.secretId) };
        } catch (e) {
          const saved = await u.db.get('access', d.secretId);
          if (saved && e instanceof VaultError && isOffline(e.code))
            return { list: saved.list, savedAt: saved.fetchedAt };
          throw e;
        }
      }),
    shareSecrets: (d) => work.write((u) => shareSecrets(u, d)),
    takeNewShares: () => badge.take(),
  };
}
