import { VepError, createSignedGrant, openGroupKey, type SignedGrant } from '@/utils/crypto';
import { verifyGroupGrant } from '@/utils/session/grant-trust';
import { deviceTrust } from '@/utils/secrets/device-trust';
import type { GroupView } from '@/utils/contract';
import type { Unlocked } from '@/utils/secrets/context';
import { VaultError } from '@/utils/vault/errors';

/** Someone who is to hold a group's key: a user with the public key their grant is made for. */
export type KeyHolder = { id: string; publicKey: string };

/**
 * The one place the extension wraps a group's private key for a user (docs/crypto.md, "Groups" and VEP/2
 * "Signed grants"): subject `group/<id>` at key revision 1, recipient `user/<id>`, signed by the user making
 * it. Creating a group, adding members, promoting and approving a pending member all come through here, so
 * no group-key grant leaves this extension unsigned.
 * @throws {@link VaultError} `forbidden` when this account has no signing key yet (it gets one at unlock)
 */
export function grantGroupKey(
  u: Unlocked,
  groupId: string,
  groupPkcs8: Uint8Array,
  to: KeyHolder,
): Promise<SignedGrant> {
  if (!u.me.signingKey)
    throw new VaultError('forbidden', {
      detail: 'Your account has no signing key yet: lock and unlock, then try again.',
    });
  return createSignedGrant(
    {
      subjectKind: 'group',
      subjectId: groupId,
      recipientKind: 'user',
      recipientId: to.id,
      recipientPublicKey: to.publicKey,
    },
    groupPkcs8,
    GROUP_KEY_REVISION,
    { id: u.me.userId, signingKey: u.me.signingKey },
  );
}

/** A group's key is never rotated in place (a new group is made instead): every grant of it is at revision 1. */
export const GROUP_KEY_REVISION = 1;

/**
 * Opens the group's private key from the caller's own grant, after verifying that grant as reading does
 * (docs/crypto.md, "Verifying a grant": signed by a manager whose key this device trusts, or unsigned only
 * under the migration rule) and checking the key against the group's public key. The caller zeroes it.
 * @throws {@link VaultError} `forbidden` without a grant, `untrusted_grant` (naming the group and the signer)
 *   when the grant is refused or does not open to the group's key
 */
export async function openVerifiedGroupKey(u: Unlocked, g: GroupView): Promise<Uint8Array> {
  if (!g.myGrant) throw new VaultError('forbidden', { detail: "You do not hold this group's key yet." });
  try {
    await verifyGroupGrant(
      { id: g.id, name: g.name, myGrant: g.myGrant, myGrantSigner: g.myGrantSigner },
      { userId: u.me.userId, signingPublicKey: u.me.signingPublicKey },
      deviceTrust(u.db),
    );
  } catch (e) {
    if (e instanceof VepError) throw new VaultError('untrusted_grant', { detail: e.message });
    throw e;
  }
  try {
    return (await openGroupKey(g.myGrant, g.id, u.me.privateKey, u.me.publicKey, g.publicKey)).privateKeyPkcs8;
  } catch (e) {
    if (e instanceof VepError)
      throw new VaultError('untrusted_grant', {
        detail: `Your key for the group “${g.name}” does not open to the group's key. The server may have replaced it; nothing was sent.`,
      });
    throw e;
  }
}

/**
 * Runs `use` with the group's private key, opened from the caller's own verified grant
 * ({@link openVerifiedGroupKey}); the key bytes are zeroed afterwards, whatever happens.
 */
export async function withGroupKey<T>(u: Unlocked, g: GroupView, use: (pkcs8: Uint8Array) => Promise<T>): Promise<T> {
  const privateKeyPkcs8 = await openVerifiedGroupKey(u, g);
  try {
    return await use(privateKeyPkcs8);
  } finally {
    privateKeyPkcs8.fill(0);
  }
}
