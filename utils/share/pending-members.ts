import { membershipStatement, sign } from '@/utils/crypto';
import { grantGroupKey, withGroupKey } from '@/utils/groups/grant-key';
import type { GroupMember, GroupView } from '@/utils/contract';
import type { Unlocked } from '@/utils/secrets/context';
import { VaultError } from '@/utils/vault/errors';
import { checkPins, pinAll } from './pins';
import { recipientKey } from './types';

/** A member waiting for a manager's decision, with what the manager needs to decide: who, and both fingerprints. */
export type PendingMember = { groupId: string; groupName: string; member: GroupMember };

/**
 * Members waiting for this user's approval in the groups they manage (docs/crypto.md, "Group members:
 * approval"). Nothing is granted here: a person decides, with {@link approveMember} or {@link refuseMember}.
 */
export async function pendingApprovals(u: Unlocked): Promise<PendingMember[]> {
  const { groups } = await u.client.call('listGroups');
  return groups.flatMap((g) => waitingIn(g).map((member) => ({ groupId: g.id, groupName: g.name, member })));
}

/**
 * The members of a group who wait for this user's decision: pending, enrolled (they have a key to grant to),
 * in a group this user manages and holds the key of. The approval view lists them; the badge counts them.
 */
export function waitingIn(g: GroupView): GroupMember[] {
  if (!g.isManager || !g.myGrant) return [];
  return (g.members ?? []).filter((m) => m.pending && m.publicKey);
}

async function managedGroup(u: Unlocked, groupId: string): Promise<GroupView> {
  const g = await u.client.call('getGroup', { params: { id: groupId } });
  if (!g.isManager || !g.myGrant) throw new VaultError('forbidden');
  return g;
}

/**
 * Approves a pending member, after the manager saw their name, username and fingerprints: the group key is
 * granted to their key as pinned (a changed key stops it until confirmed) and the grant is signed.
 * @returns the key change to confirm, or the group as it is now
 * @throws {@link VaultError} `forbidden` when this user cannot grant the group key
 */
export async function approveMember(u: Unlocked, groupId: string, userId: string, confirmed?: string) {
  const g = await managedGroup(u, groupId);
  const m = (g.members ?? []).find((x) => x.user.id === userId && x.pending && x.publicKey);
  if (!m || !u.me.signingKey) throw new VaultError('not_found');
  const key = recipientKey('user', userId);
  const { ok, changes } = await checkPins(
    u.db,
    [{ key, kind: 'user', id: userId, name: m.user.name, publicKey: m.publicKey! }],
    confirmed ? { [key]: confirmed } : {},
  );
  if (changes.length) return { ok: false as const, keyChanges: changes };
  // The manager's own grant is verified first: a group key the server substituted is never granted onwards.
  const view = await withGroupKey(u, g, async (pkcs8) => {
    const signed = await grantGroupKey(u, g.id, pkcs8, { id: userId, publicKey: m.publicKey! });
    return u.client.call('addMember', { params: { id: g.id }, body: { userId, grant: signed } });
  });
  await pinAll(u.db, ok);
  return { ok: true as const, group: view };
}

/** Refuses (removes) a member with the manager's signed decision (docs/crypto.md, "Membership statement"). */
export async function refuseMember(u: Unlocked, groupId: string, userId: string, now = new Date()): Promise<GroupView> {
  await managedGroup(u, groupId);
  if (!u.me.signingKey) throw new VaultError('forbidden');
  const at = now.toISOString();
  const signature = await sign(
    u.me.signingKey,
    membershipStatement({ action: 'remove', groupId, memberId: userId, managerId: u.me.userId, at }),
  );
  return u.client.call('removeMemberSigned', { params: { id: groupId, userId }, body: { at, signature } });
}
