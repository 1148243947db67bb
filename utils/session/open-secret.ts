import { decryptSecret, openGrant, openGrantKey, openGroupKey, type SecretFields } from '@/utils/crypto';
import type { RevealResponse } from '@/utils/contract';

/** The unlocked user's key pair, as the worker holds it. */
export type OwnKeys = { privateKey: CryptoKey; publicKey: string };

/** A key path's last grant with the key that opens it: the user's own, or the group's opened with the member grant. */
async function lastGrant(res: Pick<RevealResponse, 'secretId' | 'keyPath'>, me: OwnKeys) {
  const path = res.keyPath;
  if (path.via === 'user') return { grant: path.grant, privateKey: me.privateKey, publicKey: me.publicKey };
  const group = await openGroupKey(path.memberGrant, path.groupId, me.privateKey, me.publicKey, path.groupPublicKey);
  group.privateKeyPkcs8.fill(0);
  return { grant: path.groupGrant, privateKey: group.privateKey, publicKey: path.groupPublicKey };
}

/**
 * Opens the itemKey of a reveal (or values) answer along the caller's key path: the user's own grant, or
 * two steps through a group (the member grant opens the group's private key, which must match the group's
 * public key, then the group grant opens the itemKey). The caller zeroes the key when done with it.
 * @throws VepError when any grant fails to open
 */
export async function openItemKey(res: Pick<RevealResponse, 'secretId' | 'keyPath'>, me: OwnKeys): Promise<Uint8Array> {
  const { grant, privateKey, publicKey } = await lastGrant(res, me);
  return openGrant(grant, { subjectKind: 'secret', subjectId: res.secretId }, privateKey, publicKey);
}

/**
 * {@link openItemKey} into a non-extractable AES-256-GCM key that can only decrypt (`openGrantKey`), for
 * reading the value: one WebCrypto call fewer per value, and the itemKey's bytes never in JavaScript.
 */
async function openItemDecryptKey(res: Pick<RevealResponse, 'secretId' | 'keyPath'>, me: OwnKeys): Promise<CryptoKey> {
  const { grant, privateKey, publicKey } = await lastGrant(res, me);
  return openGrantKey(grant, { subjectKind: 'secret', subjectId: res.secretId }, privateKey, publicKey);
}

/**
 * Opens a reveal answer (docs/crypto.md): the itemKey along the caller's key path (as {@link openItemKey},
 * into a key that can only decrypt), then the value. The value is decrypted for the caller to show or copy
 * and is never stored. Used by the details view, the copy action and the right-click index.
 * @throws VepError when any grant or the value fails to open
 */
export async function openRevealed(res: RevealResponse, me: OwnKeys): Promise<SecretFields> {
  return decryptSecret(await openItemDecryptKey(res, me), res.secretId, res.valueRevision, res.value);
}
