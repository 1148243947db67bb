import { bytesOf, utf8 } from './encoding';
import { badInput } from './errors';
import { KEY_BYTES } from './constants';

/** HKDF-SHA256 cannot produce more than 255 hash lengths (RFC 5869, section 2.3). */
const HKDF_MAX_BYTES = 255 * 32;

function checkLength(length: number, max: number): number {
  if (!Number.isSafeInteger(length) || length < 1 || length > max) {
    throw badInput(`A derived key must be from 1 to ${max} bytes long.`);
  }
  return length * 8;
}

/**
 * PBKDF2-HMAC-SHA256 (RFC 8018): stretches a password so each guess costs `iterations` HMACs.
 * @param length - output bytes, 32 by default
 * @throws {@link VepError} `bad_input` on a non-positive or fractional iteration count or length.
 */
export async function pbkdf2Sha256(
  password: Uint8Array,
  salt: Uint8Array,
  iterations: number,
  length: number = KEY_BYTES,
): Promise<Uint8Array<ArrayBuffer>> {
  if (!Number.isSafeInteger(iterations) || iterations < 1) {
    throw badInput('PBKDF2 needs a positive whole number of iterations.');
  }
  const bits = checkLength(length, 1024);
  const subtle = globalThis.crypto.subtle;
  const base = await subtle.importKey('raw', bytesOf(password), 'PBKDF2', false, ['deriveBits']);
  const params = { name: 'PBKDF2', hash: 'SHA-256', salt: bytesOf(salt), iterations };
  return new Uint8Array(await subtle.deriveBits(params, base, bits));
}

/**
 * HKDF-SHA256 (RFC 5869), extract then expand. An empty `salt` is the RFC's "not provided": HMAC pads
 * any key shorter than its block with zeros, so "" and 32 zero bytes give the same PRK.
 * @param info - bytes, or a protocol string (encoded as UTF-8)
 * @param length - output bytes, 32 by default
 */
export async function hkdfSha256(
  ikm: Uint8Array,
  salt: Uint8Array,
  info: Uint8Array | string,
  length: number = KEY_BYTES,
): Promise<Uint8Array<ArrayBuffer>> {
  const bits = checkLength(length, HKDF_MAX_BYTES);
  const infoBytes = typeof info === 'string' ? utf8(info) : bytesOf(info);
  const subtle = globalThis.crypto.subtle;
  const base = await subtle.importKey('raw', bytesOf(ikm), 'HKDF', false, ['deriveBits']);
  const params = { name: 'HKDF', hash: 'SHA-256', salt: bytesOf(salt), info: infoBytes };
  return new Uint8Array(await subtle.deriveBits(params, base, bits));
}

/**
 * {@link hkdfSha256} of 32 bytes straight into a non-extractable AES-256-GCM key for `usages` (WebCrypto's
 * `deriveKey`: the same bytes as `deriveBits` then a raw import, in one call, and never in JavaScript).
 */
export async function hkdfSha256AesKey(
  ikm: Uint8Array,
  salt: Uint8Array,
  info: string,
  usages: KeyUsage[],
): Promise<CryptoKey> {
  const subtle = globalThis.crypto.subtle;
  const base = await subtle.importKey('raw', bytesOf(ikm), 'HKDF', false, ['deriveKey']);
  const params = { name: 'HKDF', hash: 'SHA-256', salt: bytesOf(salt), info: utf8(info) };
  return subtle.deriveKey(params, base, { name: 'AES-GCM', length: KEY_BYTES * 8 }, false, usages);
}
