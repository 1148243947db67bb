import type { CacheDb } from '@/utils/cache';
import type { GrantTrust } from '@/utils/session/grant-trust';

/**
 * This device's grant trust (docs/crypto.md, "Verifying a grant" and "Migration") in the `pins` store, next
 * to the encryption-key pins and kept across full syncs like them: a user's signing fingerprint under
 * `signing:user:<id>`, and the mark that a signed grant of a subject was opened under `signed:<kind>:<id>`.
 */
export function deviceTrust(db: CacheDb, now = () => new Date()): GrantTrust {
  const put = (key: string, id: string, fingerprint: string) =>
    db.put('pins', { key, kind: 'user', id, fingerprint, pinnedAt: now().toISOString() }).then(() => undefined);
  return {
    signingPin: async (userId) => (await db.get('pins', `signing:user:${userId}`))?.fingerprint,
    pinSigning: (userId, fingerprint) => put(`signing:user:${userId}`, userId, fingerprint),
    signedSeen: async (subject) => !!(await db.get('pins', `signed:${subject}`)),
    // Marked once: the right-click index verifies every value at each unlock, and a write per value (one
    // IndexedDB transaction each) cost more than the verification; a mark keeps the time it was first made.
    markSigned: async (subject) => {
      if (!(await db.get('pins', `signed:${subject}`))) await put(`signed:${subject}`, subject, '');
    },
  };
}
