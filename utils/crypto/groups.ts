import type { Grant } from './grants';
import { openGrant } from './grants';
import { decryptFailed } from './errors';
import { type KeyPair, generateKeyPair, importPrivateKey, publicKeyOf } from './keys';

/**
 * A new group key pair, made by the client of whoever creates the group. Its PKCS8 private key is what
 * member grants wrap (subjectKind `group`); its public key is what secrets are granted to.
 */
export function newGroupKeys(): Promise<KeyPair> {
  return generateKeyPair();
}

/**
 * A member's first step into a group: opens their grant of the group private key and checks that it belongs
 * to the group's published public key, so a forged grant cannot hand them a key the server chose.
 * Keep `privateKeyPkcs8` only as long as needed to grant the key to pending members.
 * @throws {@link VepError} `wrong_recipient` or `decrypt_failed` as {@link openGrant}; `decrypt_failed` when
 * the key does not match `groupPublicKey`.
 */
export async function openGroupKey(
  grant: Grant,
  groupId: string,
  memberPrivateKey: CryptoKey,
  memberPublicKey: string,
  groupPublicKey: string,
): Promise<{ privateKey: CryptoKey; privateKeyPkcs8: Uint8Array }> {
  const pkcs8 = await openGrant(grant, { subjectKind: 'group', subjectId: groupId }, memberPrivateKey, memberPublicKey);
  const matches = await publicKeyOf(pkcs8).then(
    (pub) => pub === groupPublicKey,
    () => false,
  );
  if (!matches) throw decryptFailed("This group key does not match the group's public key.");
  return { privateKey: await importPrivateKey(pkcs8), privateKeyPkcs8: pkcs8 };
}
