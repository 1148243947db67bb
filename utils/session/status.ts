import { accountItem, lockReasonItem, resumeItem, sessionItem } from '@/utils/storage-items';
import type { SessionStatus } from './types';

/**
 * The session state as the worker last stored it, readable by pages without waking the worker: the popup
 * paints from this at once and then follows the worker's status events.
 */
export async function readStoredStatus(): Promise<SessionStatus> {
  const account = await accountItem.getValue();
  if (!account) return { state: 'signedOut' };
  const [record, resume, reason] = await Promise.all([
    sessionItem.getValue(),
    resumeItem.getValue(),
    lockReasonItem.getValue(),
  ]);
  if (record && resume) return { state: 'unlocked', account, fingerprint: record.me.fingerprint };
  return { state: 'locked', account, reason: reason ?? 'restart' };
}
