import { local, session } from './store';
import type { SessionStatus } from './types';

/**
 * The session state as the worker last stored it, readable by pages without waking the worker: the popup
 * paints from this at once and then follows the worker's status events.
 */
export async function readStoredStatus(): Promise<SessionStatus> {
  const account = await local.get('account');
  if (!account) return { state: 'signedOut' };
  const [record, resume, reason] = await Promise.all([session.get('session'), session.get('resume'), session.get('lockReason')]);
  if (record && resume) return { state: 'unlocked', account, fingerprint: record.me.fingerprint };
  return { state: 'locked', account, reason: reason ?? 'restart' };
}
