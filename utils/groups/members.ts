import { membershipStatement, sign } from '@/utils/crypto';
import type { GroupView } from '@/utils/contract';
import type { Unlocked } from '@/utils/secrets/context';
import { checkPins, pinAll } from '@/utils/share/pins';
import { refuseMember } from '@/utils/share/pending-members';
import { recipientKey } from '@/utils/share/types';
import { VaultError } from '@/utils/vault/errors';
import { grantGroupKey, withGroupKey } from './grant-key';
import type { NewMember } from './types';

/**
 * Checks the new members' keys against the pins before anything is sent (trust on first use, as the share
 * panel does): a person whose key changed since this device pinned it stops the whole addition.
 */
export async function checkMemberKeys(u: Unlocked, people: readonly NewMember[]) {
  const { ok, changes } = await checkPins(
    u.db,
    people.map((p) => ({
      key: recipientKey('user', p.id),
      kind: 'user' as const,
      id: p.id,
      name: p.name,
      publicKey: p.publicKey,
    })),
  );
  if (changes.length) throw new VaultError('recipient_key_changed', { detail: changes.map((c) => c.name).join(', ') });
  return ok;
}

/**
 * Adds people to a group the user manages: each gets the group key, wrapped for their public key here in the
 * worker. One request per person; the view after the last one is returned.
 */
export async function addMembers(u: Unlocked, groupId: string, people: readonly NewMember[]): Promise<GroupView> {
  const ok = await checkMemberKeys(u, people);
  let view = await u.client.call('getGroup', { params: { id: groupId } });
  if (!ok.length) return view;
  view = await withGroupKey(u, view, async (pkcs8) => {
    let last = view;
    for (const p of ok)
      last = await u.client.call('addMember', {
        params: { id: groupId },
        body: { userId: p.id, grant: await grantGroupKey(u, groupId, pkcs8, p) },
      });
    return last;
  });
  await pinAll(u.db, ok);
  return view;
}

/**
 * Removes someone from a group. A manager removing another person signs the decision (docs/crypto.md,
 * "Membership statement"), as refusing a pending member does; leaving a group oneself needs no signature.
 */
export async function removeMember(u: Unlocked, groupId: string, userId: string): Promise<GroupView> {
  if (userId !== u.me.userId && u.me.signingKey) return refuseMember(u, groupId, userId);
  return u.client.call('removeMember', { params: { id: groupId, userId } });
}

/**
 * Makes a member a manager of the group, or a manager a plain member again, with this manager's signed
 * decision (docs/crypto.md, "Membership statement", action `manager` or `member`): members check it before
 * they trust a group key the new manager grants them.
 * @throws {@link VaultError} `forbidden` when this account has no signing key yet (it gets one at unlock)
 */
export async function setManager(
  u: Unlocked,
  groupId: string,
  userId: string,
  manager: boolean,
  now = new Date(),
): Promise<GroupView> {
  if (!u.me.signingKey)
    throw new VaultError('forbidden', {
      detail: 'Your account has no signing key yet: lock and unlock, then try again.',
    });
  const at = now.toISOString();
  const signature = await sign(
    u.me.signingKey,
    membershipStatement({
      action: manager ? 'manager' : 'member',
      groupId,
      memberId: userId,
      managerId: u.me.userId,
      at,
    }),
  );
  return u.client.call('setMemberRole', { params: { id: groupId, userId }, body: { manager, at, signature } });
}
