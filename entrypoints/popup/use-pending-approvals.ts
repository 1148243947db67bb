import { useCallback, useEffect, useState } from 'preact/hooks';
import { sendMessage } from '@/utils/messaging';
import type { PendingMember } from '@/utils/share/pending-members';

const NONE: readonly PendingMember[] = [];

/**
 * The group members waiting for this user's approval, asked of the server when the popup opens unlocked and
 * after each sync (a member added meanwhile shows up). Offline or failing, it is empty: the banner simply
 * does not show, and the next opening asks again.
 */
export function usePendingApprovals(unlocked: boolean, syncedAt?: string) {
  const [pending, setPending] = useState(NONE);
  const refresh = useCallback(() => {
    sendMessage('listPendingApprovals').then(
      (list) => setPending(list ?? NONE),
      () => undefined,
    );
  }, []);
  useEffect(() => {
    if (unlocked) refresh();
    else setPending(NONE);
  }, [unlocked, syncedAt, refresh]);
  return { pending, refresh };
}
