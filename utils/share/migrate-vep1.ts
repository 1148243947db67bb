import { isSigned } from '@/utils/crypto';
import { grantGroupKey, openVerifiedGroupKey } from '@/utils/groups/grant-key';
import type { GroupView } from '@/utils/contract';
import type { Unlocked } from '@/utils/secrets/context';
import { rotateItemKey } from '@/utils/secrets/rotate';
import { checkPins } from './pins';
import { recipientKey } from './types';

/** What a migration pass re-made: secrets rotated, member grants re-signed, and what it could not do. */
export type MigrationReport = { secrets: number; grants: number; failed: number };

/**
 * A group this user manages whose grants are still VEP/1 (docs/crypto.md, "Migration from VEP/1"): its own
 * unsigned manager grant is adopted (opened, checked against the group's public key, re-made signed by
 * itself), then every current member whose grant is unsigned gets a signed one. Pending members are never
 * touched: they wait for a person's approval. A member whose key differs from this device's pin is skipped.
 */
async function migrateGroup(u: Unlocked, g: GroupView): Promise<number> {
  if (!g.isManager || !g.myGrant || !u.me.signingKey) return 0;
  // Verified like any use of the key: an unsigned grant only while this device has never seen it signed.
  const group = { privateKeyPkcs8: await openVerifiedGroupKey(u, g) };
  let made = 0;
  try {
    const unsigned = (g.members ?? []).filter((m) => !m.pending && m.signed === false && m.publicKey);
    if (!isSigned(g.myGrant) && !unsigned.some((m) => m.user.id === u.me.userId))
      unsigned.push({
        user: { id: u.me.userId, name: '', username: '' },
        pending: false,
        manager: true,
        publicKey: u.me.publicKey,
        fingerprint: null,
        addedBy: null,
        addedAt: new Date(0).toISOString(),
      });
    const targets = unsigned.map((m) => ({
      key: recipientKey('user', m.user.id),
      kind: 'user' as const,
      id: m.user.id,
      name: m.user.name,
      publicKey: m.user.id === u.me.userId ? u.me.publicKey : m.publicKey!,
    }));
    const { ok } = await checkPins(u.db, targets);
    for (const t of ok) {
      const grant = await grantGroupKey(u, g.id, group.privateKeyPkcs8, t);
      await u.client.call('addMember', { params: { id: g.id }, body: { userId: t.id, grant } });
      made++;
    }
  } finally {
    group.privateKeyPkcs8.fill(0);
  }
  return made;
}

/**
 * Runs once per unlock, online, with a signing key: asks the server what this user can still vouch for that
 * carries unsigned VEP/1 grants (`GET /v1/me/unsigned`), rotates each secret it owns (so every grant of it
 * is new and signed: re-signing a grant it cannot open would bless a key the server chose) and re-signs the
 * member grants of the groups it manages. Each item on its own: one failure does not stop the rest, and
 * the next unlock tries again.
 */
export async function migrateVep1(u: Unlocked): Promise<MigrationReport> {
  const report: MigrationReport = { secrets: 0, grants: 0, failed: 0 };
  if (!u.me.signingKey) return report;
  const todo = await u.client.call('unsigned');
  for (const id of todo.groups) {
    try {
      report.grants += await migrateGroup(u, await u.client.call('getGroup', { params: { id } }));
    } catch {
      report.failed++;
    }
  }
  for (const id of todo.secrets) {
    try {
      await rotateItemKey(u, id);
      report.secrets++;
    } catch {
      report.failed++;
    }
  }
  return report;
}
