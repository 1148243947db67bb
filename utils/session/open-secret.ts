import { decryptSecret, openGrant, openGroupKey, type SecretFields } from '@/utils/crypto';
import type { RevealResponse } from '@/utils/contract';

/** The unlocked user's key pair, as the worker holds it. */
export type OwnKeys = { privateKey: CryptoKey; publicKey: string };

/**
 * Opens the itemKey of a reveal (or values) answer along the caller's key path: the user's own grant, or
 * two steps through a group (the member grant opens the group's private key, which must match the group's
 * public key, then the group grant opens the itemKey). The caller zeroes the key when done with it.
 * @throws VepError when any grant fails to open
 */
export async function openItemKey(res: Pick<RevealResponse, 'secretId' | 'keyPath'>, me: OwnKeys): Promise<Uint8Array> {
  const subject = { subjectKind: 'secret' as const, subjectId: res.secretId };
  const path = res.keyPath;
  if (path.via === 'user') return openGrant(path.grant, subject, me.privateKey, me.publicKey);
  const group = await openGroupKey(path.memberGrant, path.groupId, me.privateKey, me.publicKey, path.groupPublicKey);
  group.privateKeyPkcs8.fill(0);
  return openGrant(path.groupGrant, subject, group.privateKey, path.groupPublicKey);
}

/**
 * Opens a reveal answer (docs/crypto.md): the itemKey through {@link openItemKey}, then the value. The
 * value is decrypted for the caller to show or copy and is never stored. Used by the details view and the
 * copy action.
 * @throws VepError when any grant or the value fails to open
 */
export async function openRevealed(res: RevealResponse, me: OwnKeys): Promise<SecretFields> {
  const itemKey = await openItemKey(res, me);
  try {
    return await decryptSecret(itemKey, res.secretId, res.valueRevision, res.value);
  } finally {
    itemKey.fill(0);
  }
}
