import { createGrant, openGroupKey } from '@/utils/crypto';
import type { GroupView } from '@/utils/contract';
import type { Unlocked } from '@/utils/secrets/context';
import { checkPins, pinAll } from './pins';
import { recipientKey } from './types';

/** Grants one group's key to its pending members whose keys are known and match their pins. */
async function completeGroup(u: Unlocked, g: GroupView): Promise<number> {
  const pending = (g.members ?? []).filter((m) => m.pending && m.publicKey);
  if (!g.isManager || !g.myGrant || !pending.length) return 0;
  const targets = pending.map((m) => ({
    key: recipientKey('user', m.user.id),
    kind: 'user' as const,
    id: m.user.id,
    name: m.user.name,
    publicKey: m.publicKey!,
  }));
  // A member whose key changed since it was pinned is left pending: granting silently would defeat the pin.
  const { ok } = await checkPins(u.db, targets);
  if (!ok.length) return 0;
  const group = await openGroupKey(g.myGrant, g.id, u.me.privateKey, u.me.publicKey, g.publicKey);
  try {
    for (const t of ok) {
      const grant = await createGrant(
        {
          subjectKind: 'group',
          subjectId: g.id,
          recipientKind: 'user',
          recipientId: t.id,
          recipientPublicKey: t.publicKey,
        },
        group.privateKeyPkcs8,
      );
      await u.client.call('addMember', { params: { id: g.id }, body: { userId: t.id, grant } });
    }
  } finally {
    group.privateKeyPkcs8.fill(0);
  }
  await pinAll(u.db, ok);
  return ok.length;
}

/**
 * Completes pending group members (docs/crypto.md, "Groups"): a member added without a grant (by an
 * administrator's tool) gets the group key from the first manager whose extension runs unlocked. One
 * group failing does not stop the others; the next unlock tries again.
 * @returns how many members were completed
 */
export async function completePendingMembers(u: Unlocked): Promise<number> {
  const { groups } = await u.client.call('listGroups');
  let done = 0;
  for (const g of groups) done += await completeGroup(u, g).catch(() => 0);
  return done;
}
