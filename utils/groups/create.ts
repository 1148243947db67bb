import { newGroupKeys, newId } from '@/utils/crypto';
import type { GroupView } from '@/utils/contract';
import type { Unlocked } from '@/utils/secrets/context';
import { pinAll } from '@/utils/share/pins';
import { grantGroupKey } from './grant-key';
import { checkMemberKeys } from './members';
import type { GroupDraft } from './types';

/**
 * Creates a private group (docs/api.md, "Groups"): a new key pair made here, the private key granted to the
 * creator (who manages the group) and then to each member. Keys are checked against the pins first, so a
 * changed key stops the creation before anything is sent; the private key bytes are zeroed at the end.
 */
export async function createPrivateGroup(u: Unlocked, draft: GroupDraft): Promise<GroupView> {
  const ok = await checkMemberKeys(u, draft.members);
  const id = newId();
  const keys = await newGroupKeys();
  try {
    let view = await u.client.call('createGroup', {
      body: {
        id,
        name: draft.name,
        description: draft.description,
        membersCanView: draft.membersCanView,
        publicKey: keys.publicKey,
        managerGrant: await grantGroupKey(u, id, keys.privateKeyPkcs8, { id: u.me.userId, publicKey: u.me.publicKey }),
      },
    });
    for (const p of ok)
      view = await u.client.call('addMember', {
        params: { id },
        body: { userId: p.id, grant: await grantGroupKey(u, id, keys.privateKeyPkcs8, p) },
      });
    await pinAll(u.db, ok);
    return view;
  } finally {
    keys.privateKeyPkcs8.fill(0);
  }
}
