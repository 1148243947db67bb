import type { Grant } from '../../../utils/contract';
import { Conflict, Invalid } from './errors';

/**
 * The server cannot open a grant, but it can refuse one that is addressed to the wrong recipient or to a
 * key the recipient no longer has, which is what a confused or stale client would send.
 */
export function checkGrant(
  grant: Grant,
  to: { kind: 'user' | 'group'; id: string; fingerprint: string; name: string },
): void {
  if (grant.recipientKind !== to.kind || grant.recipientId !== to.id)
    throw new Invalid('grant_recipient_mismatch', `The key grant for ${to.name} is addressed to someone else.`);
  if (grant.recipientKeyFingerprint !== to.fingerprint)
    throw new Conflict(
      'recipient_key_changed',
      `${to.name}'s key has changed. Check their new fingerprint, then share again.`,
    );
}
