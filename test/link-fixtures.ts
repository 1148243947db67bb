import type { LinkView } from '@/utils/contract';
import { ALICE, uuid } from './fixtures';

/** An external link as the server lists it to its sharer: active, one access, with an access code. */
export function linkView(over: Partial<LinkView> = {}): LinkView {
  return {
    id: uuid(),
    secretId: uuid(),
    secretName: 'Payments API',
    recipientEmail: 'dana@partner.example',
    createdAt: '2026-03-10T12:00:00.000Z',
    expiresAt: '2026-03-11T12:00:00.000Z',
    maxAccesses: 1,
    accesses: 0,
    remainingAccesses: 1,
    status: 'active',
    hasCode: true,
    revokedAt: null,
    lastEmailedAt: null,
    sharerGrant: {
      recipientKind: 'user',
      recipientId: ALICE.id,
      recipientKeyFingerprint: 'a'.repeat(64),
      ephemeralPublicKey: 'A'.repeat(120),
      iv: 'A'.repeat(16),
      ct: 'A'.repeat(64),
    },
    log: [],
    ...over,
  };
}
