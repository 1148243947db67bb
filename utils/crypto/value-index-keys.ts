import { bytesOf, utf8 } from './encoding';

/**
 * The two keys of the right-click value index (docs/crypto.md, "The value index"): `hmac` makes the keyed
 * fingerprints of client secrets, `seal` encrypts the index kept on this device. Both non-extractable.
 */
export type ValueIndexKeys = { hmac: CryptoKey; seal: CryptoKey };

/** HKDF info of the fingerprint key; the user id binds it to one account. */
export const valueIndexHmacInfo = (userId: string) => `vaultshare/value-index/hmac/v1/${userId}`;
/** HKDF info of the key that seals the stored index. */
export const valueIndexSealInfo = (userId: string) => `vaultshare/value-index/seal/v1/${userId}`;

/**
 * Derives the value index's keys from the account's private key (its PKCS8 bytes, the same at sign-in, unlock
 * and worker resume) with HKDF-SHA256: the same keys at every unlock, so fingerprints and the sealed index
 * outlive a lock; new ones after a private-key change, so the old index no longer opens and is rebuilt.
 */
export async function deriveValueIndexKeys(privateKeyPkcs8: Uint8Array, userId: string): Promise<ValueIndexKeys> {
  const subtle = globalThis.crypto.subtle;
  const base = await subtle.importKey('raw', bytesOf(privateKeyPkcs8), 'HKDF', false, ['deriveKey']);
  const hkdf = (info: string) => ({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: utf8(info) });
  const [hmac, seal] = await Promise.all([
    subtle.deriveKey(hkdf(valueIndexHmacInfo(userId)), base, { name: 'HMAC', hash: 'SHA-256', length: 256 }, false, [
      'sign',
    ]),
    subtle.deriveKey(hkdf(valueIndexSealInfo(userId)), base, { name: 'AES-GCM', length: 256 }, false, [
      'encrypt',
      'decrypt',
    ]),
  ]);
  return { hmac, seal };
}
