import { accountItem, lockReasonItem, resumeItem, sessionItem } from '@/utils/storage-items';
import type { SessionStatus } from './types';

/**
 * The session state as the worker last stored it, readable by pages without waking the worker: the popup
 * paints from this at once and then follows the worker's status events.
 */
export async function readStoredStatus(): Promise<SessionStatus> {
  // All four at once: one round trip to the browser instead of two (the popup's first paint waits on it).
  const [account, record, resume, reason] = await Promise.all([
    accountItem.getValue(),
    sessionItem.getValue(),
    resumeItem.getValue(),
    lockReasonItem.getValue(),
  ]);
  if (!account) return { state: 'signedOut' };
  if (record && resume) return { state: 'unlocked', account, fingerprint: record.me.fingerprint };
  return { state: 'locked', account, reason: reason ?? 'restart' };
}
