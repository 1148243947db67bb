import { createGrant, openGroupKey, type Grant } from '@/utils/crypto';
import type { GroupView } from '@/utils/contract';
import type { Unlocked } from '@/utils/secrets/context';
import { VaultError } from '@/utils/vault/errors';

/** Someone who is to hold a group's key: a user with the public key their grant is made for. */
export type KeyHolder = { id: string; publicKey: string };

/**
 * The one place this module wraps a group's private key for a user (docs/crypto.md, "Groups"): subject
 * `group/<id>`, recipient `user/<id>`, through the vault's own grant function.
 */
export function grantGroupKey(groupId: string, groupPkcs8: Uint8Array, to: KeyHolder): Promise<Grant> {
  return createGrant(
    {
      subjectKind: 'group',
      subjectId: groupId,
      recipientKind: 'user',
      recipientId: to.id,
      recipientPublicKey: to.publicKey,
    },
    groupPkcs8,
  );
}

/**
 * Runs `use` with the group's private key, opened from the caller's own grant and checked against the
 * group's public key; the key bytes are zeroed afterwards, whatever happens.
 */
export async function withGroupKey<T>(u: Unlocked, g: GroupView, use: (pkcs8: Uint8Array) => Promise<T>): Promise<T> {
  if (!g.myGrant) throw new VaultError('forbidden', { detail: "You do not hold this group's key yet." });
  const { privateKeyPkcs8 } = await openGroupKey(g.myGrant, g.id, u.me.privateKey, u.me.publicKey, g.publicKey);
  try {
    return await use(privateKeyPkcs8);
  } finally {
    privateKeyPkcs8.fill(0);
  }
}
