import { bytesOf, fromB64url, toB64url, utf8 } from './encoding';
import { badInput, decryptFailed } from './errors';
import { IV_BYTES, KEY_BYTES, TAG_BYTES, VEP_VERSION } from './constants';
import { randomBytes } from './random';

/** An AES-256-GCM ciphertext on the wire; `iv` and `ct` are base64url and `ct` ends with the 16-byte tag. */
export type Ciphertext = { v: 1; iv: string; ct: string };

async function aesKey(key: Uint8Array | CryptoKey, usage: KeyUsage): Promise<CryptoKey> {
  if (!ArrayBuffer.isView(key)) return key;
  // VEP/1 is AES-256 only; a 16-byte key here is a caller's mistake that WebCrypto would accept silently.
  if (key.length !== KEY_BYTES) throw badInput('An AES-256 key must be 32 bytes.');
  return globalThis.crypto.subtle.importKey('raw', bytesOf(key), 'AES-GCM', false, [usage]);
}

/**
 * AES-256-GCM with binary AAD, the layer under {@link aesGcmEncrypt}. Exported for the known-answer tests,
 * whose published vectors have binary AAD; the protocol itself only uses string AAD.
 */
export async function sealBytes(
  key: Uint8Array | CryptoKey,
  plaintext: Uint8Array,
  aad: Uint8Array,
  iv?: Uint8Array,
): Promise<Ciphertext> {
  const nonce = iv === undefined ? randomBytes(IV_BYTES) : bytesOf(iv);
  if (nonce.length !== IV_BYTES) throw badInput('An AES-GCM IV must be 12 bytes.');
  const k = await aesKey(key, 'encrypt');
  let ct: ArrayBuffer;
  try {
    ct = await globalThis.crypto.subtle.encrypt(
      { name: 'AES-GCM', iv: nonce, additionalData: bytesOf(aad) },
      k,
      bytesOf(plaintext),
    );
  } catch {
    throw badInput('This key cannot be used for AES-GCM encryption.');
  }
  return { v: VEP_VERSION, iv: toB64url(nonce), ct: toB64url(new Uint8Array(ct)) };
}

/** A VEP/1 ciphertext's IV and ciphertext bytes; anything malformed is `decrypt_failed`. */
function parseCiphertext(c: Ciphertext): { iv: Uint8Array<ArrayBuffer>; ct: Uint8Array<ArrayBuffer> } {
  let iv: Uint8Array<ArrayBuffer>;
  let ct: Uint8Array<ArrayBuffer>;
  try {
    if (typeof c !== 'object' || c === null || c.v !== VEP_VERSION) throw new Error('not a VEP/1 ciphertext');
    iv = fromB64url(c.iv);
    ct = fromB64url(c.ct);
  } catch {
    throw decryptFailed();
  }
  if (iv.length !== IV_BYTES || ct.length < TAG_BYTES) throw decryptFailed();
  return { iv, ct };
}

/** Opens a {@link sealBytes} ciphertext; every failure about `c` is `decrypt_failed`. */
export async function openBytes(
  key: Uint8Array | CryptoKey,
  c: Ciphertext,
  aad: Uint8Array,
): Promise<Uint8Array<ArrayBuffer>> {
  const k = await aesKey(key, 'decrypt');
  const { iv, ct } = parseCiphertext(c);
  try {
    const pt = await globalThis.crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: bytesOf(aad) }, k, ct);
    return new Uint8Array(pt);
  } catch {
    throw decryptFailed();
  }
}

/**
 * Encrypts with AES-256-GCM under a fresh random 12-byte IV; `aad` is a protocol string binding the
 * ciphertext to where it belongs (account, secret revision, link, grant).
 * @param key - 32 raw bytes or an AES-GCM `CryptoKey`
 * @param iv - only for known-answer tests: reusing an IV with one key breaks GCM entirely
 */
export async function aesGcmEncrypt(
  key: Uint8Array | CryptoKey,
  plaintext: Uint8Array,
  aad: string,
  iv?: Uint8Array,
): Promise<Ciphertext> {
  return sealBytes(key, plaintext, utf8(aad), iv);
}

/**
 * Decrypts and authenticates {@link aesGcmEncrypt}'s output. Never returns a wrong plaintext.
 * @throws {@link VepError} `decrypt_failed` on a changed byte, a wrong key, a wrong AAD or a malformed object.
 */
export async function aesGcmDecrypt(
  key: Uint8Array | CryptoKey,
  c: Ciphertext,
  aad: string,
): Promise<Uint8Array<ArrayBuffer>> {
  return openBytes(key, c, utf8(aad));
}

/**
 * Opens an {@link aesGcmEncrypt} ciphertext of a 32-byte key (a grant's itemKey) straight into a
 * non-extractable AES-256-GCM key that can only decrypt (WebCrypto's `unwrapKey`: the same check and the same
 * bytes as {@link aesGcmDecrypt} then a raw import, in one call, and the key's bytes never in JavaScript).
 * @throws {@link VepError} `decrypt_failed` as {@link aesGcmDecrypt}; `bad_input` when what it opens is not
 * a 32-byte key (as a 16- or 20-byte itemKey was refused when it was imported).
 */
export async function unwrapAesKey(kek: CryptoKey, c: Ciphertext, aad: string): Promise<CryptoKey> {
  const { iv, ct } = parseCiphertext(c);
  let key: CryptoKey;
  try {
    key = await globalThis.crypto.subtle.unwrapKey(
      'raw',
      ct,
      kek,
      { name: 'AES-GCM', iv, additionalData: utf8(aad) },
      'AES-GCM',
      false,
      ['decrypt'],
    );
  } catch (e) {
    // The import of what was opened fails with a DataError (not 16, 24 or 32 bytes); the opening itself, with an
    // OperationError or an InvalidAccessError (a key that cannot unwrap).
    if ((e as { name?: string } | null)?.name === 'DataError') throw badInput('An AES-256 key must be 32 bytes.');
    throw decryptFailed();
  }
  if ((key.algorithm as AesKeyAlgorithm).length !== KEY_BYTES * 8) throw badInput('An AES-256 key must be 32 bytes.');
  return key;
}
