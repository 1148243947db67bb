import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { sendMessage } from '@/utils/messaging';
import type { PendingMember } from '@/utils/share/pending-members';

const NONE: readonly PendingMember[] = [];
/** The popup syncs every few seconds while open; the groups are asked again at most this often. */
const REFRESH_MS = 30_000;

/**
 * The group members waiting for this user's approval, asked of the server when the popup opens unlocked and
 * again after a later sync (at most every 30 seconds), so a member added meanwhile shows up. Offline or
 * failing, it is empty: the banner simply does not show, and the next opening asks again.
 */
export function usePendingApprovals(unlocked: boolean, syncedAt?: string) {
  const [pending, setPending] = useState(NONE);
  const last = useRef(0);
  const refresh = useCallback(() => {
    last.current = Date.now();
    sendMessage('listPendingApprovals').then(
      (list) => setPending(list ?? NONE),
      () => undefined,
    );
  }, []);
  useEffect(() => {
    if (!unlocked) return ((last.current = 0), setPending(NONE));
    if (Date.now() - last.current >= REFRESH_MS) refresh();
  }, [unlocked, syncedAt, refresh]);
  return { pending, refresh };
}
